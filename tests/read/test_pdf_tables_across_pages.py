"""A ruled table that runs over a page break reads back as one table.

Programs cut a table at a page break in different ways. LibreOffice prints a merged cell the
break cuts with no line along the break, and may leave out the line along the top of the part
on the next page; Word and the paper layout close every cell on both pages. Either way the
part that opens the next page, with the same columns, goes on with the table, and a merged cell
left open at the break is one cell over both pages.
"""

from __future__ import annotations

import re
from pathlib import Path

from form_values import values
from office import convert
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
from seeds import all_seed_forms

from jixiao.extract import extract_forms
from jixiao.model.grid import Paragraph
from jixiao.read import read_file
from jixiao.write.forms import write_forms_xlsx

WIDTH, HEIGHT = A4
XS = [60.0, 160.0, 300.0, 500.0]  # three columns
ROW = 60.0
TOP = 70.0  # the table's top on each page, from the top of the page


def _y(top: float) -> float:
    """reportlab measures from the bottom of the page."""
    return HEIGHT - top


def _split_table(path: Path) -> None:
    """Page 1: a header row and rows down to the bottom margin; the 类别 cell of the last two
    rows goes on into the first row of page 2, with no line along the break in its column,
    and page 2 prints no line along its top at all (as LibreOffice does). A footer prints the
    page number below the table."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("STSong-Light", 10)
    rows = 12  # rows on page 1: 70 + 12 * 60 = 790, no room left for another 60-point row
    bottom = TOP + rows * ROW
    for x in XS:  # columns run down to the break
        canvas.line(x, _y(TOP), x, _y(bottom))
    for r in range(rows + 1):
        y = TOP + r * ROW
        start = XS[1] if r in (rows - 1, rows) else XS[0]  # the cut cell has no line inside
        canvas.line(start, _y(y), XS[-1], _y(y))
    canvas.drawString(XS[0] + 4, _y(TOP + 20), "类别")
    canvas.drawString(XS[1] + 4, _y(TOP + 20), "名称")
    canvas.drawString(XS[2] + 4, _y(TOP + 20), "数值")
    for r in range(1, rows):
        canvas.drawString(XS[0] + 4, _y(TOP + r * ROW + 20), f"组{r}" if r < rows - 2 else "")
        canvas.drawString(XS[1] + 4, _y(TOP + r * ROW + 20), f"指标{r}")
        canvas.drawString(XS[2] + 4, _y(TOP + r * ROW + 20), str(r))
    canvas.drawString(XS[0] + 4, _y(TOP + (rows - 2) * ROW + 20), "跨页组")
    canvas.drawString(WIDTH / 2, 20, "- 1 -")  # a footer's page number
    canvas.showPage()
    canvas.setFont("STSong-Light", 10)
    for x in XS:
        canvas.line(x, _y(TOP), x, _y(TOP + 2 * ROW))
    canvas.line(XS[1], _y(TOP + ROW), XS[-1], _y(TOP + ROW))  # the cut cell still open
    canvas.line(XS[0], _y(TOP + 2 * ROW), XS[-1], _y(TOP + 2 * ROW))
    for r, name in enumerate(("指标12", "指标13")):
        canvas.drawString(XS[1] + 4, _y(TOP + r * ROW + 20), name)
        canvas.drawString(XS[2] + 4, _y(TOP + r * ROW + 20), name[2:])
    canvas.drawString(WIDTH / 2, 20, "- 2 -")
    canvas.showPage()
    canvas.save()


def test_a_table_cut_by_a_page_break_reads_back_as_one_table_with_the_cut_cell_whole(
    tmp_path: Path,
):
    path = tmp_path / "跨页.pdf"
    _split_table(path)
    doc = read_file(path)
    assert len(doc.tables) == 1
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == ["- 1 -", "- 2 -"]
    assert doc.blocks[0] is doc.tables[0]  # the table first, the page numbers after it
    table = doc.tables[0]
    assert (table.n_rows, table.n_cols) == (14, 3)
    rows = [[c.text for c in row] for row in table.rows()]
    assert rows[0] == ["类别", "名称", "数值"]
    assert rows[1] == ["组1", "指标1", "1"]
    assert rows[12] == ["", "指标12", "12"]  # the first row on page 2: the cut cell goes on
    assert rows[13] == ["", "指标13", "13"]
    cut = next(c for c in table.cells if c.text == "跨页组")
    assert (cut.row, cut.col, cut.rowspan, cut.colspan) == (10, 0, 4, 1)  # rows 10-13
    assert cut.loc is not None and cut.loc.page == 1
    page_two = next(c for c in table.cells if c.text == "指标13")
    assert page_two.loc is not None and (page_two.loc.page, page_two.row) == (2, 13)


def test_a_table_that_ends_with_room_below_does_not_join_the_next_page(tmp_path: Path):
    """The same table cut two rows early: room is left for another row, so the page break
    did not cut it, and what opens page 2 is a table of its own."""
    path = tmp_path / "两表.pdf"
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    canvas = Canvas(str(path), pagesize=A4)
    for _page in range(2):
        canvas.setFont("STSong-Light", 10)
        for x in XS:
            canvas.line(x, _y(TOP), x, _y(TOP + 3 * ROW))
        for r in range(4):
            canvas.line(XS[0], _y(TOP + r * ROW), XS[-1], _y(TOP + r * ROW))
        for r in range(3):
            canvas.drawString(XS[1] + 4, _y(TOP + r * ROW + 20), f"指标{r}")
        canvas.showPage()
    canvas.save()
    assert [t.page for t in read_file(path).tables] == [1, 2]


def test_libreoffice_prints_the_seed_forms_over_pages_and_they_read_back(tmp_path: Path):
    """All 50 seed forms, a sheet each, printed by LibreOffice Calc: long forms run over two or
    more pages, their 绩效指标 and 一级指标 cells cut by the breaks. One form is left out: its
    goals are longer than the tallest row a sheet can have, so Calc prints them over the cells
    below (the PDF itself does not show them)."""
    forms = [f for f in all_seed_forms() if f.project_name.text != "办事处事权补助资金"]
    assert len(forms) == 49
    source = tmp_path / "自评表.xlsx"
    write_forms_xlsx(forms, source, "beijing")
    back = extract_forms(read_file(convert(source, "pdf")))
    assert [f.project_name.text for f in back] == [f.project_name.text for f in forms]

    def squeezed(found: dict[str, object]) -> dict[str, object]:
        return {k: re.sub(r"\s+", "", v) if isinstance(v, str) else v for k, v in found.items()}

    assert squeezed(values(back)) == squeezed(values(forms))
