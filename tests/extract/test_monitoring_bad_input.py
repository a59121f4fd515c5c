"""Odd grids never crash the 监控表 reader: nothing to read gives no table, a cut-off table what
it has."""

from __future__ import annotations

from jixiao.extract.monitoring import extract_monitoring, label
from jixiao.model.grid import Cell, Document, Loc, Paragraph, Table


def table(rows: list[list[str]]) -> Table:
    cells = [
        Cell(text=text, row=r, col=c, loc=Loc(0, r, c))
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
    ]
    return Table(index=0, cells=cells)


def doc(*blocks: Table | Paragraph) -> Document:
    return Document(file="x.docx", sha256="0" * 64, format="docx", blocks=list(blocks))


def test_an_empty_document_or_a_lone_name_row_is_no_table() -> None:
    assert extract_monitoring(doc()) == []
    assert extract_monitoring(doc(table([["项目名称", "某项目"]]))) == []
    assert extract_monitoring(doc(Paragraph("项目名称"), Paragraph("绩效运行监控表"))) == []


def test_a_table_cut_after_its_money_keeps_what_it_has() -> None:
    grid = [
        ["项目名称", "道路养护经费", "", "", ""],
        ["项目资金（万元）", "全年预算数", "1-7月执行数", "执行率", "全年预计执行数"],
        ["年度资金总额", "100", "abc", "", "95"],
    ]
    (m,) = extract_monitoring(doc(Paragraph("2025年项目支出绩效运行监控表（1-7月）"), table(grid)))
    assert (m.year, m.period.text, m.project_name.text) == (2025, "1-7月", "道路养护经费")
    assert (m.funds.annual_budget.text, m.funds.executed.text) == ("100", "abc")
    assert m.indicators == []


def test_labels_are_read_without_their_period() -> None:
    assert label("1-7月执行数") == label("1—6月执行数") == label("截至8月底执行数") == "执行数"
    assert label("1-7月实际完成值") == "实际完成值"
