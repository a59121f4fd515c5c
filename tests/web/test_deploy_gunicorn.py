"""deploy/gunicorn.conf.py is a configuration gunicorn accepts: a real gunicorn started with it
(on a free port, one worker, the test settings) serves the login page and stops on SIGTERM."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str] | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def test_gunicorn_serves_the_login_page_with_the_deploy_configuration(tmp_path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_WEB_", "RUNTIME_"))}
    env.update(
        DJANGO_SETTINGS_MODULE=os.environ.get("DJANGO_SETTINGS_MODULE", "jixiao.web.settings_test"),
        JIXIAO_DATA_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'jixiao.sqlite3'}",
        # the access log to a file, to see that the configuration's log settings take effect
        JIXIAO_WEB_ACCESS_LOG=str(tmp_path / "access.log"),
    )
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [str(GUNICORN), "-c", str(CONFIG), "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=tmp_path,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        answer = None
        deadline = time.monotonic() + 120  # a busy machine: only a bound on waiting, not a check
        while answer is None and time.monotonic() < deadline and server.poll() is None:
            time.sleep(0.5)
            answer = get(f"http://127.0.0.1:{port}/login/")
        output = (tmp_path / "gunicorn.log").read_text()
        if answer is None and "Connection in use" in output:
            pytest.skip(f"gunicorn 无法监听端口 {port}")
        assert answer is not None, output
        status, page = answer
        assert status == 200
        assert "<title>登录" in page
        assert "Booting worker" in output and "Using worker: sync" in output
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            code = server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            raise
        log.close()
    assert code == 0
    assert '"GET /login/ HTTP/1.1" 200' in (tmp_path / "access.log").read_text()
