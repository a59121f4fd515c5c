"""CHAIN_INDICATOR_RENAMED: a similar name in the same group, neither added nor dropped."""

from __future__ import annotations

from chain_documents import of, seed_form, targets_of

from jixiao.model.form import Declared
from jixiao.review.chain import check_chain, match_indicators


def test_it_pairs_a_renamed_indicator_and_says_both_names() -> None:
    form = seed_form("003", "2023年社区公益事业补助资金")
    targets = targets_of(form)
    at = next(i for i, ind in enumerate(form.indicators) if "公益性群众文化活动" in ind.name.text)
    targets.indicators[at] = targets.indicators[at].model_copy(
        update={"name": Declared(text="指标1：开展群众文化活动")}
    )
    findings = check_chain(form, targets=targets)
    (found,) = of(findings, "CHAIN_INDICATOR_RENAMED")
    assert (found.path, found.related_path) == (f"indicators.{at}.name", f"indicators.{at}.name")
    assert "开展公益性群众文化活动" in found.message and "开展群众文化活动" in found.message
    assert of(findings, "CHAIN_INDICATOR_ADDED") == of(findings, "CHAIN_INDICATOR_DROPPED") == []


def test_a_different_name_in_another_group_is_not_a_rename() -> None:
    form = seed_form("003", "2023年社区公益事业补助资金")
    targets = targets_of(form)
    at = next(i for i, ind in enumerate(form.indicators) if "公益性群众文化活动" in ind.name.text)
    targets.indicators[at] = targets.indicators[at].model_copy(
        update={"level1": "效益指标", "name": Declared(text="指标1：开展群众文化活动")}
    )
    matching = match_indicators(form.indicators, targets.indicators)
    assert at in matching.added and at in matching.dropped
    assert of(check_chain(form, targets=targets), "CHAIN_INDICATOR_RENAMED") == []
