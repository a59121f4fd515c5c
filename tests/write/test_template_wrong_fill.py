"""A template filled wrongly gets findings or a clear Chinese file error, never a crash.

Each case starts from the street office's correct filling (template_filling.street_office),
changes one thing the way a clerk gets it wrong, lets LibreOffice recalculate and save, and
checks the file as `jixiao check` does.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from template_filling import Filling, delete_row, fill, recalculated, row_of, street_office

from jixiao.scoring.policy import load_policy
from jixiao.services.check import CheckResult, check_paths
from jixiao.write.template_xlsx import write_template


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "模板.xlsx"
    write_template(path)
    return path


def checked(
    template: Path,
    folder: Path,
    filling: Filling,
    edit: Callable[[Workbook], None] | None = None,
    name: str = "填报.xlsx",
) -> CheckResult:
    path = fill(template, folder / name, filling)
    if edit is not None:
        book = load_workbook(path)
        edit(book)
        book.save(path)
    return check_paths([recalculated(path)], load_policy("beijing"))


def codes(result: CheckResult) -> set[str]:
    assert not result.errors
    [form] = result.forms
    return {f.code for f in form.findings}


def test_the_correct_filling_has_no_arithmetic_findings(template: Path, tmp_path: Path) -> None:
    result = checked(template, tmp_path, street_office())
    # the one warning is about the indicator itself: “有效提升” is not a measurable target
    assert codes(result) == {"TARGET_NOT_QUANTIFIED"}


def test_it_flags_a_malformed_number_in_a_money_cell(template: Path, tmp_path: Path) -> None:
    filling = street_office()
    filling.funds["年度资金总额"] = (30.78, "30.78.5", 30.6874)
    result = checked(template, tmp_path, filling)
    [form] = result.forms
    malformed = [f for f in form.findings if f.code == "NUMBER_MALFORMED"]
    assert [f.path for f in malformed] == ["funds.total.annual_budget"]
    assert "30.78.5" in malformed[0].message
    assert "工作表“自评表”第1个表格第7行第5列" in malformed[0].location
    # the rate formula gives nothing for text, so the funds score is missing from the total
    assert form.form.funds.execution_rate.text == "" and form.form.total_score.text == "89.4"
    assert "TOTAL_SCORE_MISMATCH" in codes(result)


def test_text_in_a_money_cell_leaves_the_total_short_of_the_funds_score(
    template: Path, tmp_path: Path
) -> None:
    """“三十万” has no digits: no malformed-number finding, but the total shows the gap."""
    filling = street_office()
    filling.funds["年度资金总额"] = (30.78, "三十万", 30.6874)
    result = checked(template, tmp_path, filling)
    [form] = result.forms
    assert form.form.funds.total.annual_budget.text == "三十万"
    assert form.form.funds.score.text == ""
    mismatch = next(f for f in form.findings if f.code == "TOTAL_SCORE_MISMATCH")
    assert "99.37" in mismatch.message and "89.4" in mismatch.message


def test_it_flags_weights_that_do_not_add_up_to_100(template: Path, tmp_path: Path) -> None:
    filling = street_office()
    first = filling.indicators[0]
    filling.indicators[0] = (*first[:5], 30, 30, None)  # 30 + 30 + 30 + 10 = 100, +10 = 110
    result = checked(template, tmp_path, filling)
    assert result.forms[0].form.total_weight.text == "110"
    assert {"TOTAL_WEIGHT_NOT_STANDARD", "WEIGHTS_NOT_ADDING_UP", "LEVEL1_SPLIT_NOT_DEFAULT"} <= (
        codes(result)
    )


def test_it_flags_a_form_without_a_project_name(template: Path, tmp_path: Path) -> None:
    filling = street_office()
    filling.project_name = None
    result = checked(template, tmp_path, filling)
    [form] = result.forms
    assert form.form.project_name.text == ""
    assert form.form.project_name.loc is not None  # the empty cell is still located
    assert len(form.form.indicators) == 4
    [missing] = [f for f in form.findings if f.code == "HEADER_FIELD_MISSING"]
    assert (missing.path, missing.message) == ("project_name", "项目名称未填写。")


def test_it_flags_an_indicator_with_a_target_and_no_weight(template: Path, tmp_path: Path) -> None:
    filling = street_office()
    filling.indicators.append(
        ("产出指标", "时效指标", "完成时间", "2024年12月前", "2024年11月", None, None, None)
    )
    result = checked(template, tmp_path, filling)
    [form] = result.forms
    extra = form.form.indicators[-1]
    assert (extra.name.text, extra.weight.text, extra.score.text) == ("完成时间", "", "")
    assert form.computed.total_weight == 100  # an empty weight counts 0
    [missing] = [f for f in form.findings if f.code == "INDICATOR_WEIGHT_MISSING"]
    assert missing.path == f"indicators.{len(form.form.indicators) - 1}.weight"
    assert "“完成时间”没有填写分值" in missing.message


def test_it_computes_from_the_sources_and_says_so_when_the_total_row_is_deleted(
    template: Path, tmp_path: Path
) -> None:
    def edit(book: Workbook) -> None:
        sheet = book["自评表"]
        delete_row(sheet, row_of(sheet, "C", "年度资金总额"))

    result = checked(template, tmp_path, street_office(), edit)
    [form] = result.forms
    assert form.form.funds.total.annual_budget.text == ""
    assert form.form.funds.appropriation.annual_budget.text == "30.78"
    assert form.computed.funds_score == Decimal("9.97")
    assert "年度资金总额行未填或无法读取" in form.computed.explanations["execution_rate"]
    # the formulas that pointed at the deleted row now say #REF!: no declared totals
    assert form.form.total_weight.text == "" and form.form.total_score.text == ""
    found = {(f.code, f.path) for f in form.findings}
    assert ("FUNDS_TOTAL_ROW_MISSING", "funds.total.annual_budget") in found
    assert ("DECLARED_RESULT_MISSING", "total_score") in found


def test_it_stops_the_indicators_at_the_end_when_the_total_row_is_deleted(
    template: Path, tmp_path: Path
) -> None:
    """The instructions and the lists that follow the form are never taken for indicators."""

    def edit(book: Workbook) -> None:
        sheet = book["自评表"]
        delete_row(sheet, row_of(sheet, "A", "总分"))

    result = checked(template, tmp_path, street_office(), edit)
    [form] = result.forms
    assert [i.name.text for i in form.form.indicators] == [
        "开展宣传活动次数",
        "办件按时办结率",
        "群众办事便利度",
        "办事群众满意度",
    ]
    assert form.form.total_weight.text == ""


def test_it_names_the_file_when_the_project_name_row_is_deleted(
    template: Path, tmp_path: Path
) -> None:
    def edit(book: Workbook) -> None:
        sheet = book["自评表"]
        delete_row(sheet, row_of(sheet, "A", "项目名称"))

    result = checked(template, tmp_path, street_office(), edit, name="椿树街道.xlsx")
    assert result.forms == []
    [error] = result.errors
    assert (
        error.message == "椿树街道.xlsx：未在文件中找到项目支出绩效自评表（没有“项目名称”及指标表）"
    )


def test_it_reads_a_renamed_sheet(template: Path, tmp_path: Path) -> None:
    def edit(book: Workbook) -> None:
        book["自评表"].title = "Sheet1"

    result = checked(template, tmp_path, street_office(), edit)
    [form] = result.forms
    assert form.form.source.sheet == "Sheet1"
    assert form.form.funds.score.text == "9.97"
    assert form.form.project_name.loc is not None and form.form.project_name.loc.sheet == "Sheet1"


@pytest.mark.parametrize("sheet", ["选项", "填报说明"])
def test_it_reads_the_form_when_a_helper_sheet_is_deleted(
    template: Path, tmp_path: Path, sheet: str
) -> None:
    def edit(book: Workbook) -> None:
        del book[sheet]

    result = checked(template, tmp_path, street_office(), edit)
    [form] = result.forms
    assert form.form.project_name.text == "市民服务中心工作经费"
    assert form.form.total_score.text == "99.37"
    assert len(form.form.indicators) == 4
