"""A form built by hand for the layout round-trip tests of every format, and a table's shape.

It has what those tests need to see survive a writer and a reader: indicators in three level-1
and four level-2 groups (merged cells), a level-1 label spelled as a real form spells it
(产出标指), multi-line cells, the points written into the 绩效指标 column, and — with
``copies`` — enough rows to run over several pages.
"""

from __future__ import annotations

from jixiao.model.form import Declared, Form, FormSource, Funds, FundsRow, Goals, Indicator
from jixiao.model.grid import Table

Shape = list[list[tuple[str, int, int, int, bool]]]


def _d(text: str) -> Declared:
    return Declared(text=text)


def _indicator(*values: str) -> Indicator:
    level1, level2, name, target, actual, weight, score, *rest = values
    return Indicator(
        level1=level1,
        level1_text=_d("产出标指" if level1 == "产出指标" else level1),
        level2=level2,
        name=_d(name),
        target=_d(target),
        actual=_d(actual),
        weight=_d(weight),
        score=_d(score),
        deviation=_d(rest[0] if rest else ""),
    )


def hand_form(project: str = "社区养老服务驿站运营补贴", copies: int = 1) -> Form:
    """A filled form with seven indicators in three level-1 and four level-2 groups, the
    indicator list repeated ``copies`` times."""
    form = Form(
        source=FormSource(file="hand.txt", sha256="0" * 64, format="text", index=0),
        year=2023,
        title=_d("项目支出绩效自评表"),
        project_name=_d(project),
        department=_d("北京市西城区民政局"),
        implementing_unit=_d("椿树街道办事处"),
        manager=_d("王芳"),
        phone=_d("010-63012345"),
        funds=Funds(
            total=FundsRow(
                initial_budget=_d("120"), annual_budget=_d("118.5"), executed=_d("110.25")
            ),
            appropriation=FundsRow(
                initial_budget=_d("120"),
                annual_budget=_d("118.5"),
                executed=_d("110.25"),
                execution_rate=_d("93.04%"),
            ),
            weight=_d("10"),
            execution_rate=_d("93.04%"),
            score=_d("9.3"),
        ),
        goals=Goals(
            expected=_d("保障驿站正常运营。\n为老人提供助餐服务。"),
            achieved=_d("驿站全年运营，助餐 12000 人次。"),
        ),
        indicators=[
            _indicator("产出指标", "数量指标", "服务老人人数", "≥500人", "526人", "15", "15"),
            _indicator("产出指标", "数量指标", "助餐人次", "12000人次", "12000人次", "15", "15"),
            _indicator("产出指标", "质量指标", "服务合格率", "=100%", "100%", "10", "10"),
            _indicator(
                "产出指标", "时效指标", "完成时间", "2023年12月底前", "按期完成", "10", "10"
            ),
            _indicator(
                "效益指标",
                "社会效益指标",
                "老人生活质量",
                "有所提高",
                "明显提高",
                "15",
                "14",
                "个别驿站\n人手不足",
            ),
            _indicator("效益指标", "社会效益指标", "社区参与度", "提高", "提高", "15", "15"),
            _indicator("满意度指标", "服务对象满意度指标", "老人满意度", "≥90%", "95%", "10", "10"),
        ],
        stated_weights={"绩效指标": _d("90")},
        total_weight=_d("100"),
        total_score=_d("98.3"),
    )
    form.indicators = form.indicators * copies
    return form


def shape(table: Table) -> Shape:
    """A table as its rows: (text, col, rowspan, colspan, continued) for every cell."""
    return [
        [(c.text, c.col, c.rowspan, c.colspan, c.continued) for c in row] for row in table.rows()
    ]
