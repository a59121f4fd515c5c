"""Benchmark (not a test): other regions' templates read as fast as the Beijing seed forms.

Each regional template of tests/fixtures/regions is written as .docx and .xlsx (and, with
LibreOffice, as .pdf: its rendering of the .docx); the 50 Beijing seed forms are written in the
same formats (jixiao's Word and Excel writers, the PDF again LibreOffice's rendering of the
.docx). Then, per format, in the same process and alternating the order each round so that
machine noise hits both alike, `read_file` + `extract_forms` over:

- regional: the 7 templates, cycled to as many reads as there are seed forms;
- Beijing: the 50 seed forms once each.

It reports forms per second of both, their ratio (Beijing ÷ regional: > 1 means the regional
forms are slower; goal ≤ 1.2), the same per grid cell read (the seed forms are larger: a per-cell
figure shows whether a reader path is slower or the form is only bigger), each template's best
time, and with `--profile` the top of a cProfile of the regional reads of one format.

`--scans` also prints each template's PDF to 150 dpi images with noise and a tilt ≤ 1°
(tests/read/region_scans.py), reads them back by OCR and compares name, year, A, B, indicator
count and total with the spec's hand-checked values (slow: 20 s to a few minutes a page,
as busy as the machine is).

    .venv/bin/python bench/regions.py [--rounds 5] [--profile xlsx] [--scans]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "read")]

from fixtures.regions.build import build_all, specs, to_pdf  # noqa: E402
from seeds import all_seed_forms  # noqa: E402

from jixiao.extract import extract_forms  # noqa: E402
from jixiao.model.grid import Table  # noqa: E402
from jixiao.read import read_file  # noqa: E402
from jixiao.write.docx_grid import write_docx  # noqa: E402
from jixiao.write.layout import form_table  # noqa: E402
from jixiao.write.xlsx_grid import write_xlsx  # noqa: E402

FORMATS = ("docx", "xlsx", "pdf")


def beijing_files(outdir: Path, soffice: str | None) -> dict[str, list[Path]]:
    """The seed forms as .docx, .xlsx and (with LibreOffice) .pdf, one form a file."""
    outdir.mkdir(parents=True, exist_ok=True)
    files: dict[str, list[Path]] = {kind: [] for kind in FORMATS}
    for i, form in enumerate(all_seed_forms()):
        table = form_table(form)
        docx = outdir / f"seed{i:02d}.docx"
        write_docx([table], docx)
        files["docx"].append(docx)
        xlsx = outdir / f"seed{i:02d}.xlsx"
        write_xlsx([table], xlsx)
        files["xlsx"].append(xlsx)
    if soffice:
        pdfs = to_pdf(files["docx"], outdir / "pdf", soffice)
        files["pdf"] = [pdfs[p.stem] for p in files["docx"]]
    return files


def regional_files(outdir: Path, soffice: str | None) -> dict[str, list[Path]]:
    built = build_all(outdir, soffice)
    return {kind: [built[s.id, kind] for s in specs() if (s.id, kind) in built] for kind in FORMATS}


def read_all(paths: list[Path]) -> tuple[int, int]:
    """Forms read and grid cells read."""
    forms = cells = 0
    for path in paths:
        document = read_file(path)
        cells += sum(len(b.cells) for b in document.blocks if isinstance(b, Table))
        forms += len(extract_forms(document))
    return forms, cells


def timed(fn: Callable[[], tuple[int, int]]) -> tuple[float, int, int]:
    gc.collect()
    started = time.perf_counter()
    forms, cells = fn()
    return time.perf_counter() - started, forms, cells


def best_per_file(paths: list[Path], rounds: int) -> dict[str, float]:
    """Each file's best read + extract time, in milliseconds."""
    out: dict[str, float] = {}
    for path in paths:
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            extract_forms(read_file(path))
            times.append(time.perf_counter() - started)
        out[path.stem] = min(times) * 1000
    return out


def speed(kind: str, regional: list[Path], beijing: list[Path], rounds: int) -> float:
    """One format: regional against Beijing, alternating; the ratio of the best rounds."""
    cycled = [regional[i % len(regional)] for i in range(len(beijing))]
    read_all(regional)  # warm-up: imports, caches
    read_all(beijing[:5])
    best: dict[str, tuple[float, float]] = {}
    for r in range(rounds):
        order = [("regional", cycled), ("beijing", beijing)]
        if r % 2:
            order.reverse()
        for name, paths in order:
            seconds, forms, cells = timed(lambda paths=paths: read_all(paths))
            if forms != len(paths):
                print(f"  {kind} {name}: {forms} forms from {len(paths)} files", flush=True)
            rate, cell_rate = forms / seconds, cells / seconds
            print(
                f"  {kind} round {r + 1} {name:8s} {rate:7.1f} forms/s {cell_rate:9.0f} cells/s",
                flush=True,
            )
            old = best.get(name, (0.0, 0.0))
            best[name] = (max(old[0], rate), max(old[1], cell_rate))
    ratio = best["beijing"][0] / best["regional"][0]
    cell_ratio = best["beijing"][1] / best["regional"][1]
    print(
        f"{kind}: regional {best['regional'][0]:.1f} forms/s, Beijing {best['beijing'][0]:.1f} "
        f"forms/s, ratio {ratio:.2f} (goal ≤ 1.2); per cell: regional "
        f"{best['regional'][1]:.0f} cells/s, Beijing {best['beijing'][1]:.0f} cells/s, "
        f"ratio {cell_ratio:.2f}"
    )
    per_file = best_per_file(regional, 3)
    seeds = sorted(best_per_file(beijing, 1).values())
    print(
        f"  {kind} best ms per form: "
        + ", ".join(f"{k} {v:.1f}" for k, v in per_file.items())
        + f"; Beijing median {seeds[len(seeds) // 2]:.1f}, max {seeds[-1]:.1f}"
    )
    return ratio


def profile(regional: list[Path], top: int = 25) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(5):
        read_all(regional)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    print(out.getvalue())


def scans(regional_pdfs: list[Path]) -> None:
    from region_scans import expected_facts, facts_read, scanned_pdf, spec

    matched = 0
    for pdf in regional_pdfs:
        template = pdf.stem
        data, pages = scanned_pdf(template, pdf)
        started = time.perf_counter()
        got, reason = facts_read(template, data)
        seconds = time.perf_counter() - started
        expected = expected_facts(spec(template))
        if got == expected:
            matched += 1
            print(f"  {template}: same key facts ({pages} page(s), {seconds:.1f} s)", flush=True)
        elif got is None:
            print(f"  {template}: no form — {reason} ({seconds:.1f} s)", flush=True)
        else:
            diff = {k: (expected[k], got[k]) for k in expected if got[k] != expected[k]}
            print(f"  {template}: differs {diff} ({seconds:.1f} s)", flush=True)
    print(
        f"scans of the regional templates with the same key facts: {matched}/{len(regional_pdfs)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--profile", choices=FORMATS, help="profile the regional reads of one format"
    )
    parser.add_argument("--scans", action="store_true", help="also read scans of the templates")
    parser.add_argument("--no-speed", action="store_true", help="only the scans")
    args = parser.parse_args()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice (soffice) not found: no .pdf files, .docx and .xlsx only")
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        regional = regional_files(Path(tmp) / "regions", soffice)
        beijing = beijing_files(Path(tmp) / "seeds", soffice)
        print(
            f"files: {sum(map(len, regional.values()))} regional, "
            f"{sum(map(len, beijing.values()))} Beijing ({time.perf_counter() - started:.1f} s)"
        )
        if not args.no_speed:
            ratios = {
                kind: speed(kind, regional[kind], beijing[kind], args.rounds)
                for kind in FORMATS
                if regional[kind]
            }
            print(
                "ratios Beijing ÷ regional (forms/s): "
                + ", ".join(f"{k} {v:.2f}" for k, v in ratios.items())
            )
        if args.profile:
            profile(regional[args.profile])
        if args.scans and regional["pdf"]:
            scans(regional["pdf"])


if __name__ == "__main__":
    main()
