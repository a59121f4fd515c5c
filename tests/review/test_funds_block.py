"""The funds block: its weight, its rows adding up, empty and impossible amounts (domain.md §5)."""

from __future__ import annotations

from jixiao.model.form import Declared


def test_it_flags_a_funds_weight_other_than_10(reviewed):
    f = reviewed("潞源个人违规电动三四轮车回收奖励资金").one(
        "FUNDS_WEIGHT_NOT_STANDARD", "funds.weight"
    )
    assert "8.8" in f.message and "应为 10" in f.message
    assert f.severity == "error" and f.location.startswith("资金表·年度资金总额·分值")


def test_it_flags_the_self_built_houses_weight_of_8_3(reviewed):
    f = reviewed("潞源街道非经营性自建房安全专项整治排查项目").one(
        "FUNDS_WEIGHT_NOT_STANDARD", "funds.weight"
    )
    assert "8.3" in f.message


def test_it_flags_source_rows_that_do_not_add_up(reviewed):
    f = reviewed("政管局党费返还留成党建经费").one("FUNDS_SOURCES_MISMATCH", "funds.total.executed")
    assert "0.1081 + 0.2819" in f.message and "0.39" in f.message and "0.38" in f.message
    assert f.location.startswith("资金表·年度资金总额·全年执行数")


def test_it_flags_an_empty_initial_budget(reviewed):
    f = reviewed("通州区文明示范小区创建工作项目").one(
        "FUNDS_AMOUNT_EMPTY", "funds.total.initial_budget"
    )
    assert "年初预算数" in f.message and "9.886" in f.message


def test_it_flags_a_malformed_amount(reviewed):
    f = reviewed("2023年第一批疫情防控资金").one("NUMBER_MALFORMED", "funds.total.initial_budget")
    assert "145.40556.6" in f.message and f.severity == "error"


def test_it_flags_a_malformed_rate(reviewed):
    f = reviewed("服装费").one("NUMBER_MALFORMED", "funds.execution_rate")
    assert "100%……" in f.message


def test_it_warns_when_more_was_spent_than_budgeted(reviewed, review_changed):
    base = reviewed("统计所经费").form

    def overspend(form):
        form.funds.total.executed = Declared(text="12")
        form.funds.appropriation.executed = Declared(text="12")

    r = review_changed(base, overspend)
    f = r.one("FUNDS_EXECUTED_OVER_BUDGET", "funds.total.executed")
    assert "12 万元" in f.message and "10 万元" in f.message and f.severity == "warning"


def test_it_flags_a_zero_budget_as_not_computable(reviewed, review_changed):
    base = reviewed("统计所经费").form

    def zero(form):
        for row in (form.funds.total, form.funds.appropriation):
            row.annual_budget = Declared(text="0")

    r = review_changed(base, zero)
    assert r.one("FUNDS_NOT_COMPUTABLE", "funds.total.annual_budget").severity == "error"
