"""Benchmark (not a test): the memory of reading one huge workbook, against python-calamine's.

A workbook of one sheet of ROWS × COLS numbers (tests/hostile_files.py `xlsx_filled`, within
the reading limit of 4 million cells) is read in a fresh process each way, and each process's
peak resident memory reported:

- calamine: `CalamineWorkbook` and every sheet's `to_python()` (its own floor);
- jixiao: `read_bytes` (the safety checks, calamine, the grid of cells with their locations)
  and `extract_forms`, in the process itself (JIXIAO_READ_SANDBOX=0, so the child's memory is
  this process's).

    .venv/bin/python bench/big_workbook.py [--rows 200000] [--cols 12]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests")]

import hostile_files  # noqa: E402

PEAK = "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)"
CALAMINE = (
    "import sys, python_calamine as pc\n"
    "wb = pc.CalamineWorkbook.from_path(sys.argv[1])\n"
    "cells = sum(len(r) for n in wb.sheet_names for r in wb.get_sheet_by_name(n).to_python())\n"
    f"{PEAK}\n"
)
JIXIAO = (
    "import sys, os\n"
    "os.environ['JIXIAO_READ_SANDBOX'] = '0'\n"
    "from pathlib import Path\n"
    "from jixiao.read import read_bytes\n"
    "from jixiao.extract import extract_forms\n"
    "doc = read_bytes(Path(sys.argv[1]).read_bytes(), 'big.xlsx')\n"
    "extract_forms(doc)\n"
    f"{PEAK}\n"
)


def peak_mb(code: str, path: Path) -> int:
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    return int(done.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--cols", type=int, default=12)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.xlsx"
        path.write_bytes(hostile_files.xlsx_filled(args.rows, args.cols))
        size = path.stat().st_size / 1024 / 1024
        print(f"workbook: {args.rows * args.cols:,} cells, {size:.1f} MB")
        calamine = peak_mb(CALAMINE, path)
        jixiao = peak_mb(JIXIAO, path)
    print(f"peak memory: python-calamine {calamine} MB, jixiao {jixiao} MB")
    print(f"ratio jixiao / calamine: {jixiao / calamine:.1f}")


if __name__ == "__main__":
    main()
