"""Forms that are right get no error.

Each form below was checked by hand against the rules (domain.md §4, §11):

- 003 统计所经费 (2023): 年度资金总额 = 当年财政拨款 = 10 / 10 / 10; 执行率 100% and 得分 10 = 10 × 100%;
  indicator weights 5 + 20 + 30 + 5 + 10 + 20 = 90, + 10 = 100 = 总分 分值; every score full, so the
  total 10 + 90 = 100 = 总分 得分; 数量 1人 against 1人 is met; 成本 10万元 equals the 10 executed;
  the qualitative rows are graded 优 with full marks (inside 优's band). It has no 满意度 indicator
  and a 70 / 20 / 0 split: warnings, not errors (特殊情况可调整).
- 003 统计站（室）(2023): the same shape with 2.5 万元; weights 10 + 25 + 20 + 5 + 10 + 20 = 90;
  5个 against 5个; 成本 2.5万元 = executed 2.5.
- 003 网络租赁购买服务 (2023): 3.06 万元 all spent; weights 10 + 40 + 5 + 15 + 20 = 90; 1条 / 1条;
  成本 3.06万元 = executed.
- 003 潞源街道年度人口抽样调查 (2023): 0.36 万元 all spent; weights 20 + 15 + 15 + 20 + 20 = 90;
  80个 / 80个; 成本 0.36万元 = executed.
- 003 2023年潞源街道第五次经济普查经费 (2023): 12.48263 万元 all spent; weights 30 + 20 + 20 + 20 = 90;
  3人 / 3人; 成本 12.48263万元 = executed.
- 003 政法委以奖代补奖励 (2023): 1 万元 all spent; weights 10 + 10 + 20 + 20 + 10 + 10 + 10 = 90;
  1次 / 1次; the 时效 actual “12月13日完成” is inside the year; every other row 优 with full marks.
  Its 时效 target “年内完成慰问” has no number: a warning.
- 003 2023年下沉协管员经费 (2023): 391.92 万元 all spent (the source rows write “—” as their rate,
  which is allowed); weights 20 + 15 + 5 + 20 + 10 + 20 = 90; ≤43人 / 43人, ≥90% / 90% and
  ≤430万元 / 391.92万元 are all met, and 391.92 万元 is what was executed.
- 002 新址政务服务大厅开办费 (2021): 上年结转 28.0876 = 年度资金总额, all spent, 100% → 10; weights
  20 + 20 + 10 + 10 + 10 + 10 + 10 = 90; scores 20 + 18 + 10 + 10 + 10 + 10 + 9 = 87, + 10 = 97 = 总分;
  both rows that lost points say why; 成本控制28.0876万元以内 against 实际28.0876万元 is met and equals
  the executed amount; 办事群众满意度≥95% against 95% is met; 18 of 20 (90%) is inside 达成's band.
  Vague targets (“达到预期指标”) and the 60 / 20 / 10 split are warnings.
- 002 微信公众号运维费 (2021): 20 / 20 / 20, 100% → 10; weights 90; scores 20 + 18 + 9 + 10 + 10 + 10 + 10
  = 87, + 10 = 97 = 总分; both docked rows give a reason; 实际20万 equals the 20 executed;
  工作人员满意度≥90% against 95% is met.
"""

from __future__ import annotations

import pytest

CLEAN = [
    ("统计所经费", 2023),
    ("统计站（室）", 2023),
    ("网络租赁购买服务", 2023),
    ("潞源街道年度人口抽样调查", 2023),
    ("2023年潞源街道第五次经济普查经费", 2023),
    ("政法委以奖代补奖励", 2023),
    ("2023年下沉协管员经费", 2023),
    ("新址政务服务大厅开办费", 2021),
    ("微信公众号运维费", 2021),
]

# warnings these forms may carry, each justified in the docstring above
ALLOWED_WARNINGS = {
    "LEVEL1_SPLIT_NOT_DEFAULT",  # a split other than 50 / 30 / 10 may be adjusted
    "LEVEL1_GROUP_MISSING",  # no 满意度 indicator (the 003 统计 forms)
    "TARGET_NOT_QUANTIFIED",  # “达到预期指标”, “年内完成慰问”
}


@pytest.mark.parametrize(("name", "year"), CLEAN)
def test_it_finds_no_error_on_a_form_that_is_right(reviewed, name, year):
    r = reviewed(name, year)
    assert r.errors == [], [(f.code, f.path, f.message) for f in r.errors]


@pytest.mark.parametrize(("name", "year"), CLEAN)
def test_it_only_warns_about_things_a_person_may_accept(reviewed, name, year):
    r = reviewed(name, year)
    assert {f.code for f in r.findings if f.severity == "warning"} <= ALLOWED_WARNINGS
    assert not r.of("RULE_FAILED")
