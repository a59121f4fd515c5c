"""The 监控表 fixtures read and reviewed, and a way to edit one for a rule's other case."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from jixiao.extract.monitoring import extract_monitoring
from jixiao.model.monitoring import MonitoringForm
from jixiao.read import read_file
from jixiao.scoring.policy import Policy, load_policy

Read = Callable[..., MonitoringForm]


@pytest.fixture(scope="session")
def beijing() -> Policy:
    return load_policy("beijing")


@pytest.fixture(scope="session")
def read_monitoring(monitoring_files: dict[tuple[str, str], Path]) -> Read:
    """The one 监控表 of fixture ``name`` read from its ``kind`` file (.docx by default)."""
    cache: dict[tuple[str, str], MonitoringForm] = {}

    def read(name: str, kind: str = "docx") -> MonitoringForm:
        if (name, kind) not in monitoring_files:
            pytest.skip("LibreOffice (soffice) is not installed")
        if (name, kind) not in cache:
            (cache[name, kind],) = extract_monitoring(read_file(monitoring_files[name, kind]))
        return cache[name, kind].model_copy(deep=True)

    return read
