"""The registry: stable codes, locations a clerk can follow, and rules that fail safely."""

from __future__ import annotations

import re

from jixiao.model.finding import Severity
from jixiao.review import RULES, all_rules, review_form, review_forms
from jixiao.review.registry import FAMILIES, Context, Rule, cross_rules, form_rules
from jixiao.scoring.engine import score_form

_HAN = re.compile(r"[\u4e00-\u9fff]")


def test_every_rule_has_a_stable_upper_case_code_and_chinese_texts():
    for found in all_rules():
        assert re.fullmatch(r"[A-Z][A-Z0-9_]+", found.code)
        assert _HAN.search(found.title) and _HAN.search(found.checks) and _HAN.search(found.example)
        assert found.family in FAMILIES


def test_the_families_run_in_order_completeness_arithmetic_targets_quality():
    families = [r.family for r in form_rules()]
    assert families == sorted(
        families, key=["completeness", "arithmetic", "targets", "quality", "system"].index
    )  # "system": the review process itself (OCR_LOW_CONFIDENCE: how well a scan was read)
    assert [r.code for r in cross_rules()] == ["TABLES_IDENTICAL"]


def test_it_reviews_the_same_form_the_same_way_twice(reviewed, policy):
    form = reviewed("通州区文明示范小区创建工作项目").form
    computed = score_form(form, policy)
    assert review_form(form, computed, policy) == review_form(form, computed, policy)


def test_a_finding_takes_its_severity_from_the_rule_and_its_location_from_the_cell(
    reviewed, policy
):
    form = reviewed("统计所经费").form
    ctx = Context(form, score_form(form, policy), policy)
    f = ctx.finding("SCORE_ABOVE_WEIGHT", "测试", "indicators.2.score")
    assert f.severity is Severity.ERROR
    assert f.location == "绩效指标第3行（质量指标·遵循街道各项工作规范）·得分，" + (
        form.indicators[2].score.loc.describe()
    )
    assert ctx.finding(RULES["LEVEL1_GROUP_MISSING"], "x", "indicators").location == "绩效指标表"


def _boom(ctx):
    raise ZeroDivisionError("division by zero")
    yield  # pragma: no cover


def test_a_rule_that_raises_becomes_rule_failed_and_the_review_goes_on(reviewed, policy):
    form = reviewed("公共服务经费").form
    broken = Rule("BROKEN_RULE", Severity.ERROR, "arithmetic", "坏规则", "测试", "测试", _boom)
    findings = review_form(form, score_form(form, policy), policy, [broken, *form_rules()])
    assert findings[0].code == "RULE_FAILED"
    assert findings[0].severity is Severity.INFO
    assert "BROKEN_RULE" in findings[0].message and "坏规则" in findings[0].message
    assert "FUNDS_RATE_MISMATCH" in {f.code for f in findings[1:]}


def test_a_cross_form_rule_that_raises_is_reported_on_every_form(reviewed, policy):
    forms = [reviewed("统计所经费").form, reviewed("统计站（室）").form]
    computeds = [score_form(f, policy) for f in forms]
    broken = Rule(
        "BROKEN_CROSS", Severity.WARNING, "quality", "坏规则", "测试", "测试", _boom, True
    )
    results = review_forms(forms, computeds, policy, [*form_rules(), broken])
    for findings in results:
        assert [f.code for f in findings if f.code == "RULE_FAILED"] == ["RULE_FAILED"]
        assert "LEVEL1_GROUP_MISSING" in {f.code for f in findings}
