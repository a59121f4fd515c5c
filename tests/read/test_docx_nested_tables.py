"""A table inside a table cell is a table block of its own, right after the table holding it."""

from docx_builder import p, read, tbl, tc, tr

from jixiao.model.grid import Paragraph, Table

INNER = tbl(tr(tc("内表甲"), tc("内表乙")), tr(tc("内表丙"), tc("内表丁")))


def outer_with_nested() -> str:
    return tbl(
        tr(tc("外表左上"), tc("单元格前", INNER, "单元格后")),
        tr(tc("外表左下"), tc("外表右下")),
    )


def texts(table: Table) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows()]


def test_a_nested_table_becomes_its_own_table_after_the_outer_one():
    doc = read(outer_with_nested() + p("表后段落"))
    assert [type(b).__name__ for b in doc.blocks] == ["Table", "Table", "Paragraph"]
    outer, inner = doc.tables
    assert texts(outer) == [["外表左上", "单元格前\n单元格后"], ["外表左下", "外表右下"]]
    assert texts(inner) == [["内表甲", "内表乙"], ["内表丙", "内表丁"]]
    assert isinstance(doc.blocks[2], Paragraph) and doc.blocks[2].text == "表后段落"


def test_the_nested_tables_text_is_not_repeated_in_the_outer_cell():
    doc = read(tbl(tr(tc(INNER))))
    outer = doc.tables[0]
    assert [c.text for c in outer.cells] == [""]
    assert not any("内表" in c.text for c in outer.cells)


def test_tables_are_numbered_in_document_order_nested_ones_included():
    deep = tbl(tr(tc("最内层")))
    middle = tbl(tr(tc("中间层", deep)))
    doc = read(tbl(tr(tc("第一表", middle))) + tbl(tr(tc("第二表"))))
    assert [(t.index, t.cells[0].text) for t in doc.tables] == [
        (0, "第一表"),
        (1, "中间层"),
        (2, "最内层"),
        (3, "第二表"),
    ]
    assert [t.cells[0].loc.table for t in doc.tables] == [0, 1, 2, 3]
