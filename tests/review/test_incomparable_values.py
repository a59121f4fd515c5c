"""Actuals that cannot be set against their targets (domain.md §5, last arithmetic bullet)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "name",
    [
        "2023年城乡基层党组织服务群众经费（区级资金）",
        "2023年城乡基层党组织服务群众经费（市级资金）",
    ],
)
def test_it_flags_a_percentage_target_against_a_bare_number(reviewed, name):
    r = reviewed(name)
    for row in (12, 13):
        f = r.one("VALUE_INCOMPARABLE", f"indicators.{row}.actual")
        assert "“90%”" in f.message and "“5”" in f.message and f.severity == "error"
        assert "服务对象满意度指标" in f.location and "实际完成值，第" in f.location


def test_it_flags_100_percent_against_10_on_both_social_benefit_rows(reviewed):
    r = reviewed("政管办区政府网站内容检查及信息公开专栏维护费")
    for row in (10, 11):
        f = r.one("VALUE_INCOMPARABLE", f"indicators.{row}.actual")
        assert "“100%”" in f.message and "“10”" in f.message
        assert f.location.startswith(f"绩效指标第{row + 1}行（社会效益指标·")


def test_it_only_warns_when_a_count_is_answered_with_a_completion_rate(reviewed):
    r = reviewed("政务服务管理办机构运转经费")
    f = r.one("VALUE_RATE_FOR_COUNT", "indicators.0.actual")
    assert f.severity == "warning" and "5个科室" in f.message
    assert not r.of("VALUE_INCOMPARABLE")
