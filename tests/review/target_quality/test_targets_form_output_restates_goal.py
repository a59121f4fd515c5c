"""TARGETS_OUTPUT_RESTATES_GOAL: an output indicator that copies the 年度目标."""

from __future__ import annotations

from jixiao.model.form import Declared


def test_it_flags_an_output_named_as_the_goal(declared, findings) -> None:
    (found,) = findings(declared["split"], "TARGETS_OUTPUT_RESTATES_GOAL")
    assert found.path == "indicators.0.name"
    assert found.message.startswith(
        "产出指标“开展农村实用技术培训，提升农民种植技能和收入水平”照搬了年度目标"
    )


def test_it_flags_a_target_that_nearly_copies_the_goal(declared, findings) -> None:
    t = declared["mof"].model_copy(deep=True)
    goal = t.annual_goal.text  # 为辖区3.2万常住居民建立健康档案，完成4500名…
    t.indicators[0] = t.indicators[0].model_copy(update={"target": Declared(text=goal[:-8])})
    (found,) = findings(t, "TARGETS_OUTPUT_RESTATES_GOAL")
    assert found.path == "indicators.0.target"


def test_outputs_broken_down_from_the_goal_pass(declared, findings) -> None:
    assert findings(declared["mof"], "TARGETS_OUTPUT_RESTATES_GOAL") == []
    # an effect indicator may say what the goal says: only outputs must break it down
    t = declared["split"].model_copy(deep=True)
    t.indicators[0] = t.indicators[0].model_copy(update={"level1": "效益指标"})
    assert findings(t, "TARGETS_OUTPUT_RESTATES_GOAL") == []
