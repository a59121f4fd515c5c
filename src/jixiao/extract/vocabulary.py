"""The label vocabulary (labels.toml) and the text clean-up every label and value goes through."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache, wraps
from importlib import resources
from typing import TypeVar

_SPACE = re.compile(r"[ \t\u00a0\u3000\u2002\u2003\u200b]+")
_POINTS = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]")
_TRAILING_NUMBER = re.compile(r"\d+$")
_WHITESPACE = re.compile(r"\s+")

T = TypeVar("T")


def _remembered(fn: Callable[[str], T]) -> Callable[[str], T]:
    """``fn`` remembering its results for short texts.

    Reading one form normalises the same few hundred cell texts several times over (every row
    is asked whether it is a header, a funds row, the goals, the indicator header …), and the
    labels recur from form to form. Only short texts are kept, and only so many, so a batch of
    many files (or one file of huge cells) cannot make the cache grow.
    """
    cached = lru_cache(maxsize=4096)(fn)

    @wraps(fn)
    def remembered(text: str) -> T:
        return cached(text) if len(text) <= 200 else fn(text)

    remembered.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    remembered.cache_info = cached.cache_info  # type: ignore[attr-defined]
    return remembered


@_remembered
def clean(text: str) -> str:
    """A declared value with whitespace normalised: lines stripped, inner runs of spaces made
    one, empty lines dropped. Line breaks between lines are kept, as the document has them."""
    lines = (_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


@_remembered
def normalise(label: str) -> str:
    """A label reduced for comparison: no whitespace, half-width, no points, no trailing number."""
    if not label:
        return ""
    text = unicodedata.normalize("NFKC", label)
    text = _POINTS.sub("", text)
    text = _WHITESPACE.sub("", text)
    return _TRAILING_NUMBER.sub("", text)


@_remembered
def without_points(label: str) -> str:
    """A label without the points written into it: "决策（10分）" → "决策"."""
    return _POINTS.sub("", unicodedata.normalize("NFKC", label)).strip()


_NUMBERING = re.compile(
    r"^(?:\d+[.、．]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）])"
)


@_remembered
def block_label(label: str) -> str:
    """A text block's label without its numbering: "2.项目实施内容及过程概述" → normalised."""
    return normalise(_NUMBERING.sub("", unicodedata.normalize("NFKC", label).strip()))


@_remembered
def stated_points(label: str) -> str | None:
    """The points written into a label: "产出指标（50分）" → "50"."""
    match = _POINTS.search(unicodedata.normalize("NFKC", label.replace("\n", "")))
    return match.group(1) if match else None


@dataclass(frozen=True)
class Vocabulary:
    header: dict[str, str]  # normalised label → field
    funds_rows: dict[str, str]  # a row of Funds, or "extra:<name>" for one kept in Funds.extra
    funds_columns: dict[str, str]
    goals_block: frozenset[str]
    goals_labels: frozenset[str]
    goals_expected: frozenset[str]  # 预期目标
    goals_achieved: frozenset[str]  # 实际完成情况
    indicator_columns: dict[str, str]
    total: frozenset[str]
    level1: dict[str, str]
    level1_prefixes: dict[str, str]
    level2: dict[str, str]
    level2_prefixes: dict[str, str]
    level2_parents: dict[str, str]
    placeholders: tuple[re.Pattern[str], ...]
    not_applicable: frozenset[str]
    text_blocks: dict[str, str]  # 评价结论 → "conclusion" …

    def level1_name(self, label: str) -> str | None:
        return _canonical(normalise(label), self.level1, self.level1_prefixes)

    def level2_name(self, label: str) -> str | None:
        return _canonical(normalise(label), self.level2, self.level2_prefixes)

    def is_placeholder(self, name: str) -> bool:
        text = normalise(name) if name else ""
        return any(p.match(text) for p in self.placeholders)


def _canonical(text: str, exact: dict[str, str], prefixes: dict[str, str]) -> str | None:
    if not text:
        return None
    if text in exact:
        return exact[text]
    for prefix, name in prefixes.items():
        if text.startswith(prefix):
            return name
    return None


def _invert(table: dict[str, list[str]]) -> dict[str, str]:
    return {normalise(variant): key for key, variants in table.items() for variant in variants}


@cache
def vocabulary() -> Vocabulary:
    raw = tomllib.loads(
        resources.files("jixiao.extract").joinpath("labels.toml").read_text("utf-8")
    )
    level1 = {k: v for k, v in raw["level1"].items() if k != "prefixes"}
    level2 = {k: v for k, v in raw["level2"].items() if k not in ("prefixes", "parents")}
    return Vocabulary(
        header=_invert(raw["header"]),
        funds_rows=_invert(raw["funds"]["rows"])
        | _invert({f"extra:{k}": v for k, v in raw["funds"]["extra_rows"].items()}),
        funds_columns=_invert(raw["funds"]["columns"]),
        goals_block=frozenset(normalise(x) for x in raw["goals"]["block"]),
        goals_labels=frozenset(
            normalise(x) for key in ("expected", "achieved") for x in raw["goals"][key]
        ),
        goals_expected=frozenset(normalise(x) for x in raw["goals"]["expected"]),
        goals_achieved=frozenset(normalise(x) for x in raw["goals"]["achieved"]),
        indicator_columns=_invert(raw["indicators"]["columns"]),
        total=frozenset(normalise(x) for x in raw["total"]["labels"]),
        level1=_invert(level1),
        level1_prefixes=raw["level1"]["prefixes"],
        level2=_invert(level2),
        level2_prefixes=raw["level2"]["prefixes"],
        level2_parents=raw["level2"]["parents"],
        placeholders=tuple(re.compile(p) for p in raw["placeholders"]["patterns"]),
        not_applicable=frozenset(normalise(x) for x in raw["placeholders"]["not_applicable"]),
        text_blocks=_invert(raw["text"]),
    )
