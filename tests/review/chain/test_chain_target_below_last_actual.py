"""CHAIN_TARGET_BELOW_LAST_ACTUAL: a new 申报表's target below what the project did last year."""

from __future__ import annotations

from chain_documents import of, seed_form, targets_of

from jixiao.model.form import Declared
from jixiao.review.chain import check_targets_history


def next_year_targets(target: str):
    last = seed_form("003", "2023年社区公益事业补助资金")
    targets = targets_of(last)
    targets.year = 2024
    at = next(i for i, ind in enumerate(last.indicators) if ind.target.text == "≥35次")
    targets.indicators[at] = targets.indicators[at].model_copy(
        update={"target": Declared(text=target)}
    )
    return last, targets, at


def test_it_flags_a_target_below_last_years_actual() -> None:
    """2023: 开展公益性群众文化活动 target ≥35次, actual 157; the 2024 target stays at ≥35次."""
    last, targets, at = next_year_targets("≥35次")
    findings = of(check_targets_history(targets, last), "CHAIN_TARGET_BELOW_LAST_ACTUAL")
    # the seed's other counts were exceeded too (治安活动 ≥5次 against 32, 参与 ≥1500人次 against
    # 12097, 参与率 ≥70% against 100%): each is a finding of its own
    assert [f.path for f in findings] == [f"indicators.{i}.target" for i in (0, 1, 2, 3)]
    found = findings[at]
    assert (found.path, found.related_kind, found.related_year, found.related_path) == (
        f"indicators.{at}.target",
        "self",
        2023,
        f"indicators.{at}.actual",
    )
    assert "≥35次" in found.message and "157" in found.message
    assert found.location.startswith(f"绩效指标第{at + 1}行")


def test_a_target_above_last_years_actual_is_fine() -> None:
    last, targets, at = next_year_targets("≥160次")
    paths = [f.path for f in check_targets_history(targets, last)]
    assert paths == ["indicators.1.target", "indicators.2.target", "indicators.3.target"]
    assert f"indicators.{at}.target" not in paths


def test_without_last_year_there_is_nothing_to_compare() -> None:
    _, targets, _ = next_year_targets("≥35次")
    assert check_targets_history(targets, None) == []
