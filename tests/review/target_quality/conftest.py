"""The 申报表 fixtures read once per session (from .docx), and a helper to review an edited copy."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from jixiao.extract.targets import extract_targets
from jixiao.model.finding import Finding
from jixiao.model.targets import TargetsForm
from jixiao.read import read_file
from jixiao.review.target_quality import review_targets
from jixiao.scoring.policy import Policy, load_policy


@pytest.fixture(scope="session")
def policy() -> Policy:
    return load_policy("beijing")


@pytest.fixture(scope="session")
def declared(targets_files: dict[tuple[str, str], Path]) -> dict[str, TargetsForm]:
    """Each fixture's 申报表 as read from its .docx: "mof" (clean), "split", "anzhen"."""
    out = {}
    for (name, kind), path in targets_files.items():
        if kind == "docx":
            (out[name],) = extract_targets(read_file(path))
    return out


@pytest.fixture(scope="session")
def findings(policy: Policy) -> Callable[[TargetsForm, str], list[Finding]]:
    """The findings of one rule (by code) on a 申报表."""

    def run(targets: TargetsForm, code: str) -> list[Finding]:
        return [f for f in review_targets(targets, policy) if f.code == code]

    return run
