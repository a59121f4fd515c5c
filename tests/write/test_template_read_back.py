"""A filled template reads back as the form that was filled.

Filled with openpyxl (as a clerk types), then opened and saved by LibreOffice, which computes
the formulas as Excel or WPS does when the clerk saves: the declared 执行率, 得分 and 总分 are the
formulas' results. openpyxl keeps no cached results, so every value checked here comes from
LibreOffice's recalculation.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from template_filling import fill, recalculated, street_office

from jixiao.extract import extract_forms
from jixiao.model.form import Form
from jixiao.read import read_file
from jixiao.scoring.policy import load_policy
from jixiao.services.check import check_forms
from jixiao.write.template_xlsx import write_template


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("filled")
    write_template(folder / "模板.xlsx")
    return fill(folder / "模板.xlsx", folder / "椿树街道.xlsx", street_office())


@pytest.fixture(scope="module")
def saved(filled: Path) -> Path:
    return recalculated(filled)


def only_form(path: Path) -> Form:
    forms = extract_forms(read_file(path))
    assert len(forms) == 1
    return forms[0]


def test_libreoffice_saves_the_formula_results(filled: Path, saved: Path) -> None:
    assert load_workbook(filled, data_only=True)["自评表"]["H7"].value is None  # none before
    sheet = load_workbook(saved, data_only=True)["自评表"]
    assert sheet["H7"].value == "99.70%"
    assert sheet["I7"].value == pytest.approx(9.97)
    assert sheet["G34"].value == 100
    assert sheet["H34"].value == pytest.approx(99.37)
    assert sheet["I34"].value == "分值小计：产出 50、效益 30、满意度 10"


def test_it_reads_the_header_as_filled(saved: Path) -> None:
    form = only_form(saved)
    assert form.year == 2024
    assert form.title.text == "项目支出绩效自评表"
    assert form.project_name.text == "市民服务中心工作经费"
    assert form.department.text == "北京市西城区人民政府椿树街道办事处"
    assert form.implementing_unit.text == "椿树街道市民服务中心"
    assert form.manager.text == "张明"
    assert form.phone.text == "010-83160000"
    assert form.source.sheet == "自评表"


def test_it_reads_the_formula_results_as_declared(saved: Path) -> None:
    form = only_form(saved)
    funds = form.funds
    assert (
        funds.total.initial_budget.text,
        funds.total.annual_budget.text,
        funds.total.executed.text,
    ) == ("30.78", "30.78", "30.6874")
    assert funds.weight.text == "10"
    assert funds.execution_rate.text == "99.70%"  # 30.6874 ÷ 30.78
    assert funds.score.text == "9.97"
    assert funds.appropriation.execution_rate.text == "99.70%"
    assert funds.carryover.execution_rate.text == ""  # A is 0: no rate
    assert funds.carryover.annual_budget.text == "0"
    assert form.total_weight.text == "100"
    assert form.total_score.text == "99.37"


def test_it_reads_the_filled_indicator_rows_and_ignores_the_empty_ones(saved: Path) -> None:
    form = only_form(saved)
    rows = [
        (
            i.level1,
            i.level2,
            i.name.text,
            i.target.text,
            i.actual.text,
            i.weight.text,
            i.score.text,
            i.deviation.text,
        )
        for i in form.indicators
    ]
    assert rows == [
        ("产出指标", "数量指标", "开展宣传活动次数", "≥35次", "36次", "20", "20", ""),
        (
            "产出指标",
            "质量指标",
            "办件按时办结率",
            "100%",
            "98%",
            "30",
            "29.4",
            "两件因材料不全延期",
        ),
        ("效益指标", "社会效益指标", "群众办事便利度", "有效提升", "优", "30", "30", ""),
        ("满意度指标", "服务对象满意度指标", "办事群众满意度", "≥90%", "95%", "10", "10", ""),
    ]
    assert form.goals.expected.text == "保障市民服务中心日常运转，为群众提供便捷的政务服务。"
    assert form.goals.achieved.text == "全年中心运转正常，办理各类事项 1.2 万件。"


def test_the_declared_numbers_agree_with_what_jixiao_computes(saved: Path) -> None:
    [checked] = check_forms([only_form(saved)], load_policy("beijing"))
    assert checked.computed.execution_rate.quantize(Decimal("0.0001")) == Decimal("0.9970")
    assert checked.computed.funds_score == Decimal("9.97")
    assert checked.computed.total_weight == Decimal(100)
    arithmetic = {
        "FUNDS_RATE_MISMATCH",
        "FUNDS_SCORE_MISMATCH",
        "TOTAL_SCORE_MISMATCH",
        "TOTAL_WEIGHT_NOT_STANDARD",
        "WEIGHTS_NOT_ADDING_UP",
    }
    assert not arithmetic & {f.code for f in checked.findings}


def test_a_template_filled_without_an_office_suite_reads_without_its_formula_results(
    filled: Path,
) -> None:
    """openpyxl stores formulas with no results: the reader sees empty cells there."""
    form = only_form(filled)
    assert form.funds.execution_rate.text == ""
    assert form.funds.score.text == ""
    assert form.total_weight.text == "" and form.total_score.text == ""
    assert form.project_name.text == "市民服务中心工作经费"
    assert len(form.indicators) == 4
    [checked] = check_forms([form], load_policy("beijing"))
    # jixiao still computes from the typed inputs
    assert checked.computed.funds_score == Decimal("9.97")
    assert checked.computed.total_score == Decimal("99.37")
    assert checked.computed.total_weight == Decimal(100)


def test_a_template_handed_in_blank_reads_as_an_empty_form(tmp_path: Path) -> None:
    write_template(tmp_path / "空表.xlsx")
    form = only_form(recalculated(tmp_path / "空表.xlsx"))
    assert form.project_name.text == "" and form.indicators == []
    assert form.funds.weight.text == "10"  # the policy's funds weight, pre-filled
    assert form.funds.execution_rate.text == "" and form.funds.score.text == ""
    assert form.total_weight.text == "" and form.total_score.text == ""
    [checked] = check_forms([form], load_policy("beijing"))
    assert checked.computed.execution_rate is None
