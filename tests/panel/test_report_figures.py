"""The report's stated figures against the computed sheet: one wrong figure in seed 002."""

from __future__ import annotations

from panel_seed import seed_result

from jixiao.model.finding import Severity
from jixiao.panel.check import evaluate
from jixiao.panel.report import statements_in


def test_it_finds_exactly_the_wrong_loss_rate_of_money_management() -> None:
    findings = seed_result().findings
    assert [f.code for f in findings] == ["PANEL_LOSS_RATE_MISMATCH"]
    finding = findings[0]
    assert finding.severity == Severity.ERROR
    assert "资金管理" in finding.message
    assert "19.11%" in finding.message and "18.33%" in finding.message
    assert finding.location == "第634行"


def check(text: str) -> list[str]:
    lines = [(line, f"第{i}行") for i, line in enumerate(text.splitlines(), 1)]
    result = evaluate(seed_result().panel, statements_in(lines))
    return [f"{f.code}@{f.location}" for f in result.findings]


def test_it_reads_every_statement_of_the_report() -> None:
    kinds = [
        s.kind
        for s in statements_in([("（1）项目立项分析：……考评平均分为2.74分，失分率为8.67%。", "x")])
    ]
    assert kinds == ["average", "loss_rate"]
    level1 = statements_in([("项目决策指标分值满分10分，综合得分8.12分。", "x")])
    assert [(s.kind, s.written) for s in level1] == [("weight", "10"), ("group_score", "8.12")]


def test_it_flags_a_wrong_group_average() -> None:
    assert check("（2）组织实施分析：不够明确。考评平均分为5.60分，失分率为32.50%。") == [
        "PANEL_GROUP_AVERAGE_MISMATCH@第1行"
    ]


def test_it_flags_a_wrong_level1_score_and_weight() -> None:
    found = check("\n项目产出指标分值满分50分，综合得分34.00分。")
    assert found == ["PANEL_GROUP_WEIGHT_MISMATCH@第2行", "PANEL_GROUP_AVERAGE_MISMATCH@第2行"]


def test_it_flags_a_wrong_total_and_grade() -> None:
    found = check("项目绩效评价综合得分85.72分，项目综合绩效评定结论为“优秀”。")
    assert found == ["PANEL_TOTAL_MISMATCH@第1行", "PANEL_GRADE_MISMATCH@第1行"]


def test_the_right_figures_pass() -> None:
    assert (
        check(
            "（3）产出时效分析：项目执行滞后，跨年较多。故考评平均分为8.60分，失分率为14.00%。\n"
            "（2）可持续影响：存在问题。考评平均分为8.60分，失分率为14.00%。\n"
            "项目效益指标分值满分30分，综合得分25.80分。\n"
            "综合得分83.72分，项目综合绩效评定结论为“良好”。"
        )
        == []
    )


def test_a_group_the_framework_does_not_know_is_a_warning_not_a_check() -> None:
    result = evaluate(
        seed_result().panel, statements_in([("（1）信息安全分析：考评平均分为3.00分。", "第1行")])
    )
    assert [(f.code, f.severity) for f in result.findings] == [
        ("PANEL_SUBJECT_UNKNOWN", Severity.WARNING)
    ]


def test_a_figure_with_fewer_decimals_than_needed_is_wrong() -> None:
    assert check("（1）项目立项分析：考评平均分为2.7分，失分率为8.7%。") == [
        "PANEL_GROUP_AVERAGE_MISMATCH@第1行",
        "PANEL_LOSS_RATE_MISMATCH@第1行",
    ]
