"""A second site for the task tests: its own data folder and database (SQLite, or a new
PostgreSQL database when the suite runs on PostgreSQL), migrated once per session, run by real
processes — `manage.py` for the set-up, a real worker (the database queue's or Celery's) for
the work — and read back with plain SQL, as an operator would look.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from seeds import SAMPLES

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
# an import of FILES files, each seed 004's two forms COPIES times over, under projects of
# their own names: enough forms that a file takes a moment to import (a batch save of a file
# of two forms is over before a test can see it begun)
FILES = 5
COPIES = 10
FORMS = 2 * COPIES  # in each file
SEED = SAMPLES / "004_b10b36a27f1da553.txt"
PROJECTS = ("公共服务经费", "民生家园建设经费")
WAIT = 300  # seconds a test waits for workers on a busy machine before it fails


def _postgres() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def _server(url: str, database: str) -> str:
    return url.rsplit("/", 1)[0] + "/" + database


@dataclass
class Site:
    folder: Path
    database: str  # DATABASE_URL
    env: dict[str, str] = field(default_factory=dict)
    workers: list[subprocess.Popen] = field(default_factory=list)

    def manage(self, *args: str, **env: str) -> str:
        done = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            capture_output=True,
            text=True,
            env={**self.env, **env},
            cwd=self.folder,
            timeout=WAIT,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def start(self, name: str, *argv: str, **env: str) -> subprocess.Popen:
        """A worker process, in its own process group (so all of it can be killed)."""
        log = (self.folder / f"{name}.log").open("ab")
        process = subprocess.Popen(
            list(argv),
            env={**self.env, **env},
            cwd=self.folder,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.workers.append(process)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        """kill -9, the whole process group: no clean-up runs."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    def stop_all(self) -> None:
        for process in self.workers:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)

    def log(self, name: str) -> str:
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def query(self, sql: str, *params: Any) -> list[tuple]:
        """Plain SQL on the site's database (placeholders written %s)."""
        if self.database.startswith("sqlite"):
            with sqlite3.connect(self.database.removeprefix("sqlite:///"), timeout=30) as db:
                return db.execute(sql.replace("%s", "?"), params).fetchall()
        import psycopg

        with psycopg.connect(self.database) as db:
            return db.execute(sql, params).fetchall()

    def wait_until(self, done: Any, what: str) -> None:
        deadline = time.monotonic() + WAIT
        while not done():
            if time.monotonic() > deadline:
                logs = "\n".join(self.log(p) for p in ("db_worker", "celery"))
                pytest.fail(f"{what}: not within {WAIT} s\n{logs}")
            time.sleep(0.05)

    def seeds(self) -> list[Path]:
        """The files of the import: seed 004 COPIES times in each, its projects renamed 第1批之1,
        第1批之2 … 第2批之1 …"""
        paths = []
        for number in range(1, FILES + 1):
            copies = []
            for copy in range(1, COPIES + 1):
                text = SEED.read_text(encoding="utf-8")
                for name in PROJECTS:
                    text = text.replace(name, f"{name}第{number}批之{copy}")
                copies.append(text)
            text = "\n\n".join(copies)
            path = self.folder / f"第{number}批.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        return paths

    def start_import(self, queue: dict[str, str]) -> int:
        """The administrator uploads the seed files into a unit; the job's id. Queued on
        `queue` (JIXIAO_TASKS …), nothing is done until a worker runs."""
        code = (
            "from pathlib import Path\n"
            "from django.contrib.auth import get_user_model\n"
            "from jixiao.web.orgs.models import Organisation\n"
            "from jixiao.web.jobs.services import start_import\n"
            "bureau = Organisation.objects.create(name='某区财政局', kind='bureau')\n"
            "unit = Organisation.objects.create(name='某单位', kind='unit', parent=bureau)\n"
            "admin = get_user_model().objects.create_superuser('root', password='x-Passw0rd!')\n"
            f"paths = [Path(p) for p in {[str(p) for p in self.seeds()]!r}]\n"
            "job = start_import(admin, [(p.name, p.read_bytes()) for p in paths], unit)\n"
            "print(job.pk)\n"
        )
        out = self.manage("shell", "-v", "0", "-c", code, **queue)
        return int(out.strip().splitlines()[-1])

    def files(self, job: int) -> list[tuple[str, str, str]]:
        """(name, state, message) of each file of the job."""
        return self.query(
            "SELECT name, state, message FROM jobs_jobfile WHERE job_id = %s ORDER BY position",
            job,
        )

    def in_the_middle(self, job: int) -> bool:
        """A file of the job read and the next begun: the moment to kill the worker."""
        states = [state for _, state, _ in self.files(job)]
        return "done" in states and "running" in states

    def finished(self, job: int) -> int:
        return sum(1 for _, state, _ in self.files(job) if state in ("done", "failed"))

    def assert_imported_once(self, job: int) -> None:
        """Every file done once: each made its forms (not "已上传过"), one version each."""
        self.wait_until(
            lambda: self.query("SELECT state FROM jobs_job WHERE id = %s", job)[0][0] == "done",
            "the job settled",
        )
        files = self.files(job)
        assert [(name, state) for name, state, _ in files] == [
            (p.name, "done") for p in self.seeds()
        ]
        assert {message for _, _, message in files} == {f"读出 {FORMS} 张自评表"}
        assert self.query("SELECT count(*) FROM forms_formrecord")[0][0] == FILES * FORMS
        assert self.query("SELECT count(*) FROM forms_formversion")[0][0] == FILES * FORMS
        assert self.query("SELECT count(*) FROM forms_storedfile")[0][0] == FILES


def template_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A migrated, empty site (a session fixture): the template each test's site copies."""
    folder = tmp_path_factory.mktemp("jobs_template")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "JIXIAO_TASKS")}
    env.update(
        DJANGO_SETTINGS_MODULE="jixiao.web.settings",
        JIXIAO_DATA_DIR=str(folder),
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
    )
    server = _postgres()
    if server is None:
        database = f"sqlite:///{folder / 'jixiao.sqlite3'}"
    else:
        import psycopg

        database = _server(server, f"jixiao_jobs_{secrets.token_hex(5)}")
        with psycopg.connect(_server(server, "postgres"), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{database.rsplit("/", 1)[1]}"')
    site = Site(folder, database, {**env, "DATABASE_URL": database})
    site.manage("migrate", "--no-input", "-v", "0")
    try:
        yield site
    finally:
        if server is not None:
            _drop(server, database)


def _drop(server: str, database: str) -> None:
    import psycopg

    with psycopg.connect(_server(server, "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{database.rsplit("/", 1)[1]}" WITH (FORCE)')


def copied_site(queue_template: Site, tmp_path: Path) -> Iterator[Site]:
    """A fresh copy of the migrated site (a fixture), its own data folder; its workers killed
    at the end."""
    folder = tmp_path / "site"
    folder.mkdir()
    server = _postgres()
    if server is None:
        database = f"sqlite:///{folder / 'jixiao.sqlite3'}"
        source = sqlite3.connect(queue_template.database.removeprefix("sqlite:///"))
        with sqlite3.connect(database.removeprefix("sqlite:///")) as copy:
            source.backup(copy)
        source.close()
    else:
        import psycopg

        database = _server(server, f"jixiao_jobs_{secrets.token_hex(5)}")
        template = queue_template.database.rsplit("/", 1)[1]
        with psycopg.connect(_server(server, "postgres"), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{database.rsplit("/", 1)[1]}" TEMPLATE "{template}"')
    env = {**queue_template.env, "JIXIAO_DATA_DIR": str(folder), "DATABASE_URL": database}
    site = Site(folder, database, env)
    try:
        yield site
    finally:
        site.stop_all()
        if server is not None:
            _drop(server, database)
        shutil.rmtree(folder / "originals", ignore_errors=True)


def run_queued() -> None:
    """What `manage.py jobs_worker --batch` does with each queued task, in this process (the
    worker itself closes the test's connection on PostgreSQL; real worker processes are in
    test_jobs_worker_killed.py)."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    while (queued := DBTaskResult.objects.ready().first()) is not None:
        queued.claim(worker.worker_id)
        worker.run_task(queued)
