"""CHAIN_INDICATOR_DROPPED: an approved indicator the self-evaluation leaves out."""

from __future__ import annotations

from chain_documents import anzhen, of, targets_of

from jixiao.model.form import Declared
from jixiao.model.targets import TargetIndicator
from jixiao.review.chain import check_chain


def test_it_flags_the_approved_indicator_left_out() -> None:
    form = anzhen()
    targets = targets_of(form)
    targets.indicators.append(
        TargetIndicator(
            level1="满意度指标",
            level2="服务对象满意度指标",
            name=Declared(text="居民投诉办结满意率"),
            target=Declared(text="≥90%"),
        )
    )
    (found,) = of(check_chain(form, targets=targets), "CHAIN_INDICATOR_DROPPED")
    assert (found.path, found.related_kind, found.related_path) == (
        "indicators",
        "targets",
        "indicators.10",
    )
    assert "居民投诉办结满意率" in found.message and "≥90%" in found.message
    assert found.severity == "error"


def test_nothing_is_dropped_when_every_target_is_evaluated() -> None:
    form = anzhen()
    assert of(check_chain(form, targets=targets_of(form)), "CHAIN_INDICATOR_DROPPED") == []
