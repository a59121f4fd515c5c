"""Benchmark (not a test): what reading each file in a limited child process costs.

The 50 seed forms are written as .docx, .xlsx, .html and .pdf (as in bench/floors.py). Per
format, in one run and alternating the order each round, it times over the 50 files the wall
clock of

- in process: `read_bytes` + `extract_forms` in this process;
- sandboxed: `sandbox.read_limited` (the read in a child forked from the fork server, with
  its limits, the document pickled back) + `extract_forms` here, as a web upload does.

It prints the best round of each, their ratio and the cost per file in milliseconds. The fork
server is started (and the readers loaded in it) before timing.

    .venv/bin/python bench/limits.py [--rounds 3] [--formats docx,xlsx,html,pdf]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent)]

from floors import FORMATS, Corpus, build, seed_forms  # noqa: E402

from jixiao.extract import extract_forms  # noqa: E402
from jixiao.read import read_bytes  # noqa: E402
from jixiao.read.sandbox import read_limited  # noqa: E402


def in_process(corpus: Corpus) -> int:
    return sum(len(extract_forms(read_bytes(data, name))) for name, data in corpus)


def sandboxed(corpus: Corpus) -> int:
    return sum(len(extract_forms(read_limited(data, name))) for name, data in corpus)


def timed(fn: Callable[[Corpus], int], corpus: Corpus) -> float:
    start = time.perf_counter()
    fn(corpus)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--formats", default=",".join(FORMATS))
    args = parser.parse_args()
    forms = seed_forms()
    read_limited(b"warm up", "warm.txt")  # the fork server started, the readers loaded
    print(f"{'format':6} {'in process':>11} {'sandboxed':>10} {'ratio':>6} {'ms/file':>8}")
    for fmt in args.formats.split(","):
        corpus = build(fmt, forms)
        assert in_process(corpus) == sandboxed(corpus)  # the same forms either way
        best = {"in": float("inf"), "sandbox": float("inf")}
        for round_ in range(args.rounds):
            order = [("in", in_process), ("sandbox", sandboxed)]
            for key, fn in order if round_ % 2 == 0 else reversed(order):
                best[key] = min(best[key], timed(fn, corpus))
        extra = (best["sandbox"] - best["in"]) / len(corpus) * 1000
        print(
            f"{fmt:6} {best['in']:10.2f}s {best['sandbox']:9.2f}s "
            f"{best['sandbox'] / best['in']:6.2f} {extra:8.1f}"
        )


if __name__ == "__main__":
    main()
