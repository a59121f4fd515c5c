"""Killing the worker in the middle of an import loses nothing: with real worker processes on
the real queues — the database queue (`make run`: `manage.py jobs_worker`) and Celery on the
machine's Redis and RabbitMQ (a deployment: jixiao's django-tasks backend, acks_late) — an
upload of five files is queued, a worker is killed with kill -9 after the first file while
the next is being read, a worker is started again, and every file ends imported exactly once.
"""

from __future__ import annotations

import secrets
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from jobs_site import BIN, FILES, ROOT, Site, copied_site, template_site

BROKERS = {
    "celery-redis": ("redis://127.0.0.1:6379/14", 6379),
    "celery-rabbitmq": ("amqp://guest:guest@127.0.0.1:5672//", 5672),
}


@pytest.fixture(scope="session")
def queue_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    yield from template_site(tmp_path_factory)


@pytest.fixture
def site(queue_template: Site, tmp_path: Path) -> Iterator[Site]:
    yield from copied_site(queue_template, tmp_path)


def reachable(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except OSError:
        return False
    return True


@pytest.fixture(params=["database", *BROKERS])
def queue(request) -> Iterator[dict[str, str]]:
    """The environment of the set-up and the workers: which queue, and for Celery which broker
    (a queue of its own for this test, deleted after it)."""
    if request.param == "database":
        yield {"JIXIAO_TASKS": "database"}
        return
    url, port = BROKERS[request.param]
    if not reachable(port):
        pytest.skip(f"{request.param}: 127.0.0.1:{port} 上没有运行")
    name = f"jixiao-test-{secrets.token_hex(4)}"
    yield {
        "JIXIAO_TASKS": "celery",
        "JIXIAO_CELERY_BROKER": url,
        "JIXIAO_CELERY_QUEUE": name,
        # a message whose worker vanished comes back after 2 s on Redis (RabbitMQ: at once)
        "JIXIAO_CELERY_VISIBILITY_TIMEOUT": "2",
    }
    from kombu import Connection

    with Connection(url) as connection:
        connection.default_channel.queue_delete(name)


def worker(site: Site, queue: dict[str, str]) -> subprocess.Popen:
    if queue["JIXIAO_TASKS"] == "database":  # the same id each time, as `make run` does
        command = [sys.executable, str(ROOT / "manage.py"), "jobs_worker"]
        command += ["--worker-id", "test-worker", "--interval", "0.1"]
        return site.start("db_worker", *command, **queue)
    name = queue["JIXIAO_CELERY_QUEUE"]
    command = [str(BIN / "celery"), "-A", "jixiao.web.celery", "worker", "--pool=solo"]
    command += ["-Q", name, "-n", f"{name}@%h", "-l", "INFO"]
    command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
    return site.start("celery", *command, **queue)


def test_a_worker_killed_mid_import_loses_nothing_and_doubles_nothing(
    site: Site, queue: dict[str, str]
) -> None:
    job = site.start_import(queue)
    # nothing is done before a worker runs, yet every original is kept with its pending row
    assert [state for _, state, _ in site.files(job)] == ["queued"] * FILES
    assert len(list((site.folder / "originals").glob("*/*"))) == FILES

    first = worker(site, queue)
    site.wait_until(lambda: site.in_the_middle(job), "the first file read, the next begun")
    site.kill(first)
    assert 1 <= site.finished(job) < FILES, "the worker was to die mid-import"

    worker(site, queue)  # the killed worker's task comes back: the database queue's worker
    # puts back what its id had started; Celery's broker gives back the unacknowledged message
    site.wait_until(lambda: site.finished(job) == FILES, "the whole import")
    site.assert_imported_once(job)
