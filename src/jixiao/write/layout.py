"""A form laid out as the paper 项目支出绩效自评表: one table with merged cells.

Nine grid columns, as in the published Word forms: the vertical 项目资金 and 绩效指标 cells on the
left, level-1 and level-2 cells merged down over their rows, the 总分 row at the bottom. Writers
for Word, Excel, HTML and PDF turn this Table into a file; a reader given that file must give the
same form back.
"""

from __future__ import annotations

from jixiao.model.form import Declared, Form, FundsRow, Indicator
from jixiao.model.grid import Cell, Table

WIDTH = 9
FUNDS_ROWS = (
    ("年度资金总额", "total"),
    ("其中：当年财政拨款", "appropriation"),
    ("上年结转资金", "carryover"),
    ("其他资金", "other"),
)


def form_table(form: Form, index: int = 0) -> Table:
    """The form as one table of anchored cells with spans."""
    table = Table(index=index)
    r = 0

    def put(text: str, col: int, colspan: int = 1, rowspan: int = 1) -> None:
        table.cells.append(Cell(text=text, row=r, col=col, rowspan=rowspan, colspan=colspan))

    put(form.title.text or "项目支出绩效自评表", 0, WIDTH)
    r += 1
    put(f"（{form.year}年度）" if form.year else "", 0, WIDTH)
    r += 1
    put("项目名称", 0, 2)
    put(form.project_name.text, 2, 7)
    r += 1
    put("主管部门", 0, 2)
    put(form.department.text, 2, 3)
    put("实施单位", 5, 2)
    put(form.implementing_unit.text, 7, 2)
    r += 1
    put("项目负责人", 0, 2)
    put(form.manager.text, 2, 3)
    put("联系电话", 5, 2)
    put(form.phone.text, 7, 2)
    r += 1

    funds = form.funds
    put("项目资金\n（万元）", 0, 2, rowspan=5)
    put("", 2)
    for c, label in enumerate(
        ("年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"),
        start=3,
    ):
        put(label, c)
    r += 1
    for label, key in FUNDS_ROWS:
        row: FundsRow = getattr(funds, key)
        put(label, 2)
        put(row.initial_budget.text, 3)
        put(row.annual_budget.text, 4)
        put(row.executed.text, 5)
        if key == "total":
            put(funds.weight.text, 6)
            put(funds.execution_rate.text, 7)
            put(funds.score.text, 8)
        else:
            put("—", 6)
            put(row.execution_rate.text, 7)
            put("—", 8)
        r += 1

    put("年度总体目标", 0, 2, rowspan=2)
    put("预期目标", 2, 3)
    put("实际完成情况", 5, 4)
    r += 1
    put(form.goals.expected.text, 2, 3)
    put(form.goals.achieved.text, 5, 4)
    r += 1

    indicators = form.indicators or [Indicator()]
    column = "绩\n效\n指\n标"
    if "绩效指标" in form.stated_weights:
        column += f"\n（{form.stated_weights['绩效指标'].text}分）"
    put(column, 0, rowspan=len(indicators) + 1)
    for c, label in enumerate(
        (
            "一级指标",
            "二级指标",
            "三级指标",
            "年度\n指标值",
            "实际\n完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ),
        start=1,
    ):
        put(label, c)
    r += 1
    start = r
    # a run of rows shares one merged cell only where the label is written the same way
    for group, span in _runs([(i.level1, _label(i.level1_text, i.level1)) for i in indicators]):
        first = indicators[group]
        r = start + group
        put(_label(first.level1_text, first.level1), 1, rowspan=span)
        members = indicators[group : group + span]
        for sub, subspan in _runs([(i.level2, _label(i.level2_text, i.level2)) for i in members]):
            r = start + group + sub
            ind = indicators[group + sub]
            put(_label(ind.level2_text, ind.level2), 2, rowspan=subspan)
    for i, ind in enumerate(indicators):
        r = start + i
        for c, value in enumerate(
            (ind.name, ind.target, ind.actual, ind.weight, ind.score, ind.deviation), start=3
        ):
            put(value.text, c)
    r = start + len(indicators)
    put("总分", 0, 6)
    put(form.total_weight.text, 6)
    put(form.total_score.text, 7)
    put("", 8)
    return table


def _label(text: Declared, canonical: str) -> str:
    """The label as the document wrote it (even empty); the canonical name for a typed form."""
    return text.text if text.text or text.loc is not None else canonical


def _runs(keys: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """(start, length) of each run of equal neighbouring keys."""
    out: list[tuple[int, int]] = []
    for i, key in enumerate(keys):
        if out and keys[out[-1][0]] == key:
            out[-1] = (out[-1][0], out[-1][1] + 1)
        else:
            out.append((i, 1))
    return out
