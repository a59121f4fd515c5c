"""Full marks though the target was missed; scores outside the qualitative bands (domain.md §5,
“Target against actual”; §11.2–§11.5)."""

from __future__ import annotations


def test_it_flags_full_marks_for_a_cost_above_its_limit(reviewed):
    f = reviewed("综合大厅设备购置").one("FULL_SCORE_TARGET_NOT_MET", "indicators.3.score")
    assert "12.3016万元以内" in f.message and "12.309万元" in f.message and "20" in f.message
    assert f.location.startswith("绩效指标第4行（成本指标·")


def test_it_flags_full_marks_for_521_against_at_least_600(reviewed):
    f = reviewed("政法委群防群治补助经费").one("FULL_SCORE_TARGET_NOT_MET", "indicators.0.score")
    assert "≥600" in f.message and "521" in f.message and "8.68" in f.message


def test_it_checks_a_grade_clause_by_clause(reviewed):
    r = reviewed("办事处事权补助资金")
    f = r.one("FULL_SCORE_TARGET_NOT_MET", "indicators.3.score")
    assert "≥50000件" in f.message and "5000件" in f.message
    assert f.location.startswith("绩效指标第4行（质量指标·安全维稳方面")
    # the other clauses of that row (100 %, 60 次) were met and are not listed
    assert "60次" not in f.message


def test_it_flags_a_qualitative_score_outside_its_band(reviewed):
    f = reviewed("服装费").one("QUAL_SCORE_OUT_OF_BAND", "indicators.3.score")
    assert "基本完成" in f.message and "12–16" in f.message and "19" in f.message


def test_it_accepts_liang_at_90_percent_under_the_beijing_policy(reviewed):
    # 办事处事权补助资金 scores 良 at 3.15 of 3.5: inside Beijing's 良 band 80 %–90 %
    assert not reviewed("办事处事权补助资金").of("QUAL_SCORE_OUT_OF_BAND")


def test_it_flags_an_actual_that_only_repeats_the_scale(reviewed):
    f = reviewed("2023年生活垃圾日常管理经费").one("ACTUAL_IS_SCALE", "indicators.2.actual")
    assert "优良中差" in f.message


def test_it_notes_a_qualitative_word_mapped_by_guess(reviewed):
    f = reviewed("服装费").one("QUAL_WORD_GUESSED", "indicators.5.actual")
    assert f.severity == "info" and "基本满意" in f.message and "部分达成" in f.message


def test_it_warns_about_large_over_achievement_with_no_reason(reviewed):
    f = reviewed("2023年社区公益事业补助资金").one(
        "OVER_ACHIEVEMENT_NO_REASON", "indicators.0.deviation"
    )
    assert "≥35次" in f.message and "157" in f.message and f.severity == "warning"
