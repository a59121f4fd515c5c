"""Benchmark (not a test): jixiao's Word reader against python-docx, in one run.

A corpus of Word files is generated from the 50 seed forms, each laid out as the real form
(merged 绩效指标/level-1/level-2 cells, the funds block, the 总分 row). Then, in the same process
and alternating so that machine noise hits both alike, it measures:

- jixiao: `read_file` + `extract_forms` (bytes → grid → declared form) per file;
- baseline: python-docx opening each file and reading every table cell's text
  (`for row in table.rows: for cell in row.cells: cell.text`), which extracts nothing.

It reports forms per second of both and their ratio, and jixiao's peak traced memory while
reading corpora of growing size (it should stay flat: nothing is kept between files).

    .venv/bin/python bench/read.py [--files 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import gc
import io
import random
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import docx

from jixiao.extract import extract_forms
from jixiao.read import read_file
from jixiao.write.docx_grid import write_docx
from jixiao.write.layout import form_table

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "corpus"


def seed_forms() -> list:
    forms = []
    for path in sorted((ROOT / "samples").glob("*.txt")):
        forms.extend(extract_forms(read_file(path)))
    return forms


def build_corpus(n_files: int) -> list[Path]:
    """n_files .docx files, one form each, cycling through the seed forms.

    Each seed form is written once with python-docx; the copies differ in the project name
    (rewritten inside word/document.xml), so no two files are identical.
    """
    CORPUS.mkdir(exist_ok=True)
    templates = []
    for form in seed_forms():
        buf = io.BytesIO()
        write_docx([form_table(form)], buf)
        templates.append((form.project_name.text, buf.getvalue()))
    paths = []
    for i in range(n_files):
        name, data = templates[i % len(templates)]
        path = CORPUS / f"form_{i:05d}.docx"
        if not path.exists():
            path.write_bytes(_renamed(data, name, f"{name}（第{i}号）"))
        paths.append(path)
    return paths


def _renamed(data: bytes, old: str, new: str) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            part = src.read(info.filename)
            if info.filename == "word/document.xml" and old:
                part = part.replace(old.encode(), new.encode(), 1)
            dst.writestr(info, part)
    return out.getvalue()


def run_jixiao(paths: list[Path]) -> int:
    forms = 0
    for path in paths:
        forms += len(extract_forms(read_file(path)))
    return forms


def run_python_docx(paths: list[Path]) -> int:
    cells = 0
    for path in paths:
        document = docx.Document(str(path))
        for table in document.tables:
            for row in table.rows:
                for cell in row.cells:
                    cells += len(cell.text) >= 0
    return len(paths)  # one form per file; python-docx only reads the cells


def timed(fn, paths: list[Path]) -> tuple[float, int]:
    gc.collect()
    start = time.perf_counter()
    n = fn(paths)
    return time.perf_counter() - start, n


def peak_memory(paths: list[Path]) -> int:
    gc.collect()
    tracemalloc.start()
    run_jixiao(paths)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    t0 = time.perf_counter()
    paths = build_corpus(args.files)
    size = sum(p.stat().st_size for p in paths)
    print(
        f"语料：{len(paths)} 个 .docx（{size / 1e6:.1f} MB），生成/检查用时 {time.perf_counter() - t0:.1f} 秒"
    )

    expected = run_jixiao(paths[:50])  # warm-up; every file must give its form
    assert expected == 50, f"jixiao read {expected} forms from 50 files"

    results: dict[str, list[float]] = {"jixiao": [], "python-docx": []}
    for r in range(args.rounds):
        order = [("jixiao", run_jixiao), ("python-docx", run_python_docx)]
        random.Random(r).shuffle(order)
        for name, fn in order:
            seconds, forms = timed(fn, paths)
            assert forms == len(paths), (name, forms)
            results[name].append(len(paths) / seconds)
            print(f"  第{r + 1}轮 {name:12s} {len(paths) / seconds:8.1f} 表/秒")
    best = {name: max(rates) for name, rates in results.items()}
    ratio = best["jixiao"] / best["python-docx"]
    print(
        f"jixiao {best['jixiao']:.1f} 表/秒；python-docx（只读单元格）{best['python-docx']:.1f} 表/秒；"
        f"比值 {ratio:.2f}×（各取最好一轮）"
    )

    print("内存（jixiao，tracemalloc 峰值）：")
    for n in sorted({max(1, len(paths) // 8), len(paths) // 2, len(paths)}):
        print(f"  {n:6d} 个文件：峰值 {peak_memory(paths[:n]) / 1e6:.1f} MB")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
