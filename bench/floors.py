"""Benchmark (not a test): each reader against its floor, in one run.

The 50 seed forms are written once each as .docx (jixiao's Word writer), .xlsx (its Excel
writer), .html (its HTML writer) and .pdf (the reportlab writer of tests/fixtures, ruled cells
and a text layer), and kept in memory. Then, per format, in the same process and alternating the
order each round so that machine noise hits both alike, it times over the 50 files:

- reader: `read_bytes` + `extract_forms` (bytes → grid → declared form); `read_bytes` alone
  is timed too and shown beside it, to tell the reader's share from the extractor's;
- floor: what no reader of that format can avoid —
  docx: unzip word/document.xml and one lxml parse of it;
  xlsx: python-calamine reading every cell of every sheet (`to_python()`);
  html: one lxml parse (lxml's HTML parser, the one the reader uses);
  pdf: pdfplumber's own character extraction (`page.chars` of every page).

Times are the process's CPU time (`time.process_time`), the label caches emptied before each
timing. It prints the best round of each and their ratio (reader ÷ floor; the goal for docx,
xlsx and html is ≤ 2). `--profile docx` prints the top of a cProfile of that format's reads.

    .venv/bin/python bench/floors.py [--rounds 5] [--formats docx,xlsx,html,pdf] [--profile xlsx]
    .venv/bin/python bench/floors.py --pdfium    # pdf: pypdfium2's characters against pdfplumber's
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import random
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests")]

import pdfplumber  # noqa: E402
import python_calamine as pc  # noqa: E402
from fixtures.pdf_writer import write_pdf  # noqa: E402
from lxml import etree  # noqa: E402
from pydantic import BaseModel  # noqa: E402

from jixiao.extract import extract_forms  # noqa: E402
from jixiao.extract.vocabulary import (  # noqa: E402
    block_label,
    clean,
    normalise,
    stated_points,
    without_points,
)
from jixiao.model.form import Declared, Form, declared  # noqa: E402
from jixiao.read import read_bytes, read_file  # noqa: E402
from jixiao.write.docx_grid import write_docx  # noqa: E402
from jixiao.write.html_grid import write_html  # noqa: E402
from jixiao.write.layout import form_table  # noqa: E402
from jixiao.write.xlsx_grid import write_xlsx  # noqa: E402

FORMATS = ("docx", "xlsx", "html", "pdf")
HTML_PARSER = etree.HTMLParser()
Corpus = list[tuple[str, bytes]]


def seed_forms() -> list[Form]:
    forms = []
    for path in sorted((ROOT / "samples").glob("*.txt")):
        forms.extend(extract_forms(read_file(path)))
    return forms


def build(fmt: str, forms: list[Form]) -> Corpus:
    """Each seed form as one file of the format, as (name, bytes)."""
    files = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, form in enumerate(forms):
            table = form_table(form)
            name = f"form_{i:02d}.{fmt}"
            path = Path(tmp) / name
            if fmt == "docx":
                buf = io.BytesIO()
                write_docx([table], buf)
                data = buf.getvalue()
            elif fmt == "xlsx":
                write_xlsx([table], path)
                data = path.read_bytes()
            elif fmt == "html":
                data = write_html([table]).encode("utf-8")
            else:
                write_pdf([table], path)
                data = path.read_bytes()
            files.append((name, data))
    return files


def run_reader(corpus: Corpus) -> int:
    return sum(len(extract_forms(read_bytes(data, name))) for name, data in corpus)


def run_read_only(corpus: Corpus) -> int:
    """The reader without extraction: bytes → grid only (shown apart, not in the ratio)."""
    return sum(read_bytes(data, name) is not None for name, data in corpus)


def floor_docx(corpus: Corpus) -> int:
    n = 0
    for _, data in corpus:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            root = etree.fromstring(archive.read("word/document.xml"))
        n += root is not None
    return n


def floor_xlsx(corpus: Corpus) -> int:
    n = 0
    for _, data in corpus:
        workbook = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
        for name in workbook.sheet_names:
            workbook.get_sheet_by_name(name).to_python()
        n += 1
    return n


def floor_html(corpus: Corpus) -> int:
    n = 0
    for _, data in corpus:
        n += etree.fromstring(data, HTML_PARSER) is not None
    return n


def floor_pdf(corpus: Corpus) -> int:
    n = 0
    for _, data in corpus:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                page.chars  # noqa: B018 — the extraction is the point
                page.close()
        n += 1
    return n


def pdfium_chars(corpus: Corpus) -> int:
    """pypdfium2 giving every character of every page with its box (a possible replacement of
    pdfminer's extraction, measured with `--pdfium`; the reader does not use it)."""
    import pypdfium2

    n = 0
    for _, data in corpus:
        document = pypdfium2.PdfDocument(data)
        for i in range(len(document)):
            page = document[i]
            text = page.get_textpage()
            count = text.count_chars()
            text.get_text_range()
            boxes = [text.get_charbox(j, loose=True) for j in range(count)]
            assert len(boxes) == count
            text.close()
            page.close()
        document.close()
        n += 1
    return n


FLOORS: dict[str, tuple[str, Callable[[Corpus], int]]] = {
    "docx": ("解压 + 一次 lxml 解析", floor_docx),
    "xlsx": ("python-calamine 读全部单元格", floor_xlsx),
    "html": ("一次 lxml 解析", floor_html),
    "pdf": ("pdfplumber 提取字符（page.chars）", floor_pdf),
}


def forget_labels() -> None:
    """Empty the label helpers' caches, so every round reads the 50 files as new ones (the labels
    then recur from form to form, as in a real batch, but no text is remembered from a round
    before)."""
    for helper in (normalise, clean, block_label, without_points, stated_points):
        if hasattr(helper, "cache_clear"):  # (not before they had caches)
            helper.cache_clear()


def timed(fn: Callable[[Corpus], int], corpus: Corpus) -> float:
    """CPU seconds of the process (not wall time: the machine is shared, and both sides are
    single-threaded work in this process)."""
    forget_labels()
    gc.collect()
    start = time.process_time()
    n = fn(corpus)
    seconds = time.process_time() - start
    assert n == len(corpus), (fn.__name__, n)
    return seconds


def profile(corpus: Corpus, top: int = 30) -> None:
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    run_reader(corpus)
    profiler.disable()
    stats = pstats.Stats(profiler).sort_stats("cumulative")
    stats.print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def compare_pdfium(corpus: Corpus, rounds: int) -> None:
    times: dict[str, list[float]] = {"pdfplumber": [], "pypdfium2": []}
    for r in range(rounds):
        order = [("pdfplumber", floor_pdf), ("pypdfium2", pdfium_chars)]
        random.Random(r).shuffle(order)
        for name, fn in order:
            times[name].append(timed(fn, corpus))
    plumber, pdfium = min(times["pdfplumber"]), min(times["pypdfium2"])
    print(
        f"pdf 字符及其位置：pdfplumber {plumber * 1000 / len(corpus):.2f} ms/表，"
        f"pypdfium2 {pdfium * 1000 / len(corpus):.2f} ms/表，"
        f"pdfplumber 慢 {plumber / pdfium:.2f} 倍（各取最好一轮）"
    )


def rebuild(model: BaseModel) -> BaseModel:
    """The model made again from its values with the extractor's constructors (`declared` for a
    value, the model's class for the rest): what any reader giving these forms spends on the
    objects alone, whatever it does to find the values."""
    fields: dict[str, object] = {}
    for name, value in model.__dict__.items():
        if type(value) is Declared:
            fields[name] = declared(value.text, value.loc)
        elif type(value) is list:
            fields[name] = [rebuild(v) if isinstance(v, BaseModel) else v for v in value]
        elif isinstance(value, BaseModel):
            fields[name] = rebuild(value)
        else:
            fields[name] = value
    return type(model)(**fields)


def objects_only(forms: list[Form]) -> float:
    """CPU seconds to make the forms' objects again (`rebuild`), for all of them."""
    started = time.process_time()
    for form in forms:
        rebuild(form)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--profile", choices=FORMATS)
    parser.add_argument(
        "--pdfium", action="store_true", help="pdf: pypdfium2's characters against pdfplumber's"
    )
    args = parser.parse_args()

    forms = seed_forms()
    formats = [f for f in args.formats.split(",") if f]
    if args.profile:
        formats = [args.profile]
    if args.pdfium:
        compare_pdfium(build("pdf", forms), args.rounds)
        return
    corpora = {}
    for fmt in formats:
        t0 = time.perf_counter()
        corpora[fmt] = build(fmt, forms)
        size = sum(len(data) for _, data in corpora[fmt])
        print(
            f"{fmt}：{len(corpora[fmt])} 个文件（{size / 1e6:.2f} MB），"
            f"生成用时 {time.perf_counter() - t0:.1f} 秒"
        )
        got = run_reader(corpora[fmt])  # warm-up; every file must give its form
        assert got == len(forms), f"{fmt}: {got} forms from {len(forms)} files"
    if args.profile:
        profile(corpora[args.profile])
        return

    results = {fmt: {"reader": [], "read": [], "floor": []} for fmt in formats}
    objects: list[float] = []
    for r in range(args.rounds):
        objects.append(objects_only(forms))
        for fmt in formats:
            order = [("reader", run_reader), ("read", run_read_only), ("floor", FLOORS[fmt][1])]
            random.Random(r * 31 + len(fmt)).shuffle(order)
            for role, fn in order:
                results[fmt][role].append(timed(fn, corpora[fmt]))
        line = "  ".join(
            f"{fmt} {min(results[fmt]['reader'][-1:]) * 1000:.0f}/"
            f"{min(results[fmt]['floor'][-1:]) * 1000:.0f} ms"
            for fmt in formats
        )
        print(f"  第{r + 1}轮（读取器/底线）{line}")
        sys.stdout.flush()

    print(f"\n{len(forms)} 张表，各取最好一轮；比值 = 读取器 ÷ 底线（docx/xlsx/html 目标 ≤ 2）")
    for fmt in formats:
        reader, floor = min(results[fmt]["reader"]), min(results[fmt]["floor"])
        read = min(results[fmt]["read"])
        ratios = sorted(
            a / b for a, b in zip(results[fmt]["reader"], results[fmt]["floor"], strict=True)
        )
        print(
            f"  {fmt:5s} 读取器 {reader * 1000 / len(forms):7.2f} ms/表  "
            f"底线（{FLOORS[fmt][0]}）{floor * 1000 / len(forms):7.2f} ms/表  "
            f"比值 {reader / floor:5.2f}×（各轮 {ratios[0]:.2f}–{ratios[-1]:.2f}）；"
            f"其中只读取（不提取）{read * 1000 / len(forms):.2f} ms/表 = {read / floor:.2f}×"
        )
    made = min(objects)
    print(f"  只建出表的对象（值、指标、资金行……，不读不找）{made * 1000 / len(forms):.2f} ms/表")
    for fmt in formats:
        floor = min(results[fmt]["floor"])
        print(
            f"    {fmt:5s} 底线 + 只建对象 = {(floor + made) / floor:.2f}× 底线"
            f"（目标 2× 里留给读取和提取的：{(2 * floor - floor - made) * 1000 / len(forms):.2f} ms/表）"
        )


if __name__ == "__main__":
    main()
