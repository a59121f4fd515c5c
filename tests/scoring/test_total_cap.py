"""A computed indicator score never exceeds its weight; a computed total over full marks is
capped at the policy's weights.max_total, and the explanation says so."""

from __future__ import annotations

from decimal import Decimal

from seeds import all_seed_forms

from jixiao.scoring.engine import score_form
from jixiao.scoring.policy import load_policy

BEIJING = load_policy("beijing")
FOURTEENTH_PLAN = "丰台区“十四五”规划课题经费"


def _fourteenth_plan():
    return next(f for f in all_seed_forms() if f.project_name.text == FOURTEENTH_PLAN)


def test_both_shipped_policies_cap_the_total_at_100() -> None:
    for name in ("beijing", "mof-2020"):
        assert load_policy(name).weights.max_total == 100


def test_no_seed_form_has_a_computed_total_over_100_or_a_score_over_its_weight() -> None:
    for policy in (BEIJING, load_policy("mof-2020")):
        for form in all_seed_forms():
            computed = score_form(form, policy)
            name = form.project_name.text
            assert computed.total_score is None or computed.total_score <= 100, name
            for c in computed.indicators:
                if c.score is not None and c.weight is not None:
                    assert c.score <= c.weight, name


def test_the_fourteenth_plan_total_of_105_is_capped_at_100_and_explained() -> None:
    computed = score_form(_fourteenth_plan(), BEIJING)
    assert computed.total_uncapped == Decimal(105)
    assert computed.total_score == Decimal(100)
    assert computed.grade == "优"
    explanation = computed.explanations["total_score"]
    assert "= 105" in explanation and "封顶为 100" in explanation
    assert "总分 100" in computed.explanations["grade"]


def test_a_policy_without_a_cap_leaves_the_sum_as_it_is() -> None:
    weights = BEIJING.weights.model_copy(update={"max_total": None})
    uncapped = BEIJING.model_copy(update={"weights": weights})
    computed = score_form(_fourteenth_plan(), uncapped)
    assert computed.total_score == Decimal(105)
    assert computed.total_uncapped is None


def test_a_borrowed_declared_score_counts_no_more_than_its_weight() -> None:
    form = next(f for f in all_seed_forms() if f.project_name.text == "市民服务中心工作经费")
    first = form.indicators[0]  # prose jixiao cannot score; 分值 50, declared 50
    inflated = first.model_copy(update={"score": first.score.model_copy(update={"text": "500"})})
    form = form.model_copy(update={"indicators": [inflated, *form.indicators[1:]]})
    computed = score_form(form, BEIJING)
    assert computed.indicators[0].score is None
    assert computed.total_score == Decimal("99.97")  # 9.97 + 50 (not 500) + 30 + 10
    assert "超过分值，按分值计入" in computed.explanations["total_score"]
