"""Each indicator's score under the policy, with the explanation a reviewer reads."""

from __future__ import annotations

from decimal import Decimal

from seeds import all_seed_forms

from jixiao.model.form import Declared, Indicator
from jixiao.scoring.engine import score_form, score_indicator
from jixiao.scoring.policy import load_policy

BEIJING = load_policy("beijing")
MOF = load_policy("mof-2020")


def indicator(
    target: str,
    actual: str,
    weight: str = "10",
    score: str = "",
    name: str = "指标",
    level2: str = "数量指标",
) -> Indicator:
    return Indicator(
        level1="产出指标",
        level2=level2,
        name=Declared(text=name),
        target=Declared(text=target),
        actual=Declared(text=actual),
        weight=Declared(text=weight),
        score=Declared(text=score),
    )


def find(form_name: str, indicator_name: str) -> tuple[Indicator, object]:
    form = next(f for f in all_seed_forms() if f.project_name.text == form_name)
    computed = score_form(form, BEIJING)
    for ind, c in zip(form.indicators, computed.indicators, strict=True):
        if ind.name.text.startswith(indicator_name):
            return ind, c
    raise AssertionError(indicator_name)


def test_a_met_positive_target_gets_full_marks() -> None:
    c = score_indicator(indicator("≥35次", "157"), BEIJING)
    assert (c.kind, c.direction, c.met, c.score) == ("定量", "正向", True, Decimal("10.00"))


def test_a_missed_positive_target_scores_in_proportion() -> None:
    # 003 政法委群防群治补助经费: ≥600 against 521, weight 10 → 10 × 521 ÷ 600 = 8.68
    ind, c = find("政法委群防群治补助经费", "购买慰问品米、面、油")
    assert (ind.target.text, ind.actual.text, ind.score.text) == ("≥600", "521", "10")
    assert c.met is False
    assert c.score == Decimal("8.68")
    assert "实际 ÷ 目标" in c.explanation


def test_a_reverse_target_exceeded_loses_points_linearly() -> None:
    # 002 综合大厅设备购置: 成本控制12.3016万元以内 ... actual 实际12.309万元
    c = score_indicator(
        indicator("12.3016万元以内", "12.309万元", weight="20", level2="成本指标"), BEIJING
    )
    assert (c.direction, c.met) == ("反向", False)
    assert c.score == Decimal("19.99")  # 20 × (1 − 0.0074 ÷ 12.3016)
    ratio = score_indicator(
        indicator("12.3016万元以内", "12.309万元", weight="20"),
        MOF.model_copy(
            update={"quantitative": MOF.quantitative.model_copy(update={"reverse": "ratio"})}
        ),
    )
    assert ratio.score == Decimal("19.99")  # 20 × 12.3016 ÷ 12.309


def test_a_target_hidden_in_the_name_is_used_when_the_cell_only_says_done() -> None:
    c = score_indicator(
        indicator("达到预期指标", "94%", weight="20", name="办事群众满意度≥95%"), BEIJING
    )
    assert c.target_from_name and c.met is False
    assert c.score == Decimal("19.79")
    assert "取自指标名称" in c.explanation


def test_a_bare_completion_percentage_is_measured_against_100_percent() -> None:
    c = score_indicator(indicator("完成预期指标", "100%", name="损坏率1%"), BEIJING)
    assert (c.met, c.score) == (True, Decimal("10.00"))
    assert "完成比例" in c.explanation


def test_a_good_qualitative_result_keeps_a_declared_score_inside_its_band() -> None:
    # 003 办事处事权补助资金 scores 良 at 3.15 of 3.5: inside Beijing's 良 band (80–90 %) …
    c = score_indicator(
        indicator("优良中差", "良（综合窗口服务人员的服务能力为良）", weight="3.5", score="3.15"),
        BEIJING,
    )
    assert (c.kind, c.band, c.score) == (
        "定性",
        (Decimal("2.80"), Decimal("3.15")),
        Decimal("3.15"),
    )
    # … but outside the 财政部 部分达成 band (60–80 %), where it is brought to the band's top
    c = score_indicator(
        indicator("优良中差", "良（综合窗口服务人员的服务能力为良）", weight="3.5", score="3.15"),
        MOF,
    )
    assert (c.band, c.score) == ((Decimal("2.10"), Decimal("2.80")), Decimal("2.80"))
    assert "区间外" in c.explanation


def test_a_phrase_the_policy_does_not_list_is_read_by_keyword_and_marked_as_a_guess() -> None:
    c = score_indicator(indicator("有效提升", "有效提升", score="10"), BEIJING)
    assert (c.outcome, c.outcome_guessed, c.score) == ("达成", True, Decimal("10.00"))


def test_an_actual_that_repeats_the_scale_is_not_scored() -> None:
    c = score_indicator(indicator("优良中差", "优良中差", score="10"), BEIJING)
    assert c.score is None
    assert "只写了评价档次" in c.explanation


def test_values_that_cannot_be_compared_are_not_scored() -> None:
    c = score_indicator(indicator("90%", "5", weight="5", score="5"), BEIJING)
    assert c.score is None
    assert "无法比较" in c.explanation


def test_several_clauses_are_compared_one_by_one() -> None:
    c = score_indicator(
        indicator("划分网格＝17个；巡查时间≥8小时", "划分网格17个；巡查时间6小时"), BEIJING
    )
    assert c.met is False
    assert c.score == Decimal("8.75")  # (100 % + 75 %) ÷ 2
    assert "逐项比较" in c.explanation


def test_every_seed_indicator_gets_a_score_or_a_reason() -> None:
    for form in all_seed_forms():
        for c in score_form(form, BEIJING).indicators:
            assert c.score is not None or c.explanation.startswith(("无法计算", "分值", "未填分值"))
            assert c.explanation
