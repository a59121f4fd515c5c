"""The problems and measures of an evaluation report, read from its text (seed 002)."""

from __future__ import annotations

from seeds import SAMPLES

from jixiao.department.problems import (
    best_measure,
    evaluation_year,
    problem_sections,
    report_problems,
)

SEED_002 = (SAMPLES / "002_00c192bc11a47879.txt").read_text(encoding="utf-8")


def test_it_reads_the_department_evaluations_two_problems_with_their_measures() -> None:
    problems = report_problems(SEED_002)
    assert [p.title for p in problems] == [
        "绩效目标的设定不够具体、细化",
        "部分项目缺少实施方案，或项目实施方案可操作性一般",
    ]
    assert problems[0].detail == "部分项目的指标设定过于宽泛，部分指标设定与项目内容契合度不高。"
    assert problems[0].requirement.startswith("加强绩效目标论证，增加绩效目标的可量化性：")
    assert "加强绩效目标量化程度" in problems[0].requirement
    assert problems[1].requirement.startswith("加强过程管理：")
    assert "制定行之有效的管理措施和实施方案" in problems[1].requirement


def test_it_reads_the_expert_reports_grouped_problems_and_matches_measures_by_words() -> None:
    sections = problem_sections(SEED_002)
    assert len(sections) == 2
    panel = sections[1]
    assert len(panel.measures) == 7
    assert [p.group for p in panel.problems] == ["项目决策"] * 3 + ["项目管理"] * 3 + ["项目绩效"]
    plan = panel.problems[3]
    assert plan.title.startswith("缺少项目实施方案")
    assert plan.requirement == "完善项目实施方案，发挥其对项目实施的指导性作用。"
    upkeep = panel.problems[5]
    assert upkeep.title == "运维质量监控有待进一步完善"
    assert upkeep.requirement == "建立健全运维工作的验收考核制度，保障运维工作持续开展。"
    # a group described by one paragraph is one problem
    assert panel.problems[6].title.startswith("项目的效益指标呈现缺少资料支撑")


def test_it_keeps_the_measure_in_the_same_place_when_no_words_are_shared() -> None:
    measures = ["健全财务制度。", "按时报送材料。"]
    assert best_measure("人员不足", measures, 1) == "按时报送材料。"
    assert best_measure("人员不足", [], 0) == ""


def test_unnumbered_problems_are_one_a_paragraph_and_text_without_the_section_gives_none() -> None:
    text = "（五）存在的问题\n资金拨付较慢。原因是审批环节多。\n台账不完整。\n（六）措施建议\n1、简化审批，加快资金拨付。\n2、完善台账。\n"
    problems = report_problems(text)
    assert [(p.title, p.detail) for p in problems] == [
        ("资金拨付较慢", "原因是审批环节多。"),
        ("台账不完整", ""),
    ]
    assert problems[0].requirement == "简化审批，加快资金拨付。"
    assert problems[1].requirement == "完善台账。"
    assert report_problems("一、基本情况\n本单位共有职工20人。") == []


def test_it_reads_the_year_the_department_evaluation_is_about() -> None:
    assert evaluation_year(SEED_002) == 2021
    assert evaluation_year("2019年度部门整体绩效评价报告") == 2019
    assert evaluation_year("项目支出绩效评价报告") is None
