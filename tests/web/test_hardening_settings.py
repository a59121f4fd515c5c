"""The settings fail closed: DEBUG off unless asked for, no production start without a secret
key, data files for the owner only, SQLite writers that wait for each other."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

PRINT = (
    "import json; from django.conf import settings as s; "
    "print(json.dumps({'debug': s.DEBUG, 'key': s.SECRET_KEY, "
    "'options': s.DATABASES['default'].get('OPTIONS', {})}))"
)


def start(
    data_dir: Path, module: str = "jixiao.web.settings", **env: str
) -> subprocess.CompletedProcess:
    """Load the settings in a fresh process, as `gunicorn jixiao.web.wsgi` would."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"JIXIAO_DEBUG", "JIXIAO_SECRET_KEY", "DATABASE_URL"}
    }
    clean.update(DJANGO_SETTINGS_MODULE=module, JIXIAO_DATA_DIR=str(data_dir), **env)
    return subprocess.run(
        [sys.executable, "-c", PRINT], capture_output=True, text=True, env=clean, check=False
    )


@pytest.mark.parametrize("module", ["jixiao.web.settings", "jixiao.web.settings_production"])
def test_a_start_without_a_secret_key_stops_with_a_clear_message(tmp_path, module) -> None:
    proc = start(tmp_path, module)
    assert proc.returncode != 0
    assert "ImproperlyConfigured" in proc.stderr
    assert "未设置 JIXIAO_SECRET_KEY" in proc.stderr
    assert not (tmp_path / "secret_key").exists()


def test_debug_is_off_unless_asked_for(tmp_path) -> None:
    proc = start(tmp_path, JIXIAO_SECRET_KEY="k" * 50)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["debug"] is False
    proc = start(tmp_path, JIXIAO_SECRET_KEY="k" * 50, JIXIAO_DEBUG="0")
    assert json.loads(proc.stdout)["debug"] is False


def test_a_debug_start_keeps_a_generated_key_for_the_owner_only(tmp_path) -> None:
    first = start(tmp_path, JIXIAO_DEBUG="1")
    assert first.returncode == 0, first.stderr
    shown = json.loads(first.stdout)
    assert shown["debug"] is True
    path = tmp_path / "secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(start(tmp_path, JIXIAO_DEBUG="1").stdout)["key"] == shown["key"]


def test_the_database_and_the_originals_are_made_for_the_owner_only(tmp_path) -> None:
    proc = start(tmp_path, JIXIAO_SECRET_KEY="k" * 50)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE((tmp_path / "jixiao.sqlite3").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "originals").stat().st_mode) == 0o700


def test_sqlite_writers_wait_in_immediate_transactions(tmp_path) -> None:
    options = json.loads(start(tmp_path, JIXIAO_SECRET_KEY="k" * 50).stdout)["options"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 10
    assert "journal_mode=WAL" in options["init_command"]


def test_production_reads_the_browsers_address_from_its_proxy(tmp_path) -> None:
    script = "from django.conf import settings as s; print(s.JIXIAO_TRUSTED_PROXIES)"
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "JIXIAO_TRUSTED_PROXIES"}
        },
        "DJANGO_SETTINGS_MODULE": "jixiao.web.settings_production",
        "JIXIAO_DATA_DIR": str(tmp_path),
        "JIXIAO_SECRET_KEY": "k" * 50,
    }
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert proc.stdout.strip() == "1", proc.stderr
    env["DJANGO_SETTINGS_MODULE"] = "jixiao.web.settings"
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert proc.stdout.strip() == "0", proc.stderr  # make run: no proxy in front


def test_the_wsgi_entry_point_runs_the_production_settings_unless_told(tmp_path) -> None:
    """`gunicorn jixiao.web.wsgi` with no DJANGO_SETTINGS_MODULE: a deployment, so HTTPS and
    secure cookies, and no start without a secret key."""
    script = (
        "import json, jixiao.web.wsgi; from django.conf import settings as s; "
        "print(json.dumps([s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.DEBUG]))"
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"JIXIAO_DEBUG", "JIXIAO_SECRET_KEY", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    clean["JIXIAO_DATA_DIR"] = str(tmp_path)
    run = lambda **env: subprocess.run(  # noqa: E731
        [sys.executable, "-c", script], capture_output=True, text=True, env={**clean, **env}
    )
    refused = run()
    assert refused.returncode != 0 and "未设置 JIXIAO_SECRET_KEY" in refused.stderr
    started = run(JIXIAO_SECRET_KEY="k" * 50)
    assert started.returncode == 0, started.stderr
    assert json.loads(started.stdout) == [True, True, False]
