"""The declared 绩效目标申报表 (project performance targets, set with the budget; domain.md §13).

Exactly what the document says, as `Declared` text with its cell, like the self-evaluation form
(`jixiao.model.form`). Amounts are kept as written with the unit the header declares; whatever
jixiao works out (findings, sums in 万元) lives beside the document, never inside it.
"""

from __future__ import annotations

from pydantic import Field

from jixiao.model.form import EMPTY, Declared, DeclaredDocument, FormSource, _Sparse


class TargetFunds(_Sparse):
    """资金总额 and its sources, as written (``unit`` is the header's 万元 / 元)."""

    total: Declared = EMPTY  # 年度资金总额 / 资金总额
    appropriation: Declared = EMPTY  # 其中：财政拨款
    other: Declared = EMPTY  # 其他资金
    unit: Declared = EMPTY


class TargetIndicator(_Sparse):
    """One level-3 indicator of the targets: its levels (canonical, as in `Indicator`), its
    name, its 指标值 (joined when split over 指标性质 / 指标值 / 度量单位, the parts kept), an
    optional 分值 and 备注."""

    _SPARSE = frozenset({"target_parts", "weight", "note"})

    level1: str = ""
    level2: str = ""
    level1_text: Declared = EMPTY
    level2_text: Declared = EMPTY
    name: Declared = EMPTY
    target: Declared = EMPTY
    target_parts: dict[str, Declared] = Field(default_factory=dict)  # "nature", "value", "unit"
    weight: Declared = EMPTY  # 分值 (some provinces weight the targets already)
    note: Declared = EMPTY  # 备注


class TargetsForm(DeclaredDocument):
    """One 项目支出绩效目标申报表 as declared."""

    _SPARSE = frozenset({"project_code", "basis", "opinions"})

    source: FormSource
    layout: str = ""  # "targets" (the 财政部 / Beijing 申报表); regional variants later
    year: int | None = None
    title: Declared = EMPTY
    project_name: Declared = EMPTY
    project_code: Declared = EMPTY  # 项目编码, when the form has one
    department: Declared = EMPTY  # 主管部门
    implementing_unit: Declared = EMPTY  # 实施单位
    attribute: Declared = EMPTY  # 项目属性: 新增 / 延续
    period: Declared = EMPTY  # 项目期
    manager: Declared = EMPTY  # 项目负责人
    phone: Declared = EMPTY
    funds: TargetFunds = Field(default_factory=TargetFunds)
    basis: Declared = EMPTY  # 立项依据
    long_term_goal: Declared = EMPTY  # 长期目标 / 总体目标
    annual_goal: Declared = EMPTY  # 年度目标
    indicators: list[TargetIndicator] = Field(default_factory=list)
    # 审核意见 some forms carry: "department" (主管部门), "third_party" (第三方), "finance" (财政)
    opinions: dict[str, Declared] = Field(default_factory=dict)
