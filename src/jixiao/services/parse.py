"""Parse files and folders into declared forms, one file at a time, never stopping a batch.

Every file either gives its forms or one entry in `errors` saying, in Chinese, which file and
why. Nothing a file contains can stop the files after it: each is read in a process of its own
within limits (`jixiao.read.sandbox`). `iter_parsed` gives the files one by one, so a caller
that prints or writes each as it comes keeps memory flat over any number of files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from jixiao.model.form import FileError, Form, ParseResult
from jixiao.read import SUFFIXES, ReadError
from jixiao.read.sandbox import read_forms

NO_FORM = "未在文件中找到项目支出绩效自评表（没有“项目名称”及指标表）"


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Named files as given; folders walked (sorted) for files of a format jixiao reads."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (
                    child.is_file()
                    and child.suffix.lower() in SUFFIXES
                    and not child.name.startswith((".", "~$"))
                ):
                    yield child
        else:
            yield path


def parse_file(path: Path) -> tuple[list[Form], FileError | None]:
    """The forms of one file, or why there are none."""
    try:
        forms = read_forms(path)
    except ReadError as exc:
        return [], FileError(file=str(path), message=f"{path.name}：{exc.reason}")
    except MemoryError:
        return [], FileError(file=str(path), message=f"{path.name}：文件内容过大，内存不足，已跳过")
    except RecursionError:
        return [], FileError(file=str(path), message=f"{path.name}：文件结构嵌套过深，已跳过")
    except Exception as exc:  # a bug in jixiao must not stop the batch  # noqa: BLE001
        return [], FileError(
            file=str(path),
            message=f"{path.name}：读取时出现意外错误（{type(exc).__name__}），已跳过；请把此文件反馈给维护者",
        )
    if not forms:
        return [], FileError(file=str(path), message=f"{path.name}：{NO_FORM}")
    return forms, None


def iter_parsed(
    paths: Iterable[Path], wrap: Callable[[list[Path]], Iterable[Path]] | None = None
) -> Iterator[tuple[Path, list[Form], FileError | None]]:
    """Each file under ``paths`` with its forms or why there are none, one at a time;
    ``wrap`` may add a progress bar around the file list."""
    files = list(iter_files(paths))
    for path in wrap(files) if wrap else files:
        if not path.exists():
            yield path, [], FileError(file=str(path), message=f"{path.name}：文件不存在")
            continue
        forms, error = parse_file(path)
        yield path, forms, error


def parse_paths(
    paths: Iterable[Path], wrap: Callable[[list[Path]], Iterable[Path]] | None = None
) -> ParseResult:
    """Parse every file under ``paths`` into one result (every form kept: for callers that
    need them together, such as cross-form checks)."""
    result = ParseResult()
    for _, forms, error in iter_parsed(paths, wrap):
        result.forms.extend(forms)
        if error is not None:
            result.errors.append(error)
    return result
