"""A ruled PDF table comes back with the spans of its merged cells, rebuilt from the cell boxes."""

import hashlib
from pathlib import Path

from fixtures.pdf_writer import write_pdf
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from jixiao.model.grid import Cell, Document, Paragraph, Table
from jixiao.read import read_file

CELLS = [
    Cell("项目支出绩效自评表", 0, 0, 1, 4),
    Cell("产出指标", 1, 0, 3, 1),
    Cell("数量指标", 1, 1),
    Cell("培训人次 ≥ 500 人·次", 1, 2),
    Cell("520", 1, 3),
    Cell("质量指标", 2, 1, 2, 1),
    Cell("合格率", 2, 2),
    Cell("100%", 2, 3),
    Cell("验收通过率", 3, 2),
    Cell("98.5%", 3, 3),
    Cell("总分", 4, 0, 1, 3),
    Cell("100\n（含资金10分）", 4, 3),
]


def spans(table: Table) -> list[tuple[str, int, int, int, int]]:
    return sorted((c.text, c.row, c.col, c.rowspan, c.colspan) for c in table.cells)


def written(tmp_path: Path, *tables: Table) -> Document:
    path = tmp_path / "表.pdf"
    write_pdf(list(tables), path)
    return read_file(path)


def test_it_reads_merged_cells_back_with_their_spans_and_texts(tmp_path):
    doc = written(tmp_path, Table(0, list(CELLS)))
    assert doc.format == "pdf"
    assert len(doc.tables) == 1
    assert spans(doc.tables[0]) == spans(Table(0, CELLS))


def test_it_records_the_page_and_the_box_of_every_cell(tmp_path):
    doc = written(tmp_path, Table(0, list(CELLS)))
    table = doc.tables[0]
    assert table.page == 1
    by_text = {c.text: c for c in table.cells}
    for cell in table.cells:
        assert cell.loc is not None
        loc = cell.loc
        assert (loc.table, loc.row, loc.col, loc.page) == (0, cell.row, cell.col, 1)
        x0, top, x1, bottom = loc.box
        assert 0 <= x0 < x1 <= 596 and 0 <= top < bottom <= 842
    merged, single = by_text["产出指标"].loc.box, by_text["数量指标"].loc.box
    assert merged[1] == single[1]  # same top edge
    assert merged[3] > single[3] + 20  # three rows tall against one
    assert merged[2] == single[0]  # the merged cell ends where its neighbour starts


def test_it_keeps_the_file_name_and_the_hash(tmp_path):
    doc = written(tmp_path, Table(0, list(CELLS)))
    path = tmp_path / "表.pdf"
    assert doc.file == str(path)
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_it_joins_the_lines_a_long_text_was_wrapped_into(tmp_path):
    goal = "目标一：完成街道食堂、安保、物业后勤保障性服务供应商选取，保障办公系统维护，" * 4
    english = "Annual target reached in every district of the city, " * 3
    cells = [Cell("预期目标", 0, 0), Cell(goal, 0, 1)]
    cells += [Cell("note", 1, 0), Cell(english.strip(), 1, 1)]
    table = written(tmp_path, Table(0, cells)).tables[0]
    box = next(c for c in table.cells if c.text == goal).loc.box
    assert box[3] - box[1] > 30  # it did take several lines
    assert spans(table) == spans(Table(0, cells))


def test_it_numbers_tables_across_pages(tmp_path):
    first = Table(0, [Cell("项目名称", 0, 0), Cell("市民服务中心工作经费", 0, 1)])
    second = Table(1, [Cell("主管部门", 0, 0), Cell("椿树街道办事处", 0, 1)])
    doc = written(tmp_path, first, second)
    assert [(t.index, t.page) for t in doc.tables] == [(0, 1), (1, 2)]
    assert [c.loc.table for c in doc.tables[1].cells] == [1, 1]
    assert spans(doc.tables[1]) == [("主管部门", 0, 0, 1, 1), ("椿树街道办事处", 0, 1, 1, 1)]


def test_it_reads_text_outside_the_table_as_paragraphs_in_reading_order(tmp_path):
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "title.pdf"
    canvas = Canvas(str(path))
    canvas.setFont("STSong-Light", 12)
    canvas.drawString(200, 780, "项目支出绩效自评表")
    canvas.drawString(220, 760, "（2023年度）")
    for x0, x1 in ((50, 150), (150, 400)):
        canvas.rect(x0, 700, x1 - x0, 30)
    canvas.drawString(60, 710, "项目名称")
    canvas.drawString(160, 710, "办事处事权补助资金")
    canvas.drawString(50, 650, "填报人：张三")
    canvas.save()
    doc = read_file(path)
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph"] * 2 + ["Table", "Paragraph"]
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert texts == ["项目支出绩效自评表", "（2023年度）", "填报人：张三"]
    assert spans(doc.tables[0]) == [("办事处事权补助资金", 0, 1, 1, 1), ("项目名称", 0, 0, 1, 1)]


def test_it_reads_text_drawn_twice_for_bold_once(tmp_path):
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "bold.pdf"
    canvas = Canvas(str(path))
    canvas.setFont("STSong-Light", 12)
    for dx in (0, 0.3):  # Word's fake bold: the same text again, a hair to the right
        canvas.drawString(100 + dx, 700, "绩效目标的的确确完成")
    canvas.save()
    assert [b.text for b in read_file(path).blocks] == ["绩效目标的的确确完成"]
