"""The quality of the indicators themselves (domain.md §5, last group; 财预〔2021〕101号)."""

from __future__ import annotations


def test_it_warns_about_a_form_with_no_satisfaction_indicator(reviewed):
    f = reviewed("公益电影放映补贴").one("LEVEL1_GROUP_MISSING", "indicators")
    assert "满意度指标" in f.message and f.severity == "warning"


def test_it_warns_about_identical_tables_on_both_forms(reviewed):
    a = reviewed("政管办日常办公经费").one("TABLES_IDENTICAL", "indicators")
    b = reviewed("政务服务管理办日常办公经费").one("TABLES_IDENTICAL", "indicators")
    assert "政务服务管理办日常办公经费" in a.message and "政管办日常办公经费" in b.message
    assert a.severity == "warning"


def test_it_does_not_call_similar_projects_identical(reviewed):
    # the third and fourth 小微项目 share boilerplate but differ in the area done (5450 / 5540 ㎡)
    assert not reviewed("2023年第三批“小微项目惠民生”资金").of("TABLES_IDENTICAL")
    assert not reviewed("2023年城乡基层党组织服务群众经费（区级资金）").of("TABLES_IDENTICAL")


def test_it_warns_about_a_target_with_no_number(reviewed):
    f = reviewed("电子政务内网机房建设").one("TARGET_NOT_QUANTIFIED", "indicators.4.target")
    assert "完成预期指标" in f.message


def test_it_does_not_count_the_row_number_as_a_quantity(reviewed):
    # 004 公共服务经费 names every row “指标1：” and its targets carry no number
    assert reviewed("公共服务经费").of("TARGET_NOT_QUANTIFIED")


def test_it_does_not_ask_a_graded_qualitative_target_for_a_number(reviewed):
    assert not reviewed("统计所经费").of("TARGET_NOT_QUANTIFIED")


def test_it_warns_about_an_output_that_restates_the_goal(reviewed):
    f = reviewed("综合大厅设备购置").one("OUTPUT_RESTATES_GOAL", "indicators.0.name")
    assert "心脏除颤仪" in f.message


def test_it_warns_about_an_output_that_is_only_the_money(reviewed):
    f = reviewed("通州区文明示范小区创建工作项目").one("OUTPUT_IS_SPENDING", "indicators.0.target")
    assert "10万元" in f.message
    g = reviewed("2023年接诉即办奖励金").one("OUTPUT_IS_SPENDING", "indicators.3.target")
    assert "2250000" in g.message and "225 万元" in g.message
