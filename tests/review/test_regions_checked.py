"""Each regional template fixture (tests/fixtures/regions/, helper R's) checked under its own
policy — the one its layout names — gives exactly the errors the form has, from .docx, .xlsx
and .pdf alike (issue 12: “each is checked under its own policy with no error that the form
does not have”).

The expected errors were reasoned by hand from each spec's rows:
- sichuan: 权重 10, 251.89 ÷ 251.89 = 100% → 10; three “=100%” targets met, 权重 30 each, 合计
  100 = 10 + 90 → none.
- yunnan: 116.4 ÷ 120 = 97% → 9.7; every split target met (“93” under 度量单位 % is 93%), the one
  score below its 分值 (13 of 15) explains itself; 9.7 + 88 = 97.7 → none.
- hubei: 执行 20 × 96% = 19.2 (Beijing's 10 would make it three errors); 年度绩效目标1 40 +
  目标2 40; 学生安全就学保障 scored 9 of 10 gives its 偏差原因 → none.
- transfer: no scores; 5432 ÷ 5600 = 97%; every target met → none (and no score rule runs).
- dmp: funds block not scored, 共性 30 + 个性 70; the two deductions (4 of 5, 9 of 10) have no
  偏差原因 column to explain them in → none.
- county: 799.5 ÷ 820 = 97.5% → 9.75; 按期完工率 90% of 100% scored 8 with its reason → none.
- shanghai: amounts in 元, 215457.6 ÷ 250000 = 86.18% (declared 86.19%, within 0.5 points) →
  8.62; all targets met → none.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.regions.build import specs

from jixiao.extract import extract_forms
from jixiao.model.finding import Severity
from jixiao.read import read_file
from jixiao.review.registry import all_rules
from jixiao.scoring.policy import load_policy, policy_for_layout
from jixiao.services.check import check_forms

ERRORS: dict[str, set[str]] = {
    "sichuan": set(),
    "yunnan": set(),
    "hubei": set(),
    "transfer": set(),
    "dmp": set(),
    "county": set(),
    "shanghai": set(),
}
POLICY = {
    "sichuan": "sichuan",
    "yunnan": "mof-2020",
    "hubei": "hubei",
    "transfer": "transfer",
    "dmp": "dmp",
    "county": "mof-2020",
    "shanghai": "mof-2020",
}
KINDS = ("docx", "xlsx", "pdf")
CASES = [(spec.id, kind) for spec in specs() for kind in KINDS]


def test_every_fixture_is_listed() -> None:
    assert {spec.id for spec in specs()} == set(ERRORS) == set(POLICY)


@pytest.mark.parametrize(("name", "kind"), CASES)
def test_each_region_under_its_own_policy_has_only_its_own_errors(
    region_files: dict[tuple[str, str], Path], name: str, kind: str
) -> None:
    if (name, kind) not in region_files:
        pytest.skip("LibreOffice (soffice) is not installed")
    forms = extract_forms(read_file(region_files[name, kind]))
    assert len(forms) == 1
    form = forms[0]
    assert form.layout == name
    policy = load_policy(policy_for_layout(form.layout))
    assert policy.name == POLICY[name]
    checked = check_forms([form], policy)[0]
    errors = {f.code for f in checked.findings if f.severity is Severity.ERROR}
    assert errors == ERRORS[name], [f.message for f in checked.findings]
    if not policy.scored:
        scored = {r.code for r in all_rules() if r.scored}
        assert not {f.code for f in checked.findings} & scored
        assert checked.computed.total_score is None
    else:
        assert checked.computed.total_score is not None


def test_hubei_under_beijing_is_wrong_where_hubei_is_right(
    region_files: dict[tuple[str, str], Path],
) -> None:
    form = extract_forms(read_file(region_files["hubei", "docx"]))[0]
    errors = {
        f.code
        for f in check_forms([form], load_policy("beijing"))[0].findings
        if f.severity is Severity.ERROR
    }
    assert {"FUNDS_WEIGHT_NOT_STANDARD", "FUNDS_SCORE_MISMATCH"} <= errors
