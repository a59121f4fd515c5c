"""The regional policy packs (issue 12): each loads, has its weights and grades, scores its
region's form as the region does, and the form is not wrong under its own policy."""

from __future__ import annotations

from decimal import Decimal

import pytest
from region_forms import dmp_form, hubei_form, sichuan_form, transfer_form

from jixiao.model.finding import Severity
from jixiao.review.registry import all_rules
from jixiao.scoring.engine import score_form
from jixiao.scoring.policy import (
    LAYOUT_POLICIES,
    available,
    load_policy,
    parse_policy,
    policy_for_layout,
)
from jixiao.services.check import check_forms

REGIONS = ("sichuan", "hubei", "transfer", "dmp")


def errors(form, name: str) -> set[str]:
    checked = check_forms([form], load_policy(name))[0]
    return {f.code for f in checked.findings if f.severity is Severity.ERROR}


def codes(form, name: str) -> set[str]:
    return {f.code for f in check_forms([form], load_policy(name))[0].findings}


@pytest.mark.parametrize("name", REGIONS)
def test_each_pack_loads_with_a_chinese_title_and_description(name: str) -> None:
    assert name in available()
    policy = load_policy(name)
    assert policy.name == name
    assert any("\u4e00" <= ch <= "\u9fff" for ch in policy.title)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in policy.description)
    assert [(g.min, g.name) for g in policy.grades] == [
        (Decimal(90), "优"),
        (Decimal(80), "良"),
        (Decimal(60), "中"),
        (Decimal(0), "差"),
    ]


def test_the_weights_of_each_pack() -> None:
    sichuan, hubei, transfer, dmp = (load_policy(n) for n in REGIONS)
    assert (sichuan.weights.execution, sichuan.weights.total, sichuan.weights.level1) == (
        10,
        100,
        {},
    )
    assert hubei.weights.execution == 20 and hubei.weights.split_by == "group"
    assert hubei.weights.level1 == {"年度绩效目标1": 40, "年度绩效目标2": 40}
    assert not transfer.scored and sichuan.scored and hubei.scored and dmp.scored
    assert dmp.weights.execution == 0 and dmp.weights.split_by == "group"
    assert dmp.weights.level1 == {"共性指标": 30, "个性指标": 70}


def test_a_wrong_scoring_setting_is_named_in_chinese() -> None:
    with pytest.raises(Exception, match="scoring.enabled"):
        parse_policy('name = "x"\ntitle = "x"\n[scoring]\nenabled = "也许"\n')
    with pytest.raises(Exception, match="weights.split_by"):
        parse_policy('name = "x"\ntitle = "x"\n[weights]\nsplit_by = "region"\n')


def test_hubei_scores_execution_out_of_20_and_splits_by_target() -> None:
    computed = score_form(hubei_form(), load_policy("hubei"))
    assert computed.funds_score == Decimal("19.00")  # 20 × 95%
    assert computed.total_weight == 100
    assert computed.level1_weights == {"年度绩效目标1": 40, "年度绩效目标2": 40}
    assert computed.total_score == Decimal("99.00") and computed.grade == "优"


def test_hubei_20_40_40_is_no_error_under_hubei_but_is_under_beijing() -> None:
    form = hubei_form()
    assert codes(form, "hubei") == set()
    assert errors(form, "beijing") == {
        "FUNDS_WEIGHT_NOT_STANDARD",  # 20, Beijing wants 10
        "FUNDS_SCORE_MISMATCH",  # 19, Beijing computes 10 × 95% = 9.5
        "WEIGHTS_NOT_ADDING_UP",  # 100 + 10 = 110
    }


def test_sichuan_weight_is_the_weight_and_no_split_is_imposed() -> None:
    form = sichuan_form()
    computed = score_form(form, load_policy("sichuan"))
    assert computed.funds_score == Decimal("10.00") and computed.total_score == Decimal("100.00")
    assert codes(form, "sichuan") == set()  # 产出 60 + 效益 30, no 满意度: no split to warn about
    assert "LEVEL1_SPLIT_NOT_DEFAULT" in codes(form, "mof-2020")


def test_transfer_computes_no_score_and_raises_no_score_finding() -> None:
    form = transfer_form()
    policy = load_policy("transfer")
    computed = score_form(form, policy)
    assert computed.execution_rate == Decimal("0.98")  # money is still checked
    assert computed.funds_score is None
    assert computed.total_score is None and computed.total_weight is None
    assert computed.grade is None
    assert all(c.score is None for c in computed.indicators)
    assert "不打分" in computed.explanations["total_score"]
    # the target is still compared: 96 公里 against ≥120
    assert [k.met for k in computed.indicators[0].clauses] == [False]
    found = codes(form, "transfer")
    scored = {r.code for r in all_rules() if r.scored}
    assert not found & scored
    assert found == {"TARGET_MISSED_NO_REASON"}
    # under a scored policy the same form is full of score findings
    assert {"INDICATOR_WEIGHT_MISSING"} <= codes(form, "beijing")
    assert "TARGET_MISSED_NO_REASON" not in codes(form, "beijing")


def test_transfer_a_missed_target_with_its_reason_is_clean() -> None:
    assert codes(transfer_form("受汛期影响，部分路段延至次年施工"), "transfer") == set()


def test_transfer_money_findings_still_run() -> None:
    form = transfer_form("受汛期影响")
    form.funds.execution_rate = type(form.funds.execution_rate)(text="100%")
    assert errors(form, "transfer") == {"FUNDS_RATE_MISMATCH"}


def test_dmp_scores_the_rate_as_an_indicator_not_the_funds_block() -> None:
    form = dmp_form()
    computed = score_form(form, load_policy("dmp"))
    assert computed.funds_score == 0
    assert computed.level1_weights == {"共性指标": 30, "个性指标": 70}
    assert computed.total_weight == 100 and computed.total_score == Decimal("100.00")
    assert errors(form, "dmp") == set()
    # no “资金执行得分未填” for a funds block that carries no score
    assert "DECLARED_RESULT_MISSING" not in codes(form, "dmp")
    assert {"WEIGHTS_NOT_ADDING_UP"} <= errors(form, "beijing")


def test_a_split_group_missing_is_named_by_its_group() -> None:
    form = hubei_form()
    for ind in form.indicators[2:]:
        ind.group = "年度绩效目标1"
    found = check_forms([form], load_policy("hubei"))[0].findings
    missing = [f.message for f in found if f.code == "LEVEL1_GROUP_MISSING"]
    assert missing and "年度绩效目标2" in missing[0]
    split = [f.message for f in found if f.code == "LEVEL1_SPLIT_NOT_DEFAULT"]
    assert split and "年度绩效目标1 80" in split[0]


def test_policy_for_layout_maps_each_region_to_its_pack() -> None:
    assert policy_for_layout("sichuan") == "sichuan"
    assert policy_for_layout("hubei") == "hubei"
    assert policy_for_layout("transfer") == "transfer"
    assert policy_for_layout("dmp") == "dmp"
    assert policy_for_layout("yunnan") == "mof-2020"
    assert policy_for_layout("beijing") == "beijing"
    assert policy_for_layout("", "mof-2020") == "mof-2020"
    assert policy_for_layout("beijing", "mof-2020") == "mof-2020"  # the site's default
    assert policy_for_layout("no-such-layout") == "beijing"
    # the national form is also what the extractor names a form it cannot tell apart
    assert policy_for_layout("mof-2020") == "beijing"
    assert policy_for_layout("mof-2020", "mof-2020") == "mof-2020"
    assert set(LAYOUT_POLICIES.values()) <= set(available())
