"""Totals and grade: Σ indicator weights + 10, funds score + Σ indicator scores, grade bands."""

from __future__ import annotations

from decimal import Decimal

from seeds import all_seed_forms

from jixiao.scoring.engine import score_form
from jixiao.scoring.policy import load_policy

BEIJING = load_policy("beijing")


def computed_for(name: str):
    form = next(f for f in all_seed_forms() if f.project_name.text == name)
    return form, score_form(form, BEIJING)


def test_003_civilised_community_weights_are_65_plus_10() -> None:
    form, computed = computed_for("通州区文明示范小区创建工作项目")
    assert computed.indicator_weight == 65
    assert computed.total_weight == 75
    assert form.total_weight.text == "100"
    assert "= 75" in computed.explanations["total_weight"]


def test_002_fourteenth_plan_weights_add_to_110() -> None:
    _, computed = computed_for("丰台区“十四五”规划课题经费")
    assert computed.total_weight == 110
    assert computed.level1_weights == {"产出指标": 90, "效益指标": 10}


def test_000_total_includes_the_funds_score() -> None:
    form, computed = computed_for("市民服务中心工作经费")
    assert form.total_score.text == "90"
    assert computed.funds_score == Decimal("9.97")
    assert computed.total_weight == 100
    # 50 + 30 + 10 declared for the three indicators, which hold prose jixiao cannot score
    assert computed.total_score == Decimal("99.97")
    assert "按填报得分计入" in computed.explanations["total_score"]


def test_the_total_is_the_funds_score_plus_the_indicator_scores_on_every_seed_form() -> None:
    for form in all_seed_forms():
        computed = score_form(form, BEIJING)
        if computed.total_score is None:
            continue
        parts = [
            c.score if c.score is not None else Decimal(ind.score.text or 0)
            for ind, c in zip(form.indicators, computed.indicators, strict=True)
        ]
        total = computed.funds_score + sum(parts)
        # a sum over full marks is capped (丰台区“十四五”规划课题经费: 105 → 100)
        assert computed.total_score == min(total, Decimal(100)), form.project_name.text
        assert computed.total_uncapped == (total if total > 100 else None)
        assert computed.grade == BEIJING.grade(computed.total_score).name


def test_grades_follow_the_bands() -> None:
    _, computed = computed_for("通州区文明示范小区创建工作项目")
    assert computed.total_score == Decimal("74.32")
    assert computed.grade == "中"
    assert "中 ≥ 60" in computed.explanations["grade"]
