"""CHAIN_WEIGHT_CHANGED: a 分值 the 申报表 fixed, changed in the self-evaluation."""

from __future__ import annotations

from chain_documents import anzhen, of, targets_of

from jixiao.model.form import Declared
from jixiao.review.chain import check_chain


def test_it_flags_a_weight_that_differs_from_the_approved_one() -> None:
    form = anzhen()
    targets = targets_of(form, weights=True)
    targets.indicators[2] = targets.indicators[2].model_copy(update={"weight": Declared(text="5")})
    (found,) = of(check_chain(form, targets=targets), "CHAIN_WEIGHT_CHANGED")
    assert (found.path, found.related_path) == ("indicators.2.weight", "indicators.2.weight")
    assert "自评表为 10" in found.message and "申报表为 5" in found.message


def test_targets_without_weights_or_with_the_same_ones_say_nothing() -> None:
    form = anzhen()
    for targets in (targets_of(form), targets_of(form, weights=True)):
        assert of(check_chain(form, targets=targets), "CHAIN_WEIGHT_CHANGED") == []
