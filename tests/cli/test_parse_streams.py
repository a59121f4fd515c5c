"""`jixiao parse` over a folder keeps memory flat: each file's forms are printed and let go,
so the peak for 40 files is about the peak for 5, in text and in JSON."""

from __future__ import annotations

import argparse
import io
import shutil
import tracemalloc
from pathlib import Path

import pytest
from seeds import SAMPLES

from jixiao.cli import parse

SEED = SAMPLES / "002_00c192bc11a47879.txt"


def folder_of(tmp_path: Path, copies: int) -> Path:
    folder = tmp_path / f"copies-{copies}"
    folder.mkdir()
    for n in range(copies):
        shutil.copy(SEED, folder / f"{n:03d}.txt")
    return folder


class Sink(io.TextIOBase):
    """A stdout that counts what is written and keeps none of it."""

    def __init__(self) -> None:
        self.written = 0

    def write(self, text: str) -> int:
        self.written += len(text)
        return len(text)


def peak(folder: Path, as_json: bool) -> tuple[int, int]:
    """The peak of memory allocated while parsing ``folder``, and the characters written."""
    args = argparse.Namespace(paths=[folder], json=as_json, strict=False, no_progress=True)
    out = Sink()
    tracemalloc.start()
    try:
        parse.run_to(args, out)
        _, top = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return top, out.written


@pytest.mark.parametrize("as_json", [False, True])
def test_memory_does_not_grow_with_the_number_of_files(tmp_path: Path, as_json: bool) -> None:
    few, few_out = peak(folder_of(tmp_path, 5), as_json)
    many, many_out = peak(folder_of(tmp_path, 40), as_json)
    assert many_out > 7 * few_out  # every form of the 40 files was written …
    assert many < 3 * few, (few, many)  # … with about the memory of 5
