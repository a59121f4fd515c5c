"""The production settings pass Django's deployment checklist."""

from __future__ import annotations

import os
import subprocess
import sys

from seeds import ROOT


def test_manage_check_deploy_is_clean_under_production_settings(tmp_path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jixiao.web.settings_production",
        "JIXIAO_DATA_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    proc = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no issues" in proc.stdout
