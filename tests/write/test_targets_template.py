"""The Excel fill-in 申报表 template: the official layout empty, one row per 二级指标; filled
with openpyxl (as a clerk would in Excel), it reads back with every value typed in."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.extract.kinds import document_kind
from jixiao.extract.targets import extract_targets
from jixiao.read import read_bytes
from jixiao.write.targets import targets_template_xlsx


def find(sheet: Worksheet, text: str) -> tuple[int, int]:
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell.row, cell.column
    raise AssertionError(f"{text} not in the template")


def beside(sheet: Worksheet, label: str) -> tuple[int, int]:
    """The cell right of a label (after the label's merged range)."""
    row, col = find(sheet, label)
    for merged in sheet.merged_cells.ranges:
        if merged.min_row == row and merged.min_col == col:
            return row, merged.max_col + 1
    return row, col + 1


def filled() -> bytes:
    book = load_workbook(io.BytesIO(targets_template_xlsx()))
    sheet = book["申报表"]
    sheet.cell(2, 1).value = "（2025年度）"
    for label, value in {
        "项目名称": "2025年社区养老驿站运营补贴",
        "主管部门": "北京市朝阳区民政局",
        "实施单位": "北京市朝阳区安贞街道办事处",
        "项目属性": "新增",
        "项目期": "3年",
        "年度资金总额": "120",
        "其中：财政拨款": "100",
        "其他资金": "20",
    }.items():
        sheet.cell(*beside(sheet, label)).value = value
    long_row, long_col = find(sheet, "长期目标")
    annual_col = find(sheet, "年度目标")[1]
    sheet.cell(long_row + 1, long_col).value = "建成覆盖全街道的居家养老服务网络。"
    sheet.cell(long_row + 1, annual_col).value = "运营4家养老驿站，服务老年人不少于2000人次。"
    header_row, name_col = find(sheet, "三级指标")
    target_col = find(sheet, "指标值")[1]
    sheet.cell(header_row + 1, name_col).value = "运营养老驿站数"
    sheet.cell(header_row + 1, target_col).value = "4个"
    cost_row = find(sheet, "成本指标")[0]
    sheet.cell(cost_row, name_col).value = "项目总成本"
    sheet.cell(cost_row, target_col).value = "≤120万元"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_filled_template_reads_back_with_every_value() -> None:
    document = read_bytes(filled(), "申报表.xlsx")
    assert document_kind(document) == "targets"
    (t,) = extract_targets(document)
    assert t.year == 2025
    assert t.project_name.text == "2025年社区养老驿站运营补贴"
    assert (t.department.text, t.implementing_unit.text) == (
        "北京市朝阳区民政局",
        "北京市朝阳区安贞街道办事处",
    )
    assert (t.attribute.text, t.period.text) == ("新增", "3年")
    assert (t.funds.total.text, t.funds.appropriation.text, t.funds.other.text) == (
        "120",
        "100",
        "20",
    )
    assert t.funds.unit.text == "万元"
    assert t.long_term_goal.text == "建成覆盖全街道的居家养老服务网络。"
    assert t.annual_goal.text == "运营4家养老驿站，服务老年人不少于2000人次。"
    # the rows left empty are not indicators; the two filled ones keep their template levels
    got = [(i.level1, i.level2, i.name.text, i.target.text) for i in t.indicators]
    assert got == [
        ("产出指标", "数量指标", "运营养老驿站数", "4个"),
        ("产出指标", "成本指标", "项目总成本", "≤120万元"),
    ]


def test_the_template_offers_new_or_continued_and_explains_itself() -> None:
    book = load_workbook(io.BytesIO(targets_template_xlsx(2026)))
    sheet = book["申报表"]
    assert sheet.cell(2, 1).value == "（2026年度）"
    (validation,) = sheet.data_validations.dataValidation
    assert validation.formula1 == '"新增,延续"'
    row, col = beside(sheet, "项目属性")
    assert str(validation.sqref) == f"{get_column_letter(col)}{row}"  # the 项目属性 value cell
    notes = [c.value for c in book["填表说明"]["A"]]
    assert notes[0] == "填表说明" and any("成本指标" in n for n in notes)


def test_an_empty_template_holds_no_targets_yet() -> None:
    document = read_bytes(targets_template_xlsx(), "模板.xlsx")
    assert document_kind(document) == "targets"
    assert extract_targets(document) == []  # no 年度目标 and no indicator: nothing declared
