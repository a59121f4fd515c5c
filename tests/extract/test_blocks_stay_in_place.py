"""Each block is looked for where it belongs: an indicator named like a funds row stays an
indicator, and a 合计 total row does not pass for the funds total."""

from __future__ import annotations

from jixiao.extract import extract_forms
from jixiao.read.text import parse_text


def row(*cells: str) -> str:
    return "".join(f"\t{c}\n" for c in cells) + "\n"


FORM = (
    row("项目支出绩效自评表")
    + row("（2023年度）")
    + row("项目名称", "测试项目")
    + row("主管部门", "某局", "实施单位", "某中心")
    + row("项目负责人", "张三", "联系电话", "123")
    + row(
        "项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"
    )
    + row("", "年度资金总额", "10", "10", "9", "10", "90%", "9")
    + row("", "其中：当年财政拨款", "10", "10", "9", "—", "", "—")
    + row("", "上年结转资金", "", "", "", "—", "", "—")
    + row("", "其他资金", "", "", "", "—", "", "—")
    + row("年度总体目标", "预期目标", "实际完成情况")
    + row("", "完成任务", "已完成")
    + row(
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    )
    + row("", "产出指标", "数量指标", "其他", "≥3次", "3次", "50", "50", "")
    + row("", "效益指标", "社会效益指标", "合计开展活动", "≥2次", "2次", "30", "30", "")
    + row("", "满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", "10", "10", "")
    + row("合计", "100", "99")
)


def test_an_indicator_named_like_a_funds_row_stays_an_indicator() -> None:
    [form] = extract_forms(parse_text(FORM, "t.txt", "0"))
    other = form.funds.other
    assert (other.initial_budget.text, other.annual_budget.text, other.executed.text) == (
        "",
        "",
        "",
    )
    assert [i.name.text for i in form.indicators] == ["其他", "合计开展活动", "满意度"]


def test_a_total_row_labelled_heji_is_the_total_not_the_funds() -> None:
    [form] = extract_forms(parse_text(FORM, "t.txt", "0"))
    assert (form.funds.total.annual_budget.text, form.funds.total.executed.text) == ("10", "9")
    assert (form.funds.weight.text, form.funds.execution_rate.text, form.funds.score.text) == (
        "10",
        "90%",
        "9",
    )
    assert (form.total_weight.text, form.total_score.text) == ("100", "99")
