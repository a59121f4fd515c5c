"""Real concurrency against the real database: many threads, each with its own connection,
released together.

On PostgreSQL the threads work on the test database itself (the test uses `transactional_db`, so
they see what it wrote). On SQLite they work on a file copy of it: the in-memory test database
that threads share locks whole tables (SQLITE_LOCKED), which no busy timeout covers, while a
deployment's database is a file, opened with the settings' OPTIONS (timeout, IMMEDIATE
transactions, WAL) — the copy is opened with the same OPTIONS, so those are what is tested.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from django.db import connection, connections

T = TypeVar("T")


@contextmanager
def shared_database(tmp_path: Path) -> Iterator[None]:
    """Within it, new threads' connections reach a database that several connections can write
    at once: on SQLite a file copy of the test database (made on entry), else the database."""
    if connection.vendor != "sqlite":
        yield
        return
    copy = tmp_path / "concurrent.sqlite3"
    target = sqlite3.connect(copy)
    connection.ensure_connection()
    connection.connection.backup(target)
    # in WAL mode already, as a deployed database is from its first connection on (`migrate`):
    # twenty first connections switching a fresh file at once would race for that alone
    target.execute("PRAGMA journal_mode=WAL")
    target.close()
    settings = connections.settings["default"]
    name = settings["NAME"]
    settings["NAME"] = str(copy)
    try:
        yield
    finally:
        settings["NAME"] = name


def together(count: int, work: Callable[[int], T]) -> list[T | BaseException]:
    """``work(i)`` in ``count`` threads released at the same moment; each result or exception."""
    gate = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(i: int) -> None:
        try:
            gate.wait()
            results[i] = work(i)
        except BaseException as exc:  # noqa: BLE001 — reported to the test, not lost in a thread
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def afterwards(work: Callable[[], T]) -> T:
    """``work()`` on a thread's own connection: on SQLite the test's own connection still
    reaches the in-memory database, not the copy the threads wrote to."""
    result = together(1, lambda _: work())[0]
    if isinstance(result, BaseException):
        raise result
    return result
