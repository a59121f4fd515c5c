"""TARGETS_VALUE_NOT_QUANTIFIED: a target with no number and no graded standard."""

from __future__ import annotations

from jixiao.model.form import Declared


def test_it_flags_a_qualitative_target_without_a_standard(declared, findings) -> None:
    (found,) = findings(declared["split"], "TARGETS_VALUE_NOT_QUANTIFIED")
    assert found.path == "indicators.2.target"
    assert "“有效提升”" in found.message
    assert found.location.startswith("绩效指标第3行（质量指标·培训质量）·指标值，")


def test_it_flags_every_seed_target_that_is_only_words(declared, findings) -> None:
    # seed 004's 公共服务经费: only the 数量指标 (10个社区154名社工) carries a number
    paths = [f.path for f in findings(declared["anzhen"], "TARGETS_VALUE_NOT_QUANTIFIED")]
    assert paths == [f"indicators.{i}.target" for i in range(1, 10)]


def test_numbers_dates_and_graded_standards_pass(declared, findings) -> None:
    assert findings(declared["mof"], "TARGETS_VALUE_NOT_QUANTIFIED") == []
    t = declared["split"].model_copy(deep=True)
    t.indicators[2] = t.indicators[2].model_copy(update={"target": Declared(text="优良中差")})
    assert findings(t, "TARGETS_VALUE_NOT_QUANTIFIED") == []
    t.indicators[2] = t.indicators[2].model_copy(update={"target": Declared(text="良好")})
    assert findings(t, "TARGETS_VALUE_NOT_QUANTIFIED") == []  # a grade to reach
