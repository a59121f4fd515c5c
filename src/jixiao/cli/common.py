"""What every command shares: the input arguments, the progress bar, terminal widths, JSON out."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

from jixiao.model.finding import Severity
from jixiao.model.form import FileError

PROGRESS_AFTER = 3  # show a progress bar for batches of more files than this

Wrap = Callable[[list[Path]], Iterable[Path]]


def add_inputs(command: argparse.ArgumentParser) -> None:
    """The arguments every command that reads documents takes."""
    command.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="文件或文件夹（递归）")
    command.add_argument("--no-progress", action="store_true", help="不显示进度条")


def progress(files: list[Path]) -> Iterable[Path]:
    if len(files) <= PROGRESS_AFTER:
        return files
    from tqdm import tqdm

    # disable=None: shown only when stderr is a terminal
    return tqdm(files, desc="读取", unit="个文件", file=sys.stderr, disable=None, leave=False)


def wrap(args: argparse.Namespace) -> Wrap | None:
    """The progress bar for this run, unless --no-progress (which also silences the page
    progress of a scan being read)."""
    if args.no_progress:
        return None
    from jixiao.read.scan import PROGRESS

    PROGRESS.set(scan_progress)
    return progress


def scan_progress(page: int, pages: int) -> None:
    """A scan's page progress on stderr: OCR takes seconds a page."""
    print(f"识别第 {page}/{pages} 页…", file=sys.stderr, flush=True)


def display_width(text: str) -> int:
    """Columns the text takes in a terminal: CJK characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit(text: str, width: int) -> str:
    """Cut and pad text to a display width."""
    out = ""
    for ch in text.replace("\n", " "):
        if display_width(out + ch) > width - (1 if display_width(text) > width else 0):
            out += "…"
            break
        out += ch
    return out + " " * max(0, width - display_width(out))


def print_json(document: dict[str, object], errors: list[FileError]) -> None:
    """The JSON document on stdout; the files that failed also said on stderr."""
    json.dump(document, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    for error in errors:
        print(f"错误：{error.message}", file=sys.stderr)


def add_fail_on(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--fail-on", choices=["error", "warning"], help="存在该级别或更严重的发现时以状态码 1 退出"
    )


def failed(args: argparse.Namespace, worst: Severity | None) -> bool:
    """Whether --fail-on asks for exit status 1 given the worst finding."""
    return bool(args.fail_on) and worst is not None and worst.rank >= Severity(args.fail_on).rank
