"""Weights adding up to 100, the total score adding up, scores against weights (domain.md §5)."""

from __future__ import annotations

from jixiao.model.form import Declared


def test_it_flags_a_total_weight_of_1000(reviewed):
    f = reviewed("2023年第一批疫情防控资金").one("TOTAL_WEIGHT_NOT_STANDARD", "total_weight")
    assert "1000" in f.message and f.location.startswith("总分·分值，第")


def test_it_flags_a_total_score_of_1000(reviewed):
    f = reviewed("公共服务经费").one("TOTAL_SCORE_MISMATCH", "total_score")
    # 应为 is the computed column's 99.01 (funds 9.01 computed); the form's own parts add to 100
    assert (
        "1000" in f.message and "总分应为 99.01" in f.message and "= 100，表中填 1000" in f.message
    )
    assert f.location.startswith("总分·得分，第")


def test_it_flags_weights_that_add_to_110_with_the_funds(reviewed):
    f = reviewed("丰台区“十四五”规划课题经费").one("WEIGHTS_NOT_ADDING_UP", "total_weight")
    assert "各指标分值之和为 100" in f.message and "110" in f.message


def test_it_flags_weights_that_add_to_65(reviewed):
    f = reviewed("通州区文明示范小区创建工作项目").one("WEIGHTS_NOT_ADDING_UP", "total_weight")
    assert "各指标分值之和为 65" in f.message and "75" in f.message


def test_it_flags_a_total_score_above_its_parts(reviewed):
    f = reviewed("政管局党费返还留成党建经费").one("TOTAL_SCORE_MISMATCH", "total_score")
    assert "92.6" in f.message and "表中填 95" in f.message


def test_it_flags_97_declared_where_the_parts_give_95(reviewed):
    f = reviewed("综合窗口人员体检费").one("TOTAL_SCORE_MISMATCH", "total_score")
    # 应为 is the computed column's 97.7; the form's own parts add to 95
    assert "总分应为 97.7（" in f.message and "= 95，表中填 97" in f.message


def test_it_flags_98_declared_where_the_parts_give_98_8(reviewed):
    f = reviewed("潞源个人违规电动三四轮车回收奖励资金").one("TOTAL_SCORE_MISMATCH", "total_score")
    assert "98.8" in f.message and "表中填 98" in f.message


def test_it_flags_a_total_that_leaves_out_the_funds_score(reviewed):
    r = reviewed("市民服务中心工作经费")
    f = r.one("TOTAL_SCORE_MISMATCH", "total_score")
    assert "99.97" in f.message and "9.97" in f.message and "表中填 90" in f.message
    assert "漏了预算执行率得分" in f.message
    assert "未计入预算执行率" in r.one("TOTAL_WEIGHT_NOT_STANDARD", "total_weight").message


def test_it_accepts_stated_subtotals_that_match_their_rows(reviewed):
    # 000 labels 绩效指标 90, 产出指标 50, 效益指标 30, 满意度指标 10: all match
    assert not reviewed("市民服务中心工作经费").of("STATED_SUBTOTAL_MISMATCH")


def test_it_flags_a_stated_subtotal_that_does_not_match(reviewed, review_changed):
    base = reviewed("市民服务中心工作经费").form

    def relabel(form):
        form.stated_weights["产出指标"] = Declared(text="60")

    f = review_changed(base, relabel).one("STATED_SUBTOTAL_MISMATCH", "stated_weights.产出指标")
    assert "60" in f.message and "50" in f.message


def test_it_flags_a_score_above_its_weight(reviewed, review_changed):
    base = reviewed("统计所经费").form

    def overscore(form):
        form.indicators[0].score = Declared(text="6")

    f = review_changed(base, overscore).one("SCORE_ABOVE_WEIGHT", "indicators.0.score")
    assert "6" in f.message and "5" in f.message
    assert f.location.startswith("绩效指标第1行（数量指标·聘用统计调查员）·得分")


def test_it_flags_points_lost_with_no_reason_given(reviewed):
    f = reviewed("政管办日常办公经费").one("SCORE_BELOW_WEIGHT_NO_REASON", "indicators.6.deviation")
    assert "得分 9 低于分值 10" in f.message
    assert "服务对象满意度指标" in f.location


def test_it_warns_about_a_level1_split_other_than_the_default(reviewed):
    f = reviewed("统计所经费").one("LEVEL1_SPLIT_NOT_DEFAULT", "indicators")
    assert f.severity == "warning" and "产出指标 70" in f.message
