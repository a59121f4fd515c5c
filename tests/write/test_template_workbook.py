"""The fill-in template as a file: its sheets, labels, drop-downs, checks, formulas, protection
and print setup are really in the .xlsx (loaded back with openpyxl)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from template_filling import row_of

from jixiao.write.template_xlsx import write_template


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Workbook:
    path = tmp_path_factory.mktemp("template") / "模板.xlsx"
    write_template(path)
    return load_workbook(path)


def validation_of(sheet, coordinate: str):  # noqa: ANN001, ANN201
    found = [dv for dv in sheet.data_validations.dataValidation if coordinate in dv.sqref]
    assert len(found) == 1, f"{coordinate}: {len(found)} validations"
    return found[0]


def test_it_has_the_form_the_instructions_and_the_lists(book: Workbook) -> None:
    assert book.sheetnames == ["自评表", "填报说明", "选项"]
    assert book.active.title == "自评表"


def test_it_lays_out_the_paper_form_labels(book: Workbook) -> None:
    sheet = book["自评表"]
    assert sheet["A1"].value == "项目支出绩效自评表"
    assert sheet["A3"].value == "项目名称"
    assert sheet["A4"].value == "主管部门" and sheet["F4"].value == "实施单位"
    assert sheet["A5"].value == "项目负责人" and sheet["F5"].value == "联系电话"
    assert [c.value for c in sheet[6]][3:] == [
        "年初预算数",
        "全年预算数（A）",
        "全年执行数（B）",
        "分值",
        "执行率（B/A）",
        "得分",
    ]
    assert [sheet[f"C{r}"].value for r in range(7, 11)] == [
        "年度资金总额",
        "其中：当年财政拨款",
        "上年结转资金",
        "其他资金",
    ]
    assert sheet["A11"].value == "年度总体目标"
    assert sheet["C11"].value == "预期目标" and sheet["F11"].value == "实际完成情况"
    assert [c.value for c in sheet[13]][1:] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    assert sheet["A34"].value == "总分"  # 20 indicator rows, 14–33


def test_it_offers_as_many_indicator_rows_as_asked(tmp_path: Path) -> None:
    write_template(tmp_path / "t.xlsx", indicator_rows=5)
    sheet = load_workbook(tmp_path / "t.xlsx")["自评表"]
    assert row_of(sheet, "A", "总分") == 14 + 5


def test_it_writes_to_a_stream(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    write_template(buffer)
    assert load_workbook(io.BytesIO(buffer.getvalue()))["自评表"]["A3"].value == "项目名称"


def test_it_computes_rate_score_and_totals_with_formulas(book: Workbook) -> None:
    sheet = book["自评表"]
    assert sheet["H7"].value == '=IFERROR(IF(OR(N(E7)=0,F7=""),"",TEXT(F7/E7,"0.00%")),"")'
    assert sheet["H8"].value == '=IFERROR(IF(OR(N(E8)=0,F8=""),"",TEXT(F8/E8,"0.00%")),"")'
    assert (
        sheet["I7"].value == '=IFERROR(IF(OR(N(E7)=0,F7="",G7=""),"",ROUND(G7*MIN(F7/E7,1),2)),"")'
    )
    assert sheet["G7"].value == 10  # the policy's funds weight, typed in
    assert sheet["G34"].value == '=IF(COUNT(G14:G33)=0,"",SUM(G7,G14:G33))'
    assert sheet["H34"].value == '=IF(COUNT(H14:H33)=0,"",SUM(I7,H14:H33))'
    assert 'SUMIF(B14:B33,"产出指标",G14:G33)' in sheet["I34"].value
    # source rows have no weight and no score of their own
    assert sheet["G8"].value == "—" and sheet["I8"].value == "—"


def test_it_offers_drop_downs_from_the_lists_sheet(book: Workbook) -> None:
    sheet, lists = book["自评表"], book["选项"]
    assert [c.value for c in lists["A"] if c.value] == [
        "一级指标",
        "产出指标",
        "效益指标",
        "满意度指标",
    ]
    assert [c.value for c in lists["B"] if c.value][1:] == [
        "数量指标",
        "质量指标",
        "时效指标",
        "成本指标",
        "经济效益指标",
        "社会效益指标",
        "生态效益指标",
        "可持续影响指标",
        "服务对象满意度指标",
    ]
    assert [c.value for c in lists["C"] if c.value][1:] == [
        "优",
        "良",
        "中",
        "差",
        "达成年度指标",
        "部分达成年度指标并具有一定效果",
        "未达成年度指标且效果较差",
    ]
    level1 = validation_of(sheet, "B14")
    assert level1.type == "list" and level1.formula1 == "'选项'!$A$2:$A$4"
    assert "B33" in level1.sqref and level1.showErrorMessage
    level2 = validation_of(sheet, "C20")
    assert level2.type == "list" and level2.formula1 == "'选项'!$B$2:$B$10"
    results = validation_of(sheet, "F14")
    assert results.formula1 == "'选项'!$C$2:$C$8"
    assert not results.showErrorMessage  # a number is an actual too: the list only suggests


def test_it_refuses_text_in_money_and_point_cells_in_chinese(book: Workbook) -> None:
    sheet = book["自评表"]
    for cell in ("D7", "E7", "F7", "D10", "F10"):
        money = validation_of(sheet, cell)
        assert money.type == "decimal" and money.operator == "greaterThanOrEqual"
        assert money.formula1 == "0" and money.errorStyle == "stop" and money.showErrorMessage
        assert "万元" in money.error and "数字" in money.error
    for cell in ("G7", "G14", "H14", "G33", "H33"):
        points = validation_of(sheet, cell)
        assert points.type == "decimal" and (points.formula1, points.formula2) == ("0", "100")
        assert "0 到 100" in points.error


def test_it_locks_labels_and_formulas_and_leaves_inputs_open(book: Workbook) -> None:
    sheet = book["自评表"]
    assert sheet.protection.sheet and not sheet.protection.password
    # a clerk may still widen a column or heighten a row to see a long text
    assert sheet.protection.formatColumns is False and sheet.protection.formatRows is False
    for locked in ("A1", "A3", "A7", "C7", "D6", "H7", "I7", "G8", "B13", "A34", "G34", "H34"):
        assert sheet[locked].protection.locked, locked
    for open_ in ("A2", "C3", "C4", "H4", "D7", "E7", "F7", "G7", "F10", "C12", "F12"):
        assert not sheet[open_].protection.locked, open_
    for column in "BCDEFGHI":
        assert not sheet[f"{column}14"].protection.locked
        assert not sheet[f"{column}33"].protection.locked
    assert book["选项"].protection.sheet and book["填报说明"].protection.sheet


def test_it_prints_on_a4_in_songti_with_borders(book: Workbook) -> None:
    sheet = book["自评表"]
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.page_setup.orientation == "portrait"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert sheet.print_area == "'自评表'!$A$1:$I$34"
    assert sheet.freeze_panes == "A3"
    assert {sheet[c].font.name for c in ("A1", "A3", "C3", "D6", "H7", "B14")} == {"宋体"}
    assert sheet["A1"].font.sz == 16 and sheet["A1"].font.b
    assert all(sheet[c].border.left.style == "thin" for c in ("A3", "D7", "I33", "H34"))
    assert sheet.column_dimensions["D"].width >= 20 and sheet.column_dimensions["I"].width >= 20
    assert sheet.row_dimensions[12].height >= 80  # room to write the goals


def test_it_explains_how_to_fill_it_in_chinese(book: Workbook) -> None:
    text = "\n".join(str(c.value) for c in book["填报说明"]["A"] if c.value)
    assert text.startswith("项目支出绩效自评表 填报说明")
    for words in (
        "黄色单元格为填写处",
        "下拉列表选择一级指标和二级指标",
        "执行率 = 全年执行数 ÷ 全年预算数（A），执行率超过 100% 的按 100% 计",
        "保留 2 位小数",
        "各三级指标分值之和应为 90 分",
        "产出指标 50 分、效益指标 30 分、满意度指标 10 分",
        "优 90%–100%；良 80%–90%；中 60%–80%；差 0%–60%",
        "优 90 分及以上、良 80 分及以上、中 60 分及以上、差 60 分以下",
        "没有密码",
        "jixiao check",
    ):
        assert words in text, words
