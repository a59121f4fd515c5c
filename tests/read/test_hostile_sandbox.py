"""Each file is read in a process of its own within limits: memory, CPU time and the clock.
A process that crosses one, or dies, costs its file only: the reason is in Chinese, its
temporary files are gone, and the next file is read."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import hostile_files
import pytest

from jixiao.read import ReadError, safety
from jixiao.read.safety import Limits
from jixiao.read.sandbox import SANDBOX_ENV, run_limited


def refused(func, *args, **limits: int) -> str:
    with pytest.raises(ReadError) as caught:
        run_limited(func, *args, limits=Limits(**limits))
    return caught.value.reason


def test_it_returns_what_the_work_returns() -> None:
    assert run_limited(hostile_files.eat_memory, 16) == 16 * 1024 * 1024


def test_memory_beyond_the_limit_is_refused_as_such() -> None:
    reason = refused(hostile_files.eat_memory, 2048, memory_mb=512)
    assert "内存超限" in reason
    assert "损坏" not in reason and "扫描件" not in reason


def test_cpu_time_beyond_the_limit_is_refused_as_too_slow() -> None:
    assert "耗时过长" in refused(hostile_files.spin, cpu_seconds=1)


def test_the_clock_ends_work_that_waits() -> None:
    assert "耗时过长" in refused(hostile_files.sleep, 60, wall_seconds=1)


def test_a_killed_child_is_a_refusal_and_its_temporary_files_are_gone(tmp_path: Path) -> None:
    marker = tmp_path / "where"
    reason = refused(hostile_files.leave_a_file_and_die, str(marker))
    assert "读取进程被终止" in reason
    left = Path(marker.read_text())
    assert "jixiao-read-" in str(left)  # it was in the sandbox's own folder …
    assert not left.exists() and not left.parent.exists()  # … which is removed
    assert run_limited(hostile_files.eat_memory, 1) == 1024 * 1024  # the next file is read


def test_an_exception_in_the_child_is_raised_as_itself() -> None:
    with pytest.raises(ZeroDivisionError):
        run_limited(divmod, 1, 0)


def test_the_limits_in_force_reach_the_child(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "LIMITS", Limits(memory_mb=512))
    with pytest.raises(ReadError, match="内存超限"):
        run_limited(hostile_files.eat_memory, 2048)


def test_the_limits_can_be_set_from_the_environment() -> None:
    limits = Limits.from_env({"JIXIAO_READ_PDF_PAGES": "50", "JIXIAO_READ_TABLE_DEPTH": "x"})
    assert limits.pdf_pages == 50
    assert limits.table_depth == Limits().table_depth  # not a number: the default


def test_without_the_sandbox_the_work_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SANDBOX_ENV, "0")
    assert run_limited(os.getpid) == os.getpid()
    with pytest.raises(ZeroDivisionError):
        run_limited(divmod, 1, 0)


def test_a_child_is_its_own_process_group() -> None:
    assert run_limited(os.getpgid, 0) != os.getpgid(0)


def _read_in(queue: multiprocessing.Queue) -> None:
    queue.put(run_limited(hostile_files.eat_memory, 1))


def test_a_daemonic_process_can_read_too() -> None:
    """A Celery prefork worker is a daemonic process: it may still read files."""
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    worker = ctx.Process(target=_read_in, args=(queue,), daemon=True)
    worker.start()
    assert queue.get(timeout=60) == 1024 * 1024
    worker.join(10)
    assert worker.exitcode == 0


def test_a_celery_prefork_worker_can_read_too() -> None:
    """Celery's prefork pool runs tasks in billiard's daemonic processes, with their own kind
    of process key."""
    from billiard import Pool

    with Pool(1) as pool:
        [child] = pool.map(hostile_files.sandboxed_pid, [0])
    assert child != os.getpid()
