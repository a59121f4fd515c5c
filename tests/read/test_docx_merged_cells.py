"""Merged cells in Word tables come out as one anchored cell with its real spans."""

from docx_builder import read, tbl, tc, tr

from jixiao.model.grid import Loc, Table


def spans(table: Table) -> list[tuple[str, int, int, int, int]]:
    """(text, row, col, rowspan, colspan) of every anchored cell, in reading order."""
    cells = sorted(table.cells, key=lambda c: (c.row, c.col))
    return [(c.text, c.row, c.col, c.rowspan, c.colspan) for c in cells]


def test_it_reads_a_grid_span_as_one_cell_with_a_colspan():
    doc = read(tbl(tr(tc("项目名称", span=2), tc("市民服务中心工作经费", span=7))))
    assert spans(doc.tables[0]) == [("项目名称", 0, 0, 1, 2), ("市民服务中心工作经费", 0, 2, 1, 7)]


def test_it_reads_vertically_merged_cells_as_one_cell():
    doc = read(
        tbl(
            tr(tc("产出指标", vmerge="restart"), tc("数量指标")),
            tr(tc(vmerge="continue"), tc("质量指标")),
            tr(tc(vmerge="continue"), tc("时效指标")),
            tr(tc("效益指标"), tc("社会效益指标")),
        )
    )
    assert spans(doc.tables[0]) == [
        ("产出指标", 0, 0, 3, 1),
        ("数量指标", 0, 1, 1, 1),
        ("质量指标", 1, 1, 1, 1),
        ("时效指标", 2, 1, 1, 1),
        ("效益指标", 3, 0, 1, 1),
        ("社会效益指标", 3, 1, 1, 1),
    ]


def test_it_treats_a_vmerge_without_a_value_as_a_continuation():
    doc = read(tbl(tr(tc("满意度指标", vmerge="restart")), tr(tc(vmerge="")), tr(tc(vmerge=""))))
    assert spans(doc.tables[0]) == [("满意度指标", 0, 0, 3, 1)]


def test_it_merges_a_wide_cell_down_over_wide_continuations():
    doc = read(
        tbl(
            tr(tc("年度总体目标", span=2, vmerge="restart"), tc("预期目标")),
            tr(tc(span=2, vmerge="continue"), tc("完成既定目标")),
        )
    )
    assert spans(doc.tables[0]) == [
        ("年度总体目标", 0, 0, 2, 2),
        ("预期目标", 0, 2, 1, 1),
        ("完成既定目标", 1, 2, 1, 1),
    ]


def test_it_ignores_the_hidden_text_of_a_continuation_cell():
    doc = read(tbl(tr(tc("一级", vmerge="restart")), tr(tc("旧内容", vmerge="continue"))))
    assert spans(doc.tables[0]) == [("一级", 0, 0, 2, 1)]


def test_a_continuation_at_the_top_of_a_table_is_a_cell_of_its_own():
    doc = read(tbl(tr(tc("孤立", vmerge="continue"), tc("旁边"))))
    assert spans(doc.tables[0]) == [("孤立", 0, 0, 1, 1), ("旁边", 0, 1, 1, 1)]


def test_a_continuation_under_a_plain_cell_joins_it_as_word_does():
    doc = read(tbl(tr(tc("甲"), tc("乙")), tr(tc(vmerge="continue"), tc("丙"))))
    assert spans(doc.tables[0]) == [("甲", 0, 0, 2, 1), ("乙", 0, 1, 1, 1), ("丙", 1, 1, 1, 1)]


def test_rows_show_a_placeholder_where_a_merged_cell_continues():
    doc = read(
        tbl(
            tr(tc("项目资金", vmerge="restart"), tc("年度资金总额"), tc("100")),
            tr(tc(vmerge=""), tc("其他资金"), tc("")),
        )
    )
    rows = [[(c.text, c.col, c.continued) for c in row] for row in doc.tables[0].rows()]
    assert rows == [
        [("项目资金", 0, False), ("年度资金总额", 1, False), ("100", 2, False)],
        [("", 0, True), ("其他资金", 1, False), ("", 2, False)],
    ]


def test_each_cell_knows_its_table_row_and_column():
    doc = read(
        tbl(tr(tc("a")))
        + tbl(tr(tc("b", span=2), tc("c")), tr(tc("d", vmerge="restart"), tc("e", span=2)))
    )
    second = doc.tables[1]
    assert second.index == 1
    assert {c.text: c.loc for c in second.cells} == {
        "b": Loc(1, 0, 0),
        "c": Loc(1, 0, 2),
        "d": Loc(1, 1, 0),
        "e": Loc(1, 1, 1),
    }
