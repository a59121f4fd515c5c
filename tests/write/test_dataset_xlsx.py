"""The dataset workbook: sheets 自评表, 绩效指标, 审核发现 and 字段说明; Chinese titles in the
header row; numbers as numbers, declared text as text; filters on and the header frozen."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from openpyxl import load_workbook
from seeds import all_seed_forms

from jixiao.scoring.policy import load_policy
from jixiao.services.check import CheckedForm, check_forms
from jixiao.write.datasets import COLUMNS, TABLES, write_dataset_xlsx

SHEETS = {"forms": "自评表", "indicators": "绩效指标", "findings": "审核发现"}


@cache
def checked() -> list[CheckedForm]:
    return check_forms(all_seed_forms(), load_policy("beijing"))


@cache
def workbook_bytes() -> bytes:
    stream = io.BytesIO()
    write_dataset_xlsx(checked(), stream)
    return stream.getvalue()


def book():  # noqa: ANN201
    return load_workbook(io.BytesIO(workbook_bytes()))


def test_it_has_the_three_tables_and_the_field_guide() -> None:
    assert book().sheetnames == ["自评表", "绩效指标", "审核发现", "字段说明"]


def test_each_sheet_has_one_row_per_item_under_the_chinese_titles() -> None:
    workbook = book()
    counts = {
        "forms": 50,
        "indicators": 425,
        "findings": sum(len(c.findings) for c in checked()),
    }
    for table in TABLES:
        sheet = workbook[SHEETS[table]]
        assert [c.value for c in sheet[1]] == [c.title for c in COLUMNS[table]]
        assert sheet.max_row - 1 == counts[table], table
        assert sheet.freeze_panes == "A2"
        assert (
            sheet.auto_filter.ref
            == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
        )


def test_numbers_are_numbers_and_declared_text_stays_text() -> None:
    sheet = book()["自评表"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[2].value == "公共服务经费")
    cell = {title: row[i] for i, title in enumerate(header)}
    assert cell["执行得分（计算）"].value == 9.01 and cell["执行得分（计算）"].data_type == "n"
    assert cell["执行率（计算，%）"].value == 90.1
    assert cell["执行率（计算，%）"].number_format == "0.00"  # shown 90.10
    assert cell["总分（计算）"].value == 99.01
    assert cell["年度"].value == 2020 and cell["指标数"].value == 10
    assert cell["全年预算数（读数）"].value == 2175.9657
    assert cell["执行率（填报）"].value == "100%" and cell["执行率（填报）"].data_type == "s"
    assert cell["总分（填报）"].value == "1000" and cell["总分（填报）"].data_type == "s"
    assert cell["表键"].value == "004_b10b36a27f1da553.txt#0"


def test_an_empty_computed_value_is_an_empty_cell() -> None:
    sheet = book()["绩效指标"]
    header = [c.value for c in sheet[1]]
    scores = [r[header.index("得分（计算）")] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert None in scores  # seed 004's worded indicators cannot be scored
    assert all(s is None or isinstance(s, int | float) for s in scores)


def test_the_field_guide_lists_every_column_with_its_type_and_example() -> None:
    sheet = book()["字段说明"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("工作表", "数据表", "字段名", "标题", "类型", "说明", "示例")
    listed = [(r[1], r[2]) for r in rows[1:]]
    assert listed == [(t, c.name) for t in TABLES for c in COLUMNS[t]]
    score = next(r for r in rows if r[2] == "funds_score_computed")
    assert score[3] == "执行得分（计算）" and score[4] == "小数（4 位小数）" and score[6] == "9.01"


def test_it_writes_to_a_path_and_an_empty_selection_gives_headers_only(tmp_path: Path) -> None:
    out = tmp_path / "空.xlsx"
    write_dataset_xlsx([], out)
    workbook = load_workbook(out)
    for table in TABLES:
        sheet = workbook[SHEETS[table]]
        assert sheet.max_row == 1
        assert [c.value for c in sheet[1]] == [c.title for c in COLUMNS[table]]
    assert workbook["字段说明"].max_row == 1 + sum(len(COLUMNS[t]) for t in TABLES)
