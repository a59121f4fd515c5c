"""Forms whose text survives but whose table does not, rebuilt from labels and order.

The seed forms are flattened from their tables (the .txt seeds in samples/, read as tables):
one cell per line, a row per line with its cells run together with single spaces or separated
by tabs (a web page's table copied), or a PDF printed without ruling lines. Each is read as an upload would be (`read_bytes`) and must give
the same forms: name, header, funds, goals and the indicators. A row that fits no split into
columns (a source row with its name alone, say) is left out, never guessed, and the review says
so (FLAT_TEXT_UNPLACED); every rebuilt form carries FLAT_TEXT_REBUILT.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from form_values import values
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
from seeds import SEED_FILES, seed_forms

from jixiao.extract import extract_forms
from jixiao.extract.flat import is_rebuilt
from jixiao.model.form import Form
from jixiao.model.grid import Paragraph
from jixiao.read import read_bytes, read_file
from jixiao.review import review_form
from jixiao.scoring.engine import score_form
from jixiao.scoring.policy import load_policy

PREFIXES = [p.name[:3] for p in SEED_FILES]
# (indicator rows left out, forms whose funds total row is left empty): rows the source itself
# leaves unsplittable (a name with no target, weight or score; an indicator without a target),
# a total row with five values for six columns
MISSING = {"000": (0, 0), "002": (3, 0), "003": (4, 1), "004": (0, 0)}


def _rows(prefix: str) -> list[list[str]]:
    """The seed's table rows as their cells' texts, whitespace inside a cell taken out and
    the empty cells and merged placeholders left out (what copying the table as text keeps),
    and its lines of text between the tables."""
    path = next(p for p in SEED_FILES if p.name.startswith(prefix))
    out = []
    for block in read_file(path).blocks:
        if isinstance(block, Paragraph):  # a line of text between the tables stays a line
            out += [[line] for line in block.text.split("\n") if line.strip()]
            continue
        for row in block.rows():
            cells = [re.sub(r"\s+", "", c.text) for c in row if not c.continued]
            if any(cells):
                out.append([c for c in cells if c])
    return out


def _squeezed(found: dict[str, Any]) -> dict[str, Any]:
    return {k: re.sub(r"\s+", "", v) if isinstance(v, str) else v for k, v in found.items()}


def _key_facts(form: Form) -> dict[str, Any]:
    return _squeezed(
        {
            "name": form.project_name.text,
            "year": form.year,
            "department": form.department.text,
            "unit": form.implementing_unit.text,
            "A": form.funds.total.annual_budget.text,
            "B": form.funds.total.executed.text,
            "funds_score": form.funds.score.text,
            "expected": form.goals.expected.text,
            "achieved": form.goals.achieved.text,
            "total": form.total_weight.text,
            "total_score": form.total_score.text,
        }
    )


def _indicator(i: Any) -> tuple[str, ...]:
    fields = (i.name, i.target, i.actual, i.weight, i.score, i.deviation)
    return tuple(re.sub(r"\s+", "", f.text) for f in fields)


def _check(prefix: str, forms: list[Form]) -> None:
    expected = seed_forms(prefix)
    assert [f.project_name.text for f in forms] == [f.project_name.text for f in expected]
    missing = unplaced_funds = 0
    policy = load_policy("beijing")
    for got, want in zip(forms, expected, strict=True):
        assert is_rebuilt(got)
        findings = review_form(got, score_form(got, policy), policy)
        codes = {f.code for f in findings}
        assert "FLAT_TEXT_REBUILT" in codes
        facts, wanted_facts = _key_facts(got), _key_facts(want)
        if not facts["A"] and wanted_facts["A"]:  # the total row fits its columns no one way
            unplaced_funds += 1
            assert any(
                "全年预算数" in f.message for f in findings if f.code == "FLAT_TEXT_UNPLACED"
            )
            facts |= {k: wanted_facts[k] for k in ("A", "B", "funds_score")}
        assert facts == wanted_facts
        rows = [_indicator(i) for i in got.indicators]
        wanted = [_indicator(i) for i in want.indicators]
        it = iter(wanted)  # every indicator read is the form's own, in order
        assert all(row in it for row in rows), want.project_name.text
        missing += len(wanted) - len(rows)
        weights = sum(Decimal(r[3]) for r in rows if r[3]) + Decimal(got.funds.weight.text or 0)
        if got.total_weight.text and weights < Decimal(got.total_weight.text):
            # rows with weights left out: the total says so (where the form's own weights add
            # up to its total; a form whose weights exceed it cannot tell)
            assert "FLAT_TEXT_UNPLACED" in codes, want.project_name.text
    assert (missing, unplaced_funds) == MISSING[prefix]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_a_table_flattened_to_one_cell_per_line_reads_back(prefix: str) -> None:
    text = "\n".join(cell for row in _rows(prefix) for cell in row)
    doc = read_bytes(text.encode("utf-8"), "粘贴.txt")
    assert not doc.tables  # no tab, no table: only lines of text
    _check(prefix, extract_forms(doc))


@pytest.mark.parametrize("prefix", PREFIXES)
def test_a_table_with_its_cells_run_together_with_spaces_reads_back(prefix: str) -> None:
    text = "\n".join(" ".join(row) for row in _rows(prefix))
    _check(prefix, extract_forms(read_bytes(text.encode("gb18030"), "网页复制.txt")))


@pytest.mark.parametrize("prefix", PREFIXES)
def test_a_table_pasted_from_a_web_page_with_tabs_between_cells_reads_back(prefix: str) -> None:
    """Copying a web page's table gives a row a line, its cells separated by tabs and no line
    starting with one (unlike the seeds' tab-prefixed format)."""
    text = "\n".join("\t".join(row) for row in _rows(prefix))
    doc = read_bytes(text.encode("utf-8"), "网页表格.txt")
    assert not doc.tables
    _check(prefix, extract_forms(doc))


def test_the_whole_seed_000_form_is_rebuilt_with_every_value() -> None:
    text = "\n".join(cell for row in _rows("000") for cell in row)
    (form,) = extract_forms(read_bytes(text.encode(), "粘贴.txt"))
    (want,) = seed_forms("000")
    assert _squeezed(values([form])) == _squeezed(values([want]))
    assert form.source.format == "text" and form.source.table is None


def _pdf_without_lines(rows: list[list[str]], path: Path) -> None:
    """The rows printed as lines of text, each cell two characters after the one before, no
    ruling lines: a table printed with its borders off."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    size, gap, leading = 7.0, 2 * 7.0, 11.0
    widths = [
        sum(pdfmetrics.stringWidth(c, "STSong-Light", size) + gap for c in row) for row in rows
    ]
    width, height = max(widths) + 80, 842.0
    canvas = Canvas(str(path), pagesize=(width, height))
    canvas.setFont("STSong-Light", size)
    y = height - 40
    for row in rows:
        if y < 40:
            canvas.showPage()
            canvas.setFont("STSong-Light", size)
            y = height - 40
        x = 40.0
        for cell in row:
            canvas.drawString(x, y, cell)
            x += pdfmetrics.stringWidth(cell, "STSong-Light", size) + gap
        y -= leading
    canvas.showPage()
    canvas.save()


@pytest.mark.parametrize("prefix", ["000", "004"])
def test_a_pdf_printed_without_ruling_lines_reads_with_name_funds_and_indicators(
    prefix: str, tmp_path: Path
) -> None:
    path = tmp_path / "无框线.pdf"
    _pdf_without_lines(_rows(prefix), path)
    doc = read_file(path)
    assert doc.format == "pdf" and not doc.tables
    _check(prefix, extract_forms(doc))


def test_text_without_any_form_labels_still_gives_no_form() -> None:
    doc = read_bytes("会议纪要\n一、项目进展顺利\n二、下一步安排".encode(), "纪要.txt")
    assert extract_forms(doc) == []


def test_funds_values_that_cannot_be_placed_are_left_empty_and_said() -> None:
    """The total row misses one value: which column is empty cannot be told, so the row is
    left empty and the review says so."""
    rows = _rows("000")
    total = next(r for r in rows if r[0] == "年度资金总额")
    total.pop(2)  # 全年执行数 gone: five values for six columns
    text = "\n".join(" ".join(row) for row in rows)
    (form,) = extract_forms(read_bytes(text.encode(), "缺数.txt"))
    assert form.funds.total.annual_budget.text == "" and form.funds.total.executed.text == ""
    assert form.project_name.text == "市民服务中心工作经费" and len(form.indicators) == 3
    policy = load_policy("beijing")
    findings = review_form(form, score_form(form, policy), policy)
    unplaced = [f for f in findings if f.code == "FLAT_TEXT_UNPLACED"]
    assert any("全年执行数" in f.message for f in unplaced)


def test_a_funds_row_short_of_a_value_is_placed_when_only_one_way_fits() -> None:
    """当年财政拨款 2175.9657 2175.9657 1960.5869 — —: four columns for three numbers, and
    1960.5869 is no rate (B/A would be 0.90), so the 执行率 is the empty one. 上年结转资金
    0 0 0 — — fits more ways than one (a rate of 0 is a rate) and is left empty."""
    text = "\n".join(" ".join(row) for row in _rows("004"))
    form = extract_forms(read_bytes(text.encode(), "空格.txt"))[0]
    (want,) = [f for f in seed_forms("004") if f.project_name.text == form.project_name.text]
    row = form.funds.appropriation
    assert (row.initial_budget.text, row.annual_budget.text, row.executed.text) == (
        want.funds.appropriation.initial_budget.text,
        want.funds.appropriation.annual_budget.text,
        want.funds.appropriation.executed.text,
    )
    assert row.executed.text == "1960.5869" and row.execution_rate.text == ""
    assert form.funds.carryover.annual_budget.text == ""


def test_a_huge_flat_text_is_not_rebuilt_and_does_not_hang() -> None:
    """A form runs to a few hundred cells; twenty thousand lines under one 项目名称 are not
    one, and are left alone rather than searched for rows."""
    head = "项目名称\n某项目\n一级指标\n二级指标\n三级指标\n年度指标值\n实际完成值\n分值\n得分\n"
    doc = read_bytes((head + "指标1：\n" * 20_000).encode(), "巨大.txt")
    assert extract_forms(doc) == []
