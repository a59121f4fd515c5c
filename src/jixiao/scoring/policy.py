"""Scoring policies as data: TOML files shipped in `jixiao/scoring/policies/` or a user's own.

Every choice domain.md §11 calls a setting is a field here. A policy file with a mistake in it
gets a `PolicyError` whose message says, in Chinese, which file, which field and what is wrong.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator


class PolicyError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Weights(_Strict):
    execution: Decimal = Decimal(10)  # W_exec, the funds row's 分值
    total: Decimal = Decimal(100)  # Σ indicator W + W_exec
    # the highest computed total; a larger sum (分值 adding up to more than total) is capped,
    # with a finding; None leaves the sum uncapped
    max_total: Decimal | None = Decimal(100)
    # default first-level split; another split is a warning ("特殊情况可调整"); empty: no
    # default split, nothing to compare
    level1: dict[str, Decimal] = Field(
        default_factory=lambda: {
            "产出指标": Decimal(50),
            "效益指标": Decimal(30),
            "满意度指标": Decimal(10),
        }
    )
    # what `level1` splits: "level1" the 一级指标 (产出 / 效益 / 满意度), "group" the group a
    # form's first column names (湖北 年度绩效目标1 / 2, 共性指标 / 个性指标)
    split_by: Literal["level1", "group"] = "level1"


class Execution(_Strict):
    # r = executed / annual_budget of the 年度资金总额 row
    base: Literal["annual_budget", "initial_budget"] = "annual_budget"
    cap: bool = True  # score = min(r, 1) × W_exec
    fallback_to_sources: bool = True  # total row blank → sum of the source rows, with a finding


class Rounding(_Strict):
    decimals: int = 2  # computed scores are kept to this many decimals, half-up
    # a declared number within this distance of the computed one is fine
    tolerance: Decimal = Decimal("0.05")
    rate_tolerance: Decimal = Decimal("0.005")  # for execution rates (0.5 percentage points)


class Quantitative(_Strict):
    # 反向 (≤) indicators missed: "linear" W × (1 − (A − T)/T), 0 at 2T; or "ratio" W × T/A
    reverse: Literal["linear", "ratio"] = "linear"
    # 等于 (=) indicators with A > T: full marks, with a finding
    equal_over_full: bool = True
    # A/T at or above this with no deviation text: the target may have been set too low
    over_achievement: Decimal = Decimal("1.3")


class Band(_Strict):
    low: Decimal  # share of W, inclusive
    high: Decimal  # share of W, inclusive for the top band only


class Qualitative(_Strict):
    # outcome → share band of W
    bands: dict[str, Band] = Field(
        default_factory=lambda: {
            "达成": Band(low=Decimal("0.8"), high=Decimal(1)),
            "部分达成": Band(low=Decimal("0.6"), high=Decimal("0.8")),
            "未达成": Band(low=Decimal(0), high=Decimal("0.6")),
        }
    )
    # a grade or phrase → outcome; a word matched only by a keyword is a guess (with a finding)
    words: dict[str, str] = Field(default_factory=dict)
    # grade letters may have bands of their own (Beijing practice: 良 = 80–90 %)
    grade_bands: dict[str, Band] = Field(default_factory=dict)
    # the computed score of a qualitative indicator: the top of its band ("high") or the
    # declared score when it lies inside the band ("declared")
    computed: Literal["declared", "high"] = "declared"


class Grade(_Strict):
    min: Decimal  # lower bound, inclusive
    name: str  # 优
    long_name: str = ""  # 优秀 (expert reports)


class Ramp(_Strict):
    """A rate that earns full marks up to `full` and nothing from `zero` on, linear in between."""

    full: Decimal  # |rate| at or below this: full marks
    zero: Decimal  # |rate| at or above this: no marks


class DepartmentWeights(_Strict):
    # the parts of the department's overall score; they must add up to weights.total
    execution: Decimal = Decimal(20)  # 预算执行率
    balance: Decimal = Decimal(10)  # 结转结余率
    difference: Decimal = Decimal(10)  # 预决算差异率
    projects: Decimal = Decimal(60)  # the department's project forms


class Department(_Strict):
    """部门整体评价 (domain.md §7, §11.10): the bases of the rates and how the score is built."""

    # 预算执行率 = 执行数 ÷ 全年预算数 (annual_budget) or ÷ 年初预算数 (initial_budget)
    execution_base: Literal["annual_budget", "initial_budget"] = "annual_budget"
    # 结转结余率 = 年末结转结余 ÷ 全年预算数 (budget, 财预〔2013〕53号) or ÷ 执行数 (executed)
    balance_base: Literal["budget", "executed"] = "budget"
    # 预决算差异率 = (决算数 − 预算数) ÷ 预算数, 预算数 = 全年预算数 (annual_budget, 调整预算)
    # or 年初预算数 (initial_budget)
    difference_base: Literal["annual_budget", "initial_budget"] = "annual_budget"
    # the projects' part: the mean of their computed scores, weighted by 全年预算数 or simple
    project_mean: Literal["weighted", "simple"] = "weighted"
    weights: DepartmentWeights = Field(default_factory=DepartmentWeights)
    balance: Ramp = Field(default_factory=lambda: Ramp(full=Decimal("0.05"), zero=Decimal("0.3")))
    difference: Ramp = Field(
        default_factory=lambda: Ramp(full=Decimal("0.05"), zero=Decimal("0.3"))
    )
    # projects whose computed score is below one of these are listed (highest first)
    below: list[Decimal] = Field(default_factory=lambda: [Decimal(90), Decimal(60)])


class Review(_Strict):
    """How a form is reviewed under this policy (the web application's workflow)."""

    # who passes a submitted form, in order: "department" (the unit's 主管部门's reviewers), then
    # "bureau" (the 财政局's); a level with no reviewer for the unit is passed over
    levels: list[Literal["department", "bureau"]] = Field(
        default_factory=lambda: ["department", "bureau"]
    )
    # finding codes that stop a form from being submitted until they are fixed
    blocking: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check(self) -> Review:
        if not self.levels or len(set(self.levels)) != len(self.levels):
            raise ValueError("review.levels 至少一级，且各级不能重复")
        return self


class Monitoring(_Strict):
    """绩效运行监控 (domain.md §13): the period a 监控表 covers and its warning lines."""

    # the months the table covers when it does not say (1–7月 by default, 财预〔2019〕136号)
    months: int = 7
    # month-end → the least execution rate expected by then (川财绩〔2025〕10号: 25 % / 40 % / 60 %
    # / 80 % by the end of April / June / August / October); a table of month m is held to the
    # threshold of the last month-end at or before m
    thresholds: dict[int, Decimal] = Field(
        default_factory=lambda: {
            4: Decimal("0.25"),
            6: Decimal("0.40"),
            8: Decimal("0.60"),
            10: Decimal("0.80"),
        }
    )
    # 红 when the rate is below the threshold by more than this (percentage points as a fraction)
    red_margin: Decimal = Decimal("0.05")
    # 黄 when target completion and spending are more than this apart
    gap: Decimal = Decimal("0.10")
    # the chain: a July forecast (全年预计执行数 / 全年预计完成值) further than this share from
    # what December reports is a finding
    forecast_gap: Decimal = Decimal("0.20")

    @model_validator(mode="after")
    def _check(self) -> Monitoring:
        if not 1 <= self.months <= 12:
            raise ValueError("monitoring.months 应为 1 到 12 之间的月数")
        for month, rate in self.thresholds.items():
            if not 1 <= month <= 12:
                raise ValueError(f"monitoring.thresholds 的月份 {month} 应在 1 到 12 之间")
            if not 0 <= rate <= 1:
                raise ValueError(f"monitoring.thresholds 中 {month} 月的执行率应在 0 到 1 之间")
        for name in ("red_margin", "gap", "forecast_gap"):
            if getattr(self, name) < 0:
                raise ValueError(f"monitoring.{name} 不能为负数")
        return self

    def threshold(self, month: int) -> tuple[int, Decimal] | None:
        """The month-end and least execution rate a table of ``month`` is held to: the last
        threshold at or before it; None before the first one."""
        earlier = [m for m in self.thresholds if m <= month]
        if not earlier:
            return None
        last = max(earlier)
        return last, self.thresholds[last]


class Scoring(_Strict):
    # false: the form carries no scores (转移支付 区域绩效自评表): the engine computes the
    # execution rate and compares targets with actuals but gives no score, total or grade, and
    # the rules about weights and scores stay silent
    enabled: bool = True


class Policy(_Strict):
    name: str
    title: str
    description: str = ""
    scoring: Scoring = Field(default_factory=lambda: Scoring())
    weights: Weights = Field(default_factory=Weights)
    execution: Execution = Field(default_factory=Execution)
    rounding: Rounding = Field(default_factory=Rounding)
    quantitative: Quantitative = Field(default_factory=Quantitative)
    qualitative: Qualitative = Field(default_factory=Qualitative)
    department: Department = Field(default_factory=Department)
    review: Review = Field(default_factory=Review)
    monitoring: Monitoring = Field(default_factory=Monitoring)
    grades: list[Grade] = Field(
        default_factory=lambda: [
            Grade(min=Decimal(90), name="优", long_name="优秀"),
            Grade(min=Decimal(80), name="良", long_name="良好"),
            Grade(min=Decimal(60), name="中", long_name="中"),
            Grade(min=Decimal(0), name="差", long_name="差"),
        ]
    )

    @model_validator(mode="after")
    def _check(self) -> Policy:
        mins = [g.min for g in self.grades]
        if mins != sorted(mins, reverse=True) or not mins or mins[-1] != 0:
            raise ValueError("grades 必须按下限从高到低排列，最后一档下限为 0")
        for name, band in {**self.qualitative.bands, **self.qualitative.grade_bands}.items():
            if not (0 <= band.low <= band.high <= 1):
                raise ValueError(f"档次“{name}”的区间必须满足 0 ≤ low ≤ high ≤ 1")
        parts = self.department.weights
        if (
            parts.execution + parts.balance + parts.difference + parts.projects
            != self.weights.total
        ):
            raise ValueError(
                f"department.weights 各项之和应等于 weights.total（{self.weights.total}）"
            )
        for name, ramp in (
            ("balance", self.department.balance),
            ("difference", self.department.difference),
        ):
            if not (0 <= ramp.full < ramp.zero):
                raise ValueError(f"department.{name} 必须满足 0 ≤ full < zero")
        for word, outcome in self.qualitative.words.items():
            if outcome not in self.qualitative.bands:
                raise ValueError(f"词语“{word}”对应的结果“{outcome}”不在 qualitative.bands 中")
        return self

    @property
    def scored(self) -> bool:
        """Whether forms under this policy carry scores (scoring.enabled)."""
        return self.scoring.enabled

    def grade(self, total: Decimal) -> Grade:
        for grade in self.grades:
            if total >= grade.min:
                return grade
        return self.grades[-1]


# the policy each layout the extractor recognises (Form.layout) is checked under when the user
# names none; a layout not listed here takes the site's default: beijing, "" unknown, and
# mof-2020, the national form the extractor also names any form it cannot tell apart
LAYOUT_POLICIES: dict[str, str] = {
    "sichuan": "sichuan",
    "yunnan": "mof-2020",
    "hubei": "hubei",
    "transfer": "transfer",
    "dmp": "dmp",
    "county": "mof-2020",
    "shanghai": "mof-2020",
}


def policy_for_layout(layout: str, default: str = "beijing") -> str:
    """The policy a form of this layout is checked under when no one names one: its region's
    pack, else `default` (the site's JIXIAO_POLICY, beijing for the command line)."""
    return LAYOUT_POLICIES.get(layout or "", default)


def available() -> list[str]:
    """Names of the policies shipped with jixiao."""
    folder = resources.files("jixiao.scoring").joinpath("policies")
    return sorted(
        p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml")
    )


def load_policy(name_or_path: str | Path = "beijing") -> Policy:
    """A shipped policy by name ("mof-2020", "beijing") or a policy file by path."""
    path = Path(name_or_path)
    if path.suffix == ".toml" or path.exists():
        label = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise PolicyError(f"无法读取评分规则文件 {label}：{exc.strerror or exc}") from exc
    else:
        if str(name_or_path) not in available():
            raise PolicyError(
                f"没有名为“{name_or_path}”的评分规则；可用：{'、'.join(available())}，或给出 .toml 文件路径"
            )
        label = f"{name_or_path}（内置）"
        text = (
            resources.files("jixiao.scoring")
            .joinpath("policies", f"{name_or_path}.toml")
            .read_text("utf-8")
        )
    return parse_policy(text, label)


def parse_policy(text: str, label: str = "评分规则") -> Policy:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"评分规则文件 {label} 格式错误（TOML）：{exc}") from exc
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = ".".join(str(p) for p in error["loc"]) or "（顶层）"
            problems.append(f"{where}：{_zh(error)}")
        raise PolicyError(f"评分规则文件 {label} 有误：" + "；".join(problems)) from exc


def _zh(error: dict) -> str:  # type: ignore[type-arg]
    kind = error.get("type", "")
    if kind == "missing":
        return "缺少此项"
    if kind == "extra_forbidden":
        return "不认识的设置项（拼写错误？）"
    if kind.startswith("decimal") or kind in ("float_parsing", "int_parsing", "decimal_parsing"):
        return f"应为数字，实际为 {error.get('input')!r}"
    if kind == "literal_error":
        return f"取值只能是 {error.get('ctx', {}).get('expected', '')}"
    if kind == "value_error":
        return str(error.get("msg", "")).removeprefix("Value error, ")
    return str(error.get("msg", kind))
