"""CHAIN_INDICATOR_ADDED: an indicator of the self-evaluation the approved 申报表 lacks."""

from __future__ import annotations

from chain_documents import anzhen, of, targets_of

from jixiao.review.chain import check_chain


def test_it_flags_the_indicator_the_targets_do_not_have() -> None:
    form = anzhen()
    targets = targets_of(form)
    del targets.indicators[9]  # 社工满意度 was not among the approved targets
    (found,) = of(check_chain(form, targets=targets), "CHAIN_INDICATOR_ADDED")
    assert (found.path, found.related_kind, found.related_path) == (
        "indicators.9",
        "targets",
        "indicators",
    )
    assert "社工满意度" in found.message and "指标2：" in found.message
    assert of(check_chain(form, targets=targets), "CHAIN_INDICATOR_DROPPED") == []


def test_the_same_indicators_add_nothing() -> None:
    form = anzhen()
    assert of(check_chain(form, targets=targets_of(form)), "CHAIN_INDICATOR_ADDED") == []
