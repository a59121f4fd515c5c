"""HTML tables: cells placed on an occupancy grid, nested tables apart, encodings detected."""

from __future__ import annotations

from jixiao.model.grid import Paragraph, Table
from jixiao.read.html import read_html


def _grid(table: Table) -> list[tuple[str, int, int, int, int]]:
    return sorted((c.text, c.row, c.col, c.rowspan, c.colspan) for c in table.cells)


def test_a_cell_skips_the_columns_covered_by_rowspans_from_above() -> None:
    page = b"""<table>
      <tr><td rowspan="3">A</td><td>B</td><td rowspan="2">C</td><td>D</td></tr>
      <tr><td>E</td><td>F</td></tr>
      <tr><td colspan="2">G</td><td>H</td></tr>
    </table>"""
    table = read_html(page, "a.html", "h").tables[0]
    assert _grid(table) == [
        ("A", 0, 0, 3, 1),
        ("B", 0, 1, 1, 1),
        ("C", 0, 2, 2, 1),
        ("D", 0, 3, 1, 1),
        ("E", 1, 1, 1, 1),
        ("F", 1, 3, 1, 1),
        ("G", 2, 1, 1, 2),
        ("H", 2, 3, 1, 1),
    ]


def test_rowspan_zero_and_too_long_rowspans_stop_at_the_last_row() -> None:
    page = b"""<table><tbody>
      <tr><td rowspan="0">A</td><td rowspan="9">B</td><td>C</td></tr>
      <tr><td>D</td></tr>
    </tbody></table>"""
    table = read_html(page, "a.html", "h").tables[0]
    assert _grid(table) == [
        ("A", 0, 0, 2, 1),
        ("B", 0, 1, 2, 1),
        ("C", 0, 2, 1, 1),
        ("D", 1, 2, 1, 1),
    ]


def test_a_nested_table_is_its_own_table_after_the_outer_one_and_not_in_its_cell() -> None:
    page = """<html><body><p>说明文字</p><table>
      <tr><td>外层<table><tr><td>内层一</td><td>内层二</td></tr></table>结尾</td><td>X</td></tr>
    </table><p>表后文字</p></body></html>""".encode()
    doc = read_html(page, "a.html", "h")
    kinds = [
        (type(b).__name__, b.text if isinstance(b, Paragraph) else b.index) for b in doc.blocks
    ]
    assert kinds == [
        ("Paragraph", "说明文字"),
        ("Table", 0),
        ("Table", 1),
        ("Paragraph", "表后文字"),
    ]
    assert _grid(doc.tables[0]) == [("X", 0, 1, 1, 1), ("外层\n结尾", 0, 0, 1, 1)]
    assert _grid(doc.tables[1]) == [("内层一", 0, 0, 1, 1), ("内层二", 0, 1, 1, 1)]


def test_a_gbk_page_with_a_meta_charset_reads_as_chinese() -> None:
    page = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
      <title>自评表</title><style>td{}</style><script>var x = "不要";</script></head>
      <body><h2>项目支出绩效自评表</h2><table><tr><td>项目名称</td>
      <td>市民服务中心&nbsp;&nbsp;工作经费<br>（续）</td></tr></table></body></html>"""
    doc = read_html(page.encode("gbk"), "a.htm", "h")
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == ["项目支出绩效自评表"]
    assert [c.text for c in doc.tables[0].cells] == ["项目名称", "市民服务中心 工作经费\n（续）"]


def test_a_page_without_a_declared_charset_falls_back_to_gb18030() -> None:
    page = "<table><tr><td>绩效指标</td></tr></table>".encode("gb18030")
    assert read_html(page, "a.html", "h").tables[0].cells[0].text == "绩效指标"


def test_a_page_without_tables_gives_paragraphs_only() -> None:
    doc = read_html("<div>第一段<div>第二段</div></div>尾".encode(), "a.html", "h")
    assert [b.text for b in doc.blocks] == ["第一段", "第二段", "尾"]
    assert doc.tables == []
