"""The seeds' text format: tab-prefixed cells, blank lines that end rows or sit inside cells."""

from __future__ import annotations

from jixiao.read.text import parse_text


def rows(text: str) -> list[list[str]]:
    doc = parse_text(text, "t.txt", "0")
    return [[c.text for c in row] for table in doc.tables for row in table.rows()]


def test_it_reads_each_tab_as_a_new_cell_and_a_blank_line_as_a_new_row() -> None:
    assert rows("\t项目名称\n\t经费\n\n\t主管部门\n\t某局\n") == [
        ["项目名称", "经费"],
        ["主管部门", "某局"],
    ]


def test_it_keeps_lines_without_a_tab_in_the_cell_before() -> None:
    assert rows("\t项目资金\n（万元）\n\t\n\t年初预算数\n") == [
        ["项目资金\n（万元）", "", "年初预算数"]
    ]


def test_it_keeps_empty_cells_of_merged_areas() -> None:
    assert rows("\t\n\t\n\t指标2：\n\t\n") == [["", "", "指标2：", ""]]


def test_it_joins_a_row_cut_by_a_blank_line_inside_a_cell() -> None:
    # seed 002: "年度\n\n指标值" is one header cell
    text = "\t一级指标\n\t年度\n\n指标值\n\t实际\n\n完成值\n\t分值\n"
    assert rows(text) == [["一级指标", "年度\n\n指标值", "实际\n\n完成值", "分值"]]


def test_it_joins_row_halves_that_together_fill_the_table_width() -> None:
    full = "\t" + "\n\t".join(["a", "b", "c", "d", "e", "f"]) + "\n\n"
    cut = "\ta\n\tb\n\t\n10\n\n\n\n\tx\n\ty\n\tz\n\n"  # seed 003: a cell holding blank lines
    got = rows(full + full + cut + full + full)
    assert got[2] == ["a", "b", "10", "x", "y", "z"]
    assert len(got) == 5


def test_it_does_not_join_rows_of_different_tables() -> None:
    text = (
        "\t总分\n\t100\n\t100\n\t\n\n\n\n\n项目支出绩效自评表\n（2023年度）\n\t项目名称\n\t经费\n"
    )
    doc = parse_text(text, "t.txt", "0")
    assert [[c.text for c in r] for t in doc.tables for r in t.rows()] == [
        ["总分", "100", "100", ""],
        ["项目名称", "经费"],
    ]
    assert any("自评表" in getattr(b, "text", "") for b in doc.blocks)


def test_it_drops_word_bookmark_artefacts() -> None:
    assert rows("\t联系电话\n\t[bookmark: _GoBack]\n") == [["联系电话", ""]]


def test_it_records_where_each_cell_came_from() -> None:
    doc = parse_text("\t甲\n\t乙\n\n\t丙\n\t丁\n", "t.txt", "0")
    cell = doc.tables[0].cells[3]
    assert (cell.text, cell.loc.table, cell.loc.row, cell.loc.col) == ("丁", 0, 1, 1)


def test_it_joins_a_row_cut_into_several_parts() -> None:
    # seed 003 社区公益事业补助资金: the 成本指标 row comes out as 4 + 1 + 1 + 3 cells
    full = "\t" + "\n\t".join("abcdefghi") + "\n\n"
    cut = "\t\n\t\n\t成本指标\n\t指标1\n\n\t控制在预算内\n\n\t控制在预算内\n\n\t10\n\t10\n\t\n\n"
    got = rows(full * 3 + cut + full * 3)
    assert got[3] == ["", "", "成本指标", "指标1", "控制在预算内", "控制在预算内", "10", "10", ""]
    assert len(got) == 7


def test_it_does_not_join_the_narrow_rows_at_the_top_of_a_form() -> None:
    top = "\t项目支出绩效自评表\n\n\t（2023年度）\n\n\t项目名称\n\t某项目\n\n\t主管部门\n\t某局\n\t实施单位\n\t某中心\n\n"
    funds = "\t" + "\n\t".join("abcdefgh") + "\n\n"
    got = rows(top + funds * 4)
    assert [len(r) for r in got[:4]] == [1, 1, 2, 4]
