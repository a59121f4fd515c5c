"""Test-wide settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests check what is generated, never how fast: on a busy CI machine the generation's
# timing checks (too_slow, the per-example deadline) fail for no fault of the code.
settings.register_profile("jixiao", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("jixiao")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """No persistent connections in tests: a live server's thread must not keep a session open
    on the test database while it is being dropped (PostgreSQL refuses that)."""
    from django.conf import settings

    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing() -> None:
    """Hash test passwords with a cheap hasher: the real one spends a second per few users, and
    the tests are about who may do what, not about the hash. The application keeps its own."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def region_files(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """The regional templates of tests/fixtures/regions written as .docx, .xlsx and (with
    LibreOffice) .pdf, once per test session for every test that reads them."""
    from fixtures.regions.build import build_all
    from office import soffice

    try:
        program: str | None = soffice()
    except pytest.skip.Exception:
        program = None  # the .docx and .xlsx cases still run
    return build_all(tmp_path_factory.mktemp("regions"), program)


@pytest.fixture(scope="session")
def monitoring_files(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """The 绩效运行监控表 fixtures of tests/fixtures/monitoring as .docx, .xlsx and (with
    LibreOffice) .pdf, once per test session: (name, format) → file."""
    from fixtures.monitoring.build import build_all
    from office import soffice

    try:
        program: str | None = soffice()
    except pytest.skip.Exception:
        program = None  # the .docx and .xlsx cases still run
    return build_all(tmp_path_factory.mktemp("monitoring"), program)


@pytest.fixture(scope="session")
def targets_files(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """The 绩效目标申报表 fixtures of tests/fixtures/targets as .docx, .xlsx and (with
    LibreOffice) .pdf, once per test session: (name, format) → file."""
    from fixtures.targets.build import build_all
    from office import soffice

    try:
        program: str | None = soffice()
    except pytest.skip.Exception:
        program = None  # the .docx and .xlsx cases still run
    return build_all(tmp_path_factory.mktemp("targets"), program)
