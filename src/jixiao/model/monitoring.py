"""The declared 绩效运行监控表 (mid-year monitoring, 1–7月 by default; domain.md §13).

Per project the money to date and the forecast for the year; per indicator the annual target,
the actual to date, the forecast, how likely the target is met, why not and what is done about
it. Declared text with its cell, like the other documents; what jixiao computes (rates, the
traffic light, findings) lives beside it.
"""

from __future__ import annotations

from pydantic import Field

from jixiao.model.form import EMPTY, Declared, DeclaredDocument, FormSource, _Sparse

# 完成目标可能性, as the form offers them
LIKELIHOODS = ("确定能", "有可能", "完全不可能")
# 偏差原因 categories (经费 / 制度 / 人员 / 硬件 保障, 其他)
DEVIATION_CAUSES = ("经费", "制度", "人员", "硬件", "其他")


class MonitoringFunds(_Sparse):
    """The money of the project to the monitoring date (``unit``: the header's 万元 / 元)."""

    annual_budget: Declared = EMPTY  # 全年预算数 / 年度预算
    executed: Declared = EMPTY  # 1–7月执行数
    execution_rate: Declared = EMPTY  # 执行率, as written
    forecast: Declared = EMPTY  # 全年预计执行数
    reason: Declared = EMPTY  # 偏差原因 of the money, as written
    unit: Declared = EMPTY


class MonitoringIndicator(_Sparse):
    """One indicator row of the monitoring table."""

    _SPARSE = frozenset({"target_parts", "needs_rectification"})

    level1: str = ""
    level2: str = ""
    level1_text: Declared = EMPTY
    level2_text: Declared = EMPTY
    name: Declared = EMPTY
    target: Declared = EMPTY  # 年度指标值
    target_parts: dict[str, Declared] = Field(default_factory=dict)
    actual: Declared = EMPTY  # 1–7月实际完成值
    forecast: Declared = EMPTY  # 全年预计完成值
    likelihood: Declared = EMPTY  # 完成目标可能性: 确定能 / 有可能 / 完全不可能
    cause: Declared = EMPTY  # 偏差原因 (经费 / 制度 / 人员 / 硬件 / 其他, as written)
    measures: Declared = EMPTY  # 纠偏措施
    needs_rectification: Declared = EMPTY  # 是否需要整改


class MonitoringForm(DeclaredDocument):
    """One 项目支出绩效运行监控表 as declared."""

    _SPARSE = frozenset({"project_code"})

    source: FormSource
    layout: str = ""  # "monitoring"
    year: int | None = None
    period: Declared = EMPTY  # the months covered, as written ("1-7月"); "" = the policy's
    title: Declared = EMPTY
    project_name: Declared = EMPTY
    project_code: Declared = EMPTY
    department: Declared = EMPTY
    implementing_unit: Declared = EMPTY
    funds: MonitoringFunds = Field(default_factory=MonitoringFunds)
    annual_goal: Declared = EMPTY  # 年度目标
    progress: Declared = EMPTY  # 1–7月目标完成情况
    indicators: list[MonitoringIndicator] = Field(default_factory=list)
    rectification: Declared = EMPTY  # 整改要求 / 整改措施, as written
