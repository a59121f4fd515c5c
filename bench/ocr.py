"""Benchmark (not a test): reading scans of the 50 seed forms, against the OCR engine alone.

Each seed form is printed to PDF as its paper layout, its pages rendered at 150 dpi, tilted by at
most 1° and given noise (tests/read/scan_images.py, a seed per form), and the pages put into a
PDF without a text layer, as a scanner writes one. Then, in the same run and alternating so that
machine noise hits both alike:

- jixiao: `read_bytes` + `extract_forms` on the scanned PDF (render, prepare, ruling lines,
  OCR, grid, extraction: the whole scan-to-form path);
- baseline: RapidOCR alone on the same pages as jixiao renders them from the PDF
  (`engine()(page)` on `jixiao.read.scan.pdf_pages`, rendering not timed), which finds text
  boxes and places nothing.

It reports how many forms read back with the same key facts as the seed (name, year, A, B,
indicator count, total; target ≥ 45 of 50), the pages per second of both, and jixiao's time as a
ratio to the engine's (target ≤ 1.3: the table work adds at most 30%), in clock time and in CPU
time (the engine's threads counted; a busy machine disturbs it least).

    .venv/bin/python bench/ocr.py [--forms 50] [--jobs 3]

With --jobs, forms are read in several processes at once (each alternates as above, so the ratio
stays fair); pages per second are then each process's own.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "read")]

from scan_images import image_pdf, key_facts, printed, rendered, scanned  # noqa: E402
from seeds import all_seed_forms  # noqa: E402

from jixiao.extract import extract_forms  # noqa: E402
from jixiao.read import ReadError, read_bytes  # noqa: E402
from jixiao.read.ocr import engine  # noqa: E402
from jixiao.read.scan import pdf_pages  # noqa: E402

Times = tuple[float, float, float, float]  # jixiao's and the engine's clock time, then CPU time


def one_form(i: int) -> tuple[bool, int, Times, str]:
    """Form i scanned and read both ways, alternating which goes first: whether jixiao read its
    key facts, its pages, jixiao's and the engine's clock and CPU times, and what differed."""
    form = all_seed_forms()[i]
    engine()  # load the models before timing
    with tempfile.TemporaryDirectory() as tmp:
        pages = [
            scanned(p, 1000 + i * 10 + n)
            for n, p in enumerate(rendered(printed(form, Path(tmp) / f"{i}.pdf")))
        ]
    data = image_pdf(pages)
    as_read = list(pdf_pages(data))
    runs = ["engine", "jixiao"]
    if i % 2:
        runs.reverse()
    got, miss, t_jixiao, t_engine, c_jixiao, c_engine = None, "", 0.0, 0.0, 0.0, 0.0
    for name in runs:
        started, cpu = time.perf_counter(), time.process_time()
        if name == "engine":
            for page in as_read:
                engine()(page, use_cls=False)
            t_engine = time.perf_counter() - started
            c_engine = time.process_time() - cpu
        else:
            try:
                got = extract_forms(read_bytes(data, f"{i}.pdf"))
            except ReadError as exc:
                got = []
                miss = f"{i:2d} {form.project_name.text}: {exc.reason}"
            t_jixiao = time.perf_counter() - started
            c_jixiao = time.process_time() - cpu
    expected = key_facts(form)
    facts = key_facts(got[0]) if got else None
    if facts != expected and got and facts:
        diff = {k: (expected[k], facts[k]) for k in expected if facts[k] != expected[k]}
        miss = f"{i:2d} {form.project_name.text}: {diff}"
    return facts == expected, len(pages), (t_jixiao, t_engine, c_jixiao, c_engine), miss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--forms", type=int, default=50)
    parser.add_argument(
        "--jobs", type=int, default=1, help="forms read in this many processes at once"
    )
    args = parser.parse_args()
    n = min(args.forms, len(all_seed_forms()))
    matched, pages_total = 0, 0
    t_jixiao = t_engine = c_jixiao = c_engine = 0.0
    misses: list[str] = []
    with multiprocessing.get_context("spawn").Pool(args.jobs) as pool:
        for done, (same, pages, times, miss) in enumerate(pool.imap(one_form, range(n)), 1):
            matched += same
            pages_total += pages
            t_jixiao += times[0]
            t_engine += times[1]
            c_jixiao += times[2]
            c_engine += times[3]
            if miss:
                misses.append(miss)
            print(f"{done}/{n} matched {matched}", file=sys.stderr, flush=True)
    per = " per process" if args.jobs > 1 else ""
    print(f"forms with the same key facts: {matched}/{n} (target ≥ {round(0.9 * n)})")
    print(f"pages: {pages_total}")
    print(f"jixiao scan-to-form: {pages_total / t_jixiao:.2f} pages/s{per} ({t_jixiao:.1f} s)")
    print(f"RapidOCR alone:      {pages_total / t_engine:.2f} pages/s{per} ({t_engine:.1f} s)")
    print(f"ratio jixiao / engine: {t_jixiao / t_engine:.2f} (target ≤ 1.3)")
    # CPU time (all of a process's threads) is what a busy machine disturbs least
    print(f"ratio in CPU time:     {c_jixiao / c_engine:.2f} ({c_jixiao:.1f} s / {c_engine:.1f} s)")
    for miss in misses:
        print("  miss:", miss)


if __name__ == "__main__":
    main()
