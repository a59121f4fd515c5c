"""Completeness: a form without its header, its indicators, their weights, the funds total row or
its declared results is said to be incomplete, instead of the other rules staying silent."""

from __future__ import annotations

from seeds import all_seed_forms, seed_forms

from jixiao.model.form import Declared
from jixiao.scoring.policy import load_policy
from jixiao.services.check import check_forms

POLICY = load_policy("beijing")
EMPTY = Declared(text="")
CODES = {
    "HEADER_FIELD_MISSING",
    "NO_INDICATORS",
    "INDICATOR_WEIGHT_MISSING",
    "FUNDS_TOTAL_ROW_MISSING",
    "DECLARED_RESULT_MISSING",
}


def public_service():  # 004 公共服务经费: 2175.9657 budgeted, 1960.5869 executed
    return seed_forms("004")[0].model_copy(deep=True)  # the seeds are shared: never change them


def found(form) -> list[tuple[str, str, str]]:
    [checked] = check_forms([form], POLICY)
    return [(f.code, f.path, f.message) for f in checked.findings if f.code in CODES]


def test_no_seed_form_is_incomplete() -> None:
    forms = all_seed_forms()
    assert [f for c in check_forms(forms, POLICY) for f in c.findings if f.code in CODES] == []


def test_it_names_each_missing_header_field() -> None:
    form = public_service()
    form.project_name = EMPTY
    form.implementing_unit = Declared(text=" ")
    form.year = None
    assert found(form) == [
        ("HEADER_FIELD_MISSING", "project_name", "项目名称未填写。"),
        ("HEADER_FIELD_MISSING", "implementing_unit", "实施单位未填写。"),
        ("HEADER_FIELD_MISSING", "year", "年度未填写（表头应为“（2023年度）”之类）。"),
    ]


def test_it_flags_a_form_without_indicators() -> None:
    form = public_service()
    form.indicators = []
    assert ("NO_INDICATORS", "indicators") in [(c, p) for c, p, _ in found(form)]


def test_it_flags_an_indicator_with_a_target_but_no_weight() -> None:
    form = public_service()
    form.indicators[2].weight = EMPTY
    assert [x for x in found(form) if x[0] == "INDICATOR_WEIGHT_MISSING"] == [
        (
            "INDICATOR_WEIGHT_MISSING",
            "indicators.2.weight",
            "第3行指标“指标1：”没有填写分值，无法评分。",
        )
    ]


def test_it_says_when_the_rate_came_from_the_source_rows() -> None:
    form = public_service()
    total, appropriation = form.funds.total, form.funds.appropriation
    assert (appropriation.annual_budget.text, appropriation.executed.text) == (
        "2175.9657",
        "1960.5869",
    )
    total.annual_budget = EMPTY
    # 1960.5869 / 2175.9657 = 0.90100... → 90.10%, from the 当年财政拨款 row
    assert (
        "FUNDS_TOTAL_ROW_MISSING",
        "funds.total.annual_budget",
        "“年度资金总额”一行的预算数或执行数未填写；执行率已按各资金来源行的合计计算（90.10%），请补填总额行。",
    ) in found(form)


def test_it_gives_the_figures_a_form_left_empty() -> None:
    form = public_service()
    form.funds.execution_rate = EMPTY
    form.funds.score = EMPTY
    assert found(form) == [
        (
            "DECLARED_RESULT_MISSING",
            "funds.execution_rate",
            "表中没有填写执行率；按表中数据应为 90.10%。",
        ),
        (
            "DECLARED_RESULT_MISSING",
            "funds.score",
            "表中没有填写资金执行得分；按表中数据应为 9.01。",
        ),
    ]
