"""review_targets on each fixture: exactly the rules its spec names, in the catalogue, and a
rule that raises becomes RULE_FAILED instead of stopping the review."""

from __future__ import annotations

import pytest
from fixtures.targets.build import NAMES, spec

from jixiao.review import target_quality
from jixiao.review.registry import RULES, all_rules
from jixiao.review.target_quality import describe_path, review_targets


@pytest.mark.parametrize("name", NAMES)
def test_each_fixture_gives_the_findings_its_spec_names(declared, policy, name: str) -> None:
    codes = {f.code for f in review_targets(declared[name], policy)}
    assert codes == set(spec(name).expected["codes"])


def test_every_rule_is_in_the_catalogue_as_a_targets_rule() -> None:
    ours = [r for r in all_rules() if r.family == "target_quality"]
    assert {r.code for r in ours} == {code for code, _ in target_quality._CHECKS}
    assert len(ours) == 11
    assert all(r.document == "targets" and r.check is None for r in ours)


def test_a_broken_rule_becomes_rule_failed(declared, policy, monkeypatch) -> None:
    def broken(ctx: object) -> list:
        raise ValueError("坏了")

    checks = [("TARGETS_NO_COST_INDICATOR", broken)]
    monkeypatch.setattr(target_quality, "_CHECKS", checks)
    (found,) = review_targets(declared["mof"], policy)
    assert found.code == "RULE_FAILED"
    assert "TARGETS_NO_COST_INDICATOR（没有成本指标）" in found.message
    assert RULES["RULE_FAILED"].family == "system"


def test_paths_read_as_places_on_the_form(declared) -> None:
    t = declared["split"]
    assert describe_path(t, "") == "整张申报表"
    assert describe_path(t, "funds.total") == "项目资金·年度资金总额"
    assert describe_path(t, "indicators.4.target_parts.unit") == (
        "绩效指标第5行（成本指标·项目总成本）·度量单位"
    )
    assert describe_path(t, "opinions.finance") == "审核意见·财政部门"
    assert describe_path(t, "long_term_goal") == "总体目标·长期目标"
