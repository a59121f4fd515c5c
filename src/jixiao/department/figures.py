"""A department's own figures for a year: budget, execution, carry-over, final accounts.

These are not on any project form: they come from the department's budget and final accounts
(部门决算), entered by hand or read from a small TOML file. Keys may be Chinese (全年预算数) or
English (annual_budget); every amount is a Decimal in 万元. A file with a mistake gets a
`FiguresError` that names the file and the field in Chinese.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

# English name → the Chinese key a finance clerk writes
LABELS: dict[str, str] = {
    "department": "部门",
    "year": "年度",
    "basic": "基本支出",
    "project": "项目支出",
    "other": "其他支出",
    "initial_budget": "年初预算数",
    "annual_budget": "全年预算数",
    "executed": "执行数",
    "carryover_prior": "上年结转",
    "balance_end": "年末结转结余",
    "final_accounts": "决算数",
}


class FiguresError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _amount(value: Any) -> Decimal | None:
    """An amount as written: "696.85", 696.85 or 696 (a TOML float goes through its text)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError("应为数字")
    try:
        amount = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation as exc:
        raise ValueError("应为数字") from exc
    if not amount.is_finite():
        raise ValueError("应为数字")
    if amount < 0:
        raise ValueError("金额不能为负数")
    return amount


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Part(_Model):
    """One kind of spending (基本支出, 项目支出, 其他支出): what was budgeted, what was spent."""

    initial_budget: Decimal | None = Field(None, alias="年初预算数")
    annual_budget: Decimal | None = Field(None, alias="全年预算数")
    executed: Decimal | None = Field(None, alias="执行数")

    _amounts = field_validator("initial_budget", "annual_budget", "executed", mode="before")(
        lambda cls, v: _amount(v)
    )


class DepartmentFigures(_Model):
    """The department's figures for one year, in 万元."""

    department: str = Field("", alias="部门")
    year: int | None = Field(None, alias="年度")
    basic: Part = Field(default_factory=Part, alias="基本支出")
    project: Part = Field(default_factory=Part, alias="项目支出")
    other: Part = Field(default_factory=Part, alias="其他支出")
    carryover_prior: Decimal | None = Field(None, alias="上年结转")  # 上年结转结余
    balance_end: Decimal | None = Field(None, alias="年末结转结余")  # 年末结转结余总额
    final_accounts: Decimal | None = Field(None, alias="决算数")  # 决算数（预决算差异率用）

    _amounts = field_validator("carryover_prior", "balance_end", "final_accounts", mode="before")(
        lambda cls, v: _amount(v)
    )

    def parts(self) -> list[tuple[str, Part]]:
        return [("基本支出", self.basic), ("项目支出", self.project), ("其他支出", self.other)]

    def total(self, field: str) -> Decimal | None:
        """Σ of one field over the parts that give it; None when no part gives it."""
        values = [getattr(part, field) for _, part in self.parts()]
        given = [v for v in values if v is not None]
        return sum(given, Decimal(0)) if given else None

    def to_toml(self) -> str:
        """The figures as a TOML file with Chinese keys (what the web form stores and offers)."""
        lines = []
        if self.department:
            lines.append(f'"部门" = "{self.department}"')
        if self.year is not None:
            lines.append(f'"年度" = {self.year}')
        for name in ("carryover_prior", "balance_end", "final_accounts"):
            value = getattr(self, name)
            if value is not None:
                lines.append(f'"{LABELS[name]}" = "{value}"')
        for label, part in self.parts():
            given = [
                (LABELS[n], getattr(part, n))
                for n in ("initial_budget", "annual_budget", "executed")
                if getattr(part, n) is not None
            ]
            if given:
                lines += ["", f'["{label}"]'] + [f'"{key}" = "{value}"' for key, value in given]
        return "\n".join(lines) + "\n"


def load_figures(path: str | Path) -> DepartmentFigures:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise FiguresError(f"部门数据文件 {path} 不是 UTF-8 编码的文本文件") from None
    except OSError as exc:
        raise FiguresError(f"无法读取部门数据文件 {path}：{exc.strerror or exc}") from exc
    return parse_figures(text, str(path))


def parse_figures(text: str, label: str = "部门数据") -> DepartmentFigures:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FiguresError(
            f'部门数据文件 {label} 格式错误（TOML）：{exc}。中文键名要加引号，如 "全年预算数" = "696.85"'
        ) from exc
    try:
        return DepartmentFigures.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = "·".join(LABELS.get(str(p), str(p)) for p in error["loc"]) or "（顶层）"
            problems.append(f"{where}：{_zh(error)}")
        raise FiguresError(f"部门数据文件 {label} 有误：" + "；".join(problems)) from exc


def _zh(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    if kind == "missing":
        return "缺少此项"
    if kind == "extra_forbidden":
        known = "、".join(dict.fromkeys(LABELS.values()))
        return f"不认识的项（可用：{known}，或对应的英文名）"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"应为整数年份，实际为 {error.get('input')!r}"
    if kind == "value_error":
        message = str(error.get("msg", "")).removeprefix("Value error, ")
        return f"{message}，实际为 {error.get('input')!r}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return '应为一个表（如 [基本支出] 下写 全年预算数 = "696.85"）'
    if kind == "string_type":
        return f"应为文字，实际为 {error.get('input')!r}"
    return str(error.get("msg", kind))
