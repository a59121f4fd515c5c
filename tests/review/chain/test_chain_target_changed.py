"""CHAIN_TARGET_CHANGED: the self-evaluation's 年度指标值 differs from the approved 申报表's."""

from __future__ import annotations

from chain_documents import anzhen, of, seed_form, targets_of

from jixiao.model.form import Declared
from jixiao.review.chain import check_chain, same_target


def test_the_approved_targets_as_the_form_states_them_give_nothing() -> None:
    form = anzhen()
    assert check_chain(form, targets=targets_of(form)) == []


def test_it_flags_the_target_the_self_evaluation_changed() -> None:
    form = anzhen()
    targets = targets_of(form)
    approved = "保障10个社区160名社工的工资、五险一金缴纳支出，10个社区办公用品购置等公用定额支出"
    targets.indicators[0] = targets.indicators[0].model_copy(
        update={"target": Declared(text=approved)}
    )
    (found,) = of(check_chain(form, targets=targets), "CHAIN_TARGET_CHANGED")
    assert (found.path, found.related_kind, found.related_year, found.related_path) == (
        "indicators.0.target",
        "targets",
        2020,
        "indicators.0.target",
    )
    assert "154名社工" in found.message and "160名社工" in found.message
    assert found.location.startswith("绩效指标第1行（数量指标·指标1：）·年度指标值")
    assert found.severity == "error"


def test_a_number_written_another_way_is_the_same_target() -> None:
    assert same_target("≥95%", "不低于95%")
    assert same_target("≥ 35 次", "≥35次")
    assert not same_target("≥95%", "≥90%")
    assert not same_target("≥35次", "≤35次")
    assert not same_target("制度执行", "严格执行制度")


def test_it_compares_quantities_of_a_real_form() -> None:
    form = seed_form("003", "2023年社区公益事业补助资金")
    targets = targets_of(form)
    at = next(i for i, ind in enumerate(form.indicators) if ind.target.text == "≥35次")
    targets.indicators[at] = targets.indicators[at].model_copy(
        update={"target": Declared(text="≥40次")}
    )
    (found,) = of(check_chain(form, targets=targets), "CHAIN_TARGET_CHANGED")
    assert (
        found.path == f"indicators.{at}.target"
        and "“≥35次”" in found.message
        and "“≥40次”" in found.message
    )
