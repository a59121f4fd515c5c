"""A form filled in 元 under the 万元 header is computed in 万元; a 万元 form is left as it is."""

from __future__ import annotations

from decimal import Decimal

from seeds import all_seed_forms, seed_forms

from jixiao.model.form import Form
from jixiao.scoring.amounts import YUAN_SUSPECT, funds_scale
from jixiao.scoring.engine import score_form
from jixiao.scoring.policy import load_policy

BEIJING = load_policy("beijing")


def form_named(name: str) -> Form:
    return next(f for f in all_seed_forms() if f.project_name.text == name)


def test_000_is_read_as_yuan_and_its_amounts_are_converted_to_wanyuan() -> None:
    form = form_named("市民服务中心工作经费")
    assert form in seed_forms("000")
    computed = score_form(form, BEIJING)
    assert computed.funds_unit == "元"
    assert computed.annual_budget == Decimal("30.78")
    assert computed.executed == Decimal("30.685255")
    assert computed.explanations["annual_budget"] == (
        "表中金额按元填写（307800 ≥ 10000），换算为万元：307800 ÷ 10000 = 30.78"
    )
    assert computed.explanations["executed"] == (
        "表中金额按元填写（307800 ≥ 10000），换算为万元：306852.55 ÷ 10000 = 30.685255"
    )


def test_the_declared_text_and_the_execution_rate_do_not_change_with_the_unit() -> None:
    form = form_named("市民服务中心工作经费")
    computed = score_form(form, BEIJING)
    assert form.funds.total.annual_budget.text == "307800"
    assert form.funds.total.executed.text == "306852.55"
    assert computed.execution_rate == (Decimal("306852.55") / Decimal("307800")).quantize(
        Decimal("0.0001")
    )


def test_a_form_in_wanyuan_keeps_its_amounts() -> None:
    form = form_named("公共服务经费")
    computed = score_form(form, BEIJING)
    assert computed.funds_unit == "万元"
    assert computed.annual_budget == Decimal("2175.9657")
    assert computed.executed == Decimal("1960.5869")
    assert computed.explanations["annual_budget"] == "全年预算数 = 表中所填 2175.9657 万元"


def test_only_000_of_the_seeds_is_in_yuan_and_every_amount_is_then_below_the_threshold() -> None:
    in_yuan = [f.project_name.text for f in all_seed_forms() if funds_scale(f).in_yuan]
    assert in_yuan == ["市民服务中心工作经费"]
    for form in all_seed_forms():
        computed = score_form(form, BEIJING)
        for amount in (computed.annual_budget, computed.executed):
            assert amount is None or amount < YUAN_SUSPECT
