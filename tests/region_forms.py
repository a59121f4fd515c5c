"""Small forms of the regional layouts built in code, for the policy tests (issue 12).

Each is what the extractor gives for its template: the layout it recognised, the funds block,
indicators with their groups. Numbers are chosen so that a hand calculation gives the expected
scores; each function's docstring gives it.
"""

from __future__ import annotations

from typing import Any

from jixiao.model.form import Declared, Form, FormSource, Funds, FundsRow, Indicator


def _d(text: str) -> Declared:
    return Declared(text=text)


def _row(annual: str, executed: str, initial: str = "") -> FundsRow:
    return FundsRow(
        initial_budget=_d(initial or annual), annual_budget=_d(annual), executed=_d(executed)
    )


def _indicator(
    level1: str,
    level2: str,
    name: str,
    target: str,
    actual: str,
    weight: str = "",
    score: str = "",
    deviation: str = "",
    group: str = "",
) -> Indicator:
    extra: dict[str, Any] = {"group": group} if group else {}
    return Indicator(
        level1=level1,
        level2=level2,
        name=_d(name),
        target=_d(target),
        actual=_d(actual),
        weight=_d(weight),
        score=_d(score),
        deviation=_d(deviation),
        **extra,
    )


def _form(layout: str, name: str, funds: Funds, indicators: list[Indicator], **more: Any) -> Form:
    # a table and row of its own: a form with neither is one rebuilt from flat text
    source = FormSource(
        file=f"{layout}.docx", sha256="0" * 64, format="docx", index=1, table=0, row=0
    )
    form = Form(
        source=source,
        year=2023,
        project_name=_d(name),
        department=_d("某区财政局"),
        implementing_unit=_d("某区某中心"),
        funds=funds,
        indicators=indicators,
        **more,
    )
    form.layout = layout  # R's field; set after construction so the helper reads either way
    return form


def hubei_form() -> Form:
    """湖北: 执行 20 (95 of 100 → 19), 年度绩效目标1 40 (20 + 20), 年度绩效目标2 40 (30 + 10);
    all targets met: total 19 + 80 = 99."""
    g1, g2 = "年度绩效目标1", "年度绩效目标2"
    return _form(
        "hubei",
        "农村饮水安全巩固提升工程",
        Funds(
            total=_row("100", "95"),
            appropriation=_row("100", "95"),
            weight=_d("20"),
            execution_rate=_d("95%"),
            score=_d("19"),
        ),
        [
            _indicator(
                "产出指标", "数量指标", "改造供水管网", "≥20公里", "22公里", "20", "20", group=g1
            ),
            _indicator("产出指标", "质量指标", "水质达标率", "≥95%", "98%", "20", "20", group=g1),
            _indicator(
                "效益指标", "社会效益指标", "受益人口", "≥5000人", "5200人", "30", "30", group=g2
            ),
            _indicator(
                "满意度指标",
                "服务对象满意度指标",
                "群众满意度",
                "≥90%",
                "95%",
                "10",
                "10",
                group=g2,
            ),
        ],
        total_weight=_d("100"),
        total_score=_d("99"),
    )


def sichuan_form() -> Form:
    """四川: 执行 10 (权重; 250 of 250 → 10), 指标 权重 30 + 30 + 30; all met: total 100."""
    return _form(
        "sichuan",
        "51000021R000000019951-工资性支出",
        Funds(
            total=_row("250", "250", "238.93"),
            appropriation=_row("250", "250", "238.93"),
            weight=_d("10"),
            execution_rate=_d("100.00%"),
            score=_d("10"),
        ),
        [
            _indicator("产出指标", "数量指标", "发放覆盖率", "=100%", "100%", "30", "30"),
            _indicator("产出指标", "时效指标", "发放及时率", "=100%", "100%", "30", "30"),
            _indicator("效益指标", "社会效益指标", "足额保障率", "=100%", "100%", "30", "30"),
        ],
        total_weight=_d("100"),
        total_score=_d("100"),
    )


def transfer_form(reason: str = "") -> Form:
    """转移支付 区域绩效自评表: no 分值 or 得分; 新建农村公路 ≥120 公里 missed (96), the other
    target met; `reason` is the 偏差原因 of the missed one."""
    return _form(
        "transfer",
        "车辆购置税收入补助地方资金",
        Funds(
            total=_row("1000", "980"),
            appropriation=_row("800", "790"),
            other=_row("200", "190"),
            execution_rate=_d("98%"),
        ),
        [
            _indicator(
                "产出指标", "数量指标", "新建农村公路", "≥120公里", "96公里", deviation=reason
            ),
            _indicator("效益指标", "社会效益指标", "通硬化路建制村比例", "=100%", "100%"),
        ],
    )


def dmp_form() -> Form:
    """决策/管理/绩效: 共性指标 30 (决策 15, 管理 15 with 预算执行率 ≥90% → 95%), 个性指标 70;
    the funds block has amounts only. All met: total 100."""
    common, own = "共性指标", "个性指标"
    return _form(
        "dmp",
        "社区养老服务补助",
        Funds(total=_row("200", "190"), appropriation=_row("200", "190"), execution_rate=_d("95%")),
        [
            _indicator(
                "决策", "项目立项", "立项依据充分性", "充分", "充分", "15", "15", group=common
            ),
            _indicator("管理", "资金管理", "预算执行率", "≥90%", "95%", "15", "15", group=common),
            _indicator(
                "绩效", "产出", "服务老人人次", "≥3000人次", "3200人次", "40", "40", group=own
            ),
            _indicator("绩效", "效果", "老人满意度", "≥90%", "93%", "30", "30", group=own),
        ],
        total_weight=_d("100"),
        total_score=_d("100"),
    )
