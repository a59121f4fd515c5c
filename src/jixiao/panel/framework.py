"""The indicator framework of an expert-panel evaluation, as data (domain.md §6, §11.8–9).

A framework is a TOML file in `frameworks/` (or anywhere, given by path): level-1 groups
(决策/过程/产出/效益), their level-2 groups and the level-3 indicators the experts score, each
with its weight (分值), and the settings of the computation (aggregation, rounding, grades).
Loading checks that the weights add up at every level, because a sheet computed on a framework
whose weights do not add up gives scores nobody can defend; the error names the file and the
indicator.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any

DEFAULT_FRAMEWORK = "project"
AGGREGATIONS = {"mean": "专家平均分", "trimmed_mean": "去掉一个最高分和一个最低分后的平均分"}


class FrameworkError(Exception):
    """A framework file that cannot be used; the message is Chinese and names the file."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class Grade:
    min: Decimal
    name: str


@dataclass(frozen=True, slots=True)
class Settings:
    aggregation: str = "mean"  # "mean" or "trimmed_mean"
    trim_min_experts: int = 5  # trimmed mean only with at least this many experts
    decimals: int = 2  # half-up
    grades: tuple[Grade, ...] = (
        Grade(Decimal(90), "优秀"),
        Grade(Decimal(80), "良好"),
        Grade(Decimal(60), "中"),
        Grade(Decimal(0), "差"),
    )

    def grade(self, score: Decimal) -> str:
        for grade in self.grades:
            if score >= grade.min:
                return grade.name
        return self.grades[-1].name

    def describe_grades(self) -> str:
        return "、".join(f"{g.name} ≥ {g.min}" for g in self.grades)


@dataclass(frozen=True, slots=True)
class Node:
    """One indicator at any level; level-3 nodes have no children."""

    name: str
    weight: Decimal
    level: int
    children: tuple[Node, ...] = ()
    standard: str = ""  # 评分标准, when the framework gives one


@dataclass(frozen=True, slots=True)
class Framework:
    name: str
    title: str
    total: Decimal
    level1: tuple[Node, ...]
    settings: Settings = field(default_factory=Settings)

    def indicators(self) -> list[tuple[Node, Node, Node]]:
        """Every level-3 indicator with its level-1 and level-2 group, in sheet order."""
        return [(l1, l2, l3) for l1 in self.level1 for l2 in l1.children for l3 in l2.children]

    def groups(self) -> list[Node]:
        """Level-1 and level-2 groups, each level-1 group before its level-2 groups."""
        out: list[Node] = []
        for l1 in self.level1:
            out.append(l1)
            out.extend(l1.children)
        return out


def available() -> list[str]:
    """Names of the frameworks shipped with jixiao."""
    folder = resources.files("jixiao.panel").joinpath("frameworks")
    return sorted(
        p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml")
    )


def load_framework(name_or_path: str | Path = DEFAULT_FRAMEWORK) -> Framework:
    """A shipped framework by name ("project") or a framework file by path."""
    path = Path(name_or_path)
    if path.suffix == ".toml" or path.exists():
        label = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise FrameworkError(f"无法读取指标体系文件 {label}：{exc}") from exc
    else:
        if str(name_or_path) not in available():
            raise FrameworkError(
                f"没有名为“{name_or_path}”的指标体系；可用：{'、'.join(available())}，"
                "或给出 .toml 文件路径"
            )
        label = f"{name_or_path}（内置）"
        folder = resources.files("jixiao.panel").joinpath("frameworks")
        text = folder.joinpath(f"{name_or_path}.toml").read_text(encoding="utf-8")
    return parse_framework(text, label)


def parse_framework(text: str, label: str) -> Framework:
    """A framework from TOML text; ``label`` names the file in every message."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FrameworkError(f"指标体系文件 {label} 格式错误（TOML）：{exc}") from exc
    return _Builder(label).framework(data)


def framework_from_data(data: dict[str, Any], label: str, what: str = "指标体系文件") -> Framework:
    """A framework from already-parsed data (a sheet's own weights), checked the same way."""
    return _Builder(label, what).framework(data)


class _Builder:
    def __init__(self, label: str, what: str = "指标体系文件") -> None:
        self.label = label
        self.what = what

    def fail(self, message: str) -> FrameworkError:
        return FrameworkError(f"{self.what} {self.label}：{message}")

    def number(self, value: Any, what: str) -> Decimal:
        try:
            number = Decimal(str(value))
        except (InvalidOperation, ValueError):
            raise self.fail(f"{what}的分值“{value}”不是数字") from None
        if not number.is_finite() or number < 0:
            raise self.fail(f"{what}的分值“{value}”必须是不小于 0 的数")
        return number

    def node(self, data: Any, level: int, where: str) -> Node:
        if not isinstance(data, dict):
            raise self.fail(f"{where}应是一个表（name、weight…）")
        name = str(data.get("name", "")).strip()
        if not name:
            raise self.fail(f"{where}缺少名称（name）")
        label = f"{'一二三'[level - 1]}级指标“{name}”"
        if "weight" not in data:
            raise self.fail(f"{label}缺少分值（weight）")
        weight = self.number(data["weight"], label)
        key = {1: "level2", 2: "indicators"}.get(level)
        children: tuple[Node, ...] = ()
        if key is not None:
            items = data.get(key)
            if not isinstance(items, list) or not items:
                below = "二级指标（level2）" if level == 1 else "三级指标（indicators）"
                raise self.fail(f"{label}下没有{below}")
            children = tuple(
                self.node(item, level + 1, f"{label}下第{i + 1}个指标")
                for i, item in enumerate(items)
            )
            total = sum((c.weight for c in children), Decimal(0))
            if total != weight:
                parts = " + ".join(f"{c.name} {c.weight}" for c in children)
                raise self.fail(
                    f"{label}的分值为 {weight}，但其下各指标分值之和为 {total}（{parts}）"
                )
        return Node(name, weight, level, children, str(data.get("standard", "")).strip())

    def settings(self, data: Any) -> Settings:
        if data is None:
            return Settings()
        if not isinstance(data, dict):
            raise self.fail("settings 应是一个表")
        aggregation = str(data.get("aggregation", "mean"))
        if aggregation not in AGGREGATIONS:
            raise self.fail(
                f"settings.aggregation 应为 mean（平均分）或 trimmed_mean（去掉最高最低分），"
                f"而不是“{aggregation}”"
            )
        try:
            trim_min = int(data.get("trim_min_experts", 5))
            decimals = int(data.get("decimals", 2))
        except (TypeError, ValueError):
            raise self.fail("settings.trim_min_experts 和 settings.decimals 应是整数") from None
        if trim_min < 3:
            raise self.fail("settings.trim_min_experts 至少为 3（去掉两人后还要有人）")
        if not 0 <= decimals <= 6:
            raise self.fail("settings.decimals 应在 0 到 6 之间")
        grades = Settings.grades
        if "grades" in data:
            items = data["grades"]
            if not isinstance(items, list) or not items:
                raise self.fail("settings.grades 应是一组 { min = …, name = … }")
            grades = tuple(
                Grade(self.number(g.get("min"), f"等级“{g.get('name', '')}”"), str(g.get("name")))
                for g in items
                if isinstance(g, dict)
            )
            mins = [g.min for g in grades]
            if len(grades) != len(items) or mins != sorted(mins, reverse=True) or mins[-1] != 0:
                raise self.fail("settings.grades 必须按下限从高到低排列，最后一档下限为 0")
        return Settings(aggregation, trim_min, decimals, grades)

    def framework(self, data: dict[str, Any]) -> Framework:
        name = str(data.get("name", "")).strip()
        if not name:
            raise self.fail("缺少 name")
        items = data.get("level1")
        if not isinstance(items, list) or not items:
            raise self.fail("没有一级指标（[[level1]]）")
        level1 = tuple(self.node(item, 1, f"第{i + 1}个一级指标") for i, item in enumerate(items))
        total = self.number(data.get("total", "100"), "总分")
        declared = sum((n.weight for n in level1), Decimal(0))
        if declared != total:
            parts = " + ".join(f"{n.name} {n.weight}" for n in level1)
            raise self.fail(f"一级指标分值之和为 {declared}（{parts}），不等于总分 {total}")
        names = [l3.name for l1 in level1 for l2 in l1.children for l3 in l2.children]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise self.fail(f"三级指标“{'、'.join(repeated)}”重复出现，无法与评分表逐行对应")
        return Framework(
            name=name,
            title=str(data.get("title", name)),
            total=total,
            level1=level1,
            settings=self.settings(data.get("settings")),
        )
