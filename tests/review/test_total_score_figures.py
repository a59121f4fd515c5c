"""A total-score finding quotes the figure the computed column shows, and a computed total that
had to be capped at full marks is a finding of its own."""

from __future__ import annotations

from jixiao.model.finding import Severity
from jixiao.review.common import fmt
from jixiao.scoring.engine import score_form

FOURTEENTH_PLAN = "丰台区“十四五”规划课题经费"


def test_every_total_score_mismatch_quotes_the_computed_total(all_reviewed, policy):
    seen = 0
    for r in all_reviewed:
        computed = score_form(r.form, policy)
        for f in r.of("TOTAL_SCORE_MISMATCH"):
            assert computed.total_score is not None
            assert f.message.startswith(f"总分应为 {fmt(computed.total_score)}（"), f.message
            seen += 1
    assert seen >= 4


def test_the_fourteenth_plan_mismatch_says_100_not_106(reviewed):
    f = reviewed(FOURTEENTH_PLAN).one("TOTAL_SCORE_MISMATCH", "total_score")
    assert f.message.startswith("总分应为 100（")
    assert "10 + 各指标得分 96 = 106" in f.message and "漏了预算执行率得分" in f.message


def test_a_capped_computed_total_is_a_warning(reviewed):
    f = reviewed(FOURTEENTH_PLAN).one("TOTAL_SCORE_CAPPED", "total_score")
    assert f.severity is Severity.WARNING
    assert "105" in f.message and "100" in f.message


def test_no_other_seed_form_has_a_capped_total(all_reviewed):
    capped = [r.form.project_name.text for r in all_reviewed if r.of("TOTAL_SCORE_CAPPED")]
    assert capped == [FOURTEENTH_PLAN]
