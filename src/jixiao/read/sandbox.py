"""Reading one file in a process of its own, inside limits.

A hostile file must cost one file, never the batch or the server: a PDF whose streams inflate
to gigabytes, a page tree of a hundred thousand pages, a .doc that holds LibreOffice. The
readers refuse what they can see coming (`safety.Limits`: pages, inflated streams, table
depth, cells, LibreOffice's time); this module is the wall behind them. The file is read in a
child process started from a fork server (the readers imported once, each child forked from
it), with its address space and CPU time capped by ``setrlimit`` and the clock watched by the
parent. A child that crosses a limit or dies is reported as a `ReadError` in Chinese naming
the limit (内存超限, 耗时过长); its temporary folder and any LibreOffice it started are
removed all the same.

``JIXIAO_READ_SANDBOX=0`` reads in the calling process instead (benchmarks, debugging).
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import shutil
import signal
import sys
import tempfile
import threading
import time
import types
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from multiprocessing.process import AuthenticationString, BaseProcess
from pathlib import Path
from typing import Any, TypeVar

from jixiao.model.form import Form
from jixiao.model.grid import Document
from jixiao.read import safety
from jixiao.read.errors import ReadError
from jixiao.read.safety import Limits

T = TypeVar("T")

SANDBOX_ENV = "JIXIAO_READ_SANDBOX"
# imported once in the fork server, so each child starts with the readers loaded
PRELOAD = [
    "jixiao.read",
    "jixiao.read.sandbox",
    "jixiao.read.pdf",
    "jixiao.read.docx",
    "jixiao.read.html",
    "jixiao.read.spreadsheet",
    "jixiao.read.odf",
    "jixiao.extract",
    "pdfplumber",
    "pypdfium2",
]
_GROUP_MARK = "process-group-"  # a file in the task folder naming a process group to end
_DIED = (signal.SIGKILL, signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS)

_context: BaseContext | None = None
_starting = threading.Lock()
# what the child is told the main module is: nothing to import. A child started from a fork
# server otherwise runs the caller's main script again (a script without a __main__ guard
# would start readers without end)
_NO_MAIN = types.ModuleType("__main__")
_task_dir: Path | None = None  # in a child: its task folder


def enabled() -> bool:
    return os.environ.get(SANDBOX_ENV, "1").strip() not in ("0", "false", "no", "off")


def read_limited(data: bytes, name: str) -> Document:
    """`read_bytes` in a limited child process: the document, or a ReadError."""
    from jixiao.read import read_bytes

    return run_limited(read_bytes, data, name)


def read_forms(path: Path) -> list[Form]:
    """The forms of one file on disk, read and extracted in a limited child process. A scan's
    page progress, when the caller shows it (`scan.PROGRESS`), is passed on from the child."""
    scan = sys.modules.get("jixiao.read.scan")  # imported by whoever set a progress
    progress = scan.PROGRESS.get() if scan is not None else None
    return run_limited(_read_forms, path, progress=progress)


def _read_forms(path: Path) -> list[Form]:
    from jixiao.extract import extract_forms
    from jixiao.read import read_file

    return extract_forms(read_file(path))


def run_limited(
    func: Callable[..., T],
    *args: Any,
    limits: Limits | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> T:
    """``func(*args)`` in a child process within ``limits`` (the ones in force by default).

    Its result comes back pickled; an exception it raises is raised here. A child that runs
    out of time or memory, or dies, raises a ReadError saying so in Chinese. ``func`` must be
    a module-level function (it is pickled by name). ``progress`` is called here with each
    page a scan being read in the child reports (`scan.PROGRESS`)."""
    limits = limits or safety.LIMITS
    if not enabled():
        return func(*args)
    ctx = _fork_server()
    task_dir = Path(tempfile.mkdtemp(prefix="jixiao-read-"))
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(  # type: ignore[attr-defined]
        target=_child,
        args=(sender, func, args, limits, str(task_dir), dict(os.environ), progress is not None),
        name="jixiao-read",
    )
    finished = False
    try:
        _start(process)
        sender.close()
        outcome = _wait(process, receiver, limits, progress)
        finished = True
    finally:
        receiver.close()
        _end(process, task_dir, ended_well=finished and process.exitcode == 0)
        shutil.rmtree(task_dir, ignore_errors=True)
    kind, value = outcome
    if kind == "ok":
        return value  # type: ignore[no-any-return]
    raise value


def note_process_group(pgid: int) -> None:
    """Say that this reading process started a process group of its own (LibreOffice), so
    that the parent ends it too if this process is killed. Nothing outside a sandbox."""
    if _task_dir is not None:
        (_task_dir / f"{_GROUP_MARK}{pgid}").touch()


def _forget_fork_server() -> None:
    """In a process forked from one that had started the fork server (a Celery prefork worker
    forked from its master): that server is the parent's, so this process starts its own."""
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    if server is None or getattr(server, "_forkserver_pid", None) is None:
        return
    alive = getattr(server, "_forkserver_alive_fd", None)
    if alive is not None:
        try:
            os.close(alive)
        except OSError:
            pass
    server._forkserver_alive_fd = None
    server._forkserver_address = None
    server._forkserver_pid = None


os.register_at_fork(after_in_child=_forget_fork_server)


def _fork_server() -> BaseContext:
    global _context
    if _context is None:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)  # type: ignore[attr-defined]
        _context = ctx
    return _context


def _start(process: BaseProcess) -> None:
    """Start the child. In a daemonic process (a Celery prefork worker) too: multiprocessing
    refuses children there lest they outlive it, but this child is always joined or killed
    before `run_limited` returns; billiard's process key is passed on as multiprocessing's."""
    with _starting:
        main = sys.modules["__main__"]
        config = multiprocessing.current_process()._config  # type: ignore[attr-defined]
        daemon = config.get("daemon")
        authkey = config.get("authkey")
        sys.modules["__main__"] = _NO_MAIN
        config["daemon"] = False
        if authkey is not None and type(authkey) is not AuthenticationString:
            config["authkey"] = AuthenticationString(bytes(authkey))  # billiard's own kind
            process.authkey = bytes(authkey)
        try:
            process.start()
        finally:
            sys.modules["__main__"] = main
            config["authkey"] = authkey
            if daemon is not None:
                config["daemon"] = daemon
            else:
                config.pop("daemon", None)


def _wait(
    process: BaseProcess,
    receiver: Connection,
    limits: Limits,
    progress: Callable[[int, int], None] | None,
) -> tuple[str, Any]:
    """What the child sent (its progress passed on meanwhile), or the refusal its end calls
    for."""
    deadline = time.monotonic() + limits.wall_seconds
    while True:
        if not receiver.poll(max(deadline - time.monotonic(), 0)):
            return "error", ReadError(safety.too_slow())
        try:
            kind, value = receiver.recv()
        except (EOFError, OSError):  # died without a word: killed by a limit or crashed
            process.join(10)
            return "error", ReadError(_death(process.exitcode, limits))
        if kind != "progress":
            break
        if progress is not None:
            progress(*value)
    process.join(10)
    return kind, value


def _death(code: int | None, limits: Limits) -> str:
    if code is not None and code < 0:
        if -code == signal.SIGXCPU:
            return safety.too_slow()
        if -code in _DIED:  # the system's OOM killer, or an allocation that failed in C
            return safety.out_of_memory() + "（读取进程被终止）"
    return f"读取该文件的进程意外退出（代码 {code}），已跳过；请把此文件反馈给维护者"


def _end(process: BaseProcess, task_dir: Path, ended_well: bool) -> None:
    """The child and what it started, ended; a child that ended well has ended its own."""
    if process.pid is None:
        return
    if process.is_alive():
        try:
            os.killpg(process.pid, signal.SIGKILL)  # the child leads its own group
        except (ProcessLookupError, PermissionError):
            process.kill()
        process.join(10)
    if not ended_well:
        for mark in task_dir.glob(f"{_GROUP_MARK}*"):
            try:
                os.killpg(int(mark.name.removeprefix(_GROUP_MARK)), signal.SIGKILL)
            except (ProcessLookupError, PermissionError, ValueError):
                pass
    process.close()


def _child(
    sender: Connection,
    func: Callable[..., Any],
    args: tuple[Any, ...],
    limits: Limits,
    task_dir: str,
    environ: dict[str, str],
    relay_progress: bool = False,
) -> None:
    """In the child: the caller's environment and limits, a private temporary folder, the
    work, and its result or exception sent back."""
    global _task_dir
    os.setsid()  # a process group of its own: ended as a whole with what it starts
    os.environ.clear()
    os.environ.update(environ)
    os.environ["TMPDIR"] = task_dir
    tempfile.tempdir = task_dir
    _task_dir = Path(task_dir)
    safety.LIMITS = limits
    memory = limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 5))
    if relay_progress:
        from jixiao.read.scan import PROGRESS

        PROGRESS.set(lambda page, pages: sender.send(("progress", (page, pages))))
    result: tuple[str, Any]
    try:
        result = ("ok", func(*args))
    except MemoryError:
        result = ("error", ReadError(safety.out_of_memory()))
    except RecursionError:
        result = ("error", ReadError("文件结构嵌套过深，已拒绝读取"))
    except BaseException as exc:  # noqa: BLE001 - the caller decides what it means
        result = ("error", exc)
    try:
        sender.send(result)
    except MemoryError:
        sender.send(("error", ReadError(safety.out_of_memory())))
    except Exception as exc:  # noqa: BLE001 - an exception that does not pickle
        sender.send(("error", RuntimeError(f"{type(result[1]).__name__}: {exc}")))
    finally:
        sender.close()
