"""The label vocabulary (labels.toml) and the text clean-up every label and value goes through."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TypeVar

_SPACE = re.compile(r"[ \t\u00a0\u3000\u2002\u2003\u200b]+")
_POINTS = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]")
_TRAILING_NUMBER = re.compile(r"\d+$")

T = TypeVar("T")

# Blocks whose characters NFKC often changes in Chinese forms: Latin-1's compatibility signs,
# general punctuation, letterlike signs and number forms (℃, Ⅰ), enclosed numbers (①), CJK
# symbols (the ideographic space), Kangxi radicals, enclosed CJK and squared units (㎡), CJK
# compatibility ideographs and forms, full- and half-width forms (，（）：１).
_COMPAT_BLOCKS = (
    (0x00A0, 0x00FF),
    (0x2000, 0x218F),
    (0x2460, 0x24FF),
    (0x2F00, 0x2FDF),
    (0x3000, 0x303F),
    (0x3200, 0x33FF),
    (0xF900, 0xFAFF),
    (0xFE10, 0xFE6F),
    (0xFF00, 0xFFEF),
)


@cache
def _compat() -> tuple[re.Pattern[str], dict[str, str]]:
    """The characters of those blocks that NFKC changes, and what it makes of each alone."""
    changed = {}
    for first, last in _COMPAT_BLOCKS:
        for code in range(first, last + 1):
            char = chr(code)
            if (normal := unicodedata.normalize("NFKC", char)) != char:
                changed[char] = normal
    return re.compile("[" + "".join(re.escape(c) for c in changed) + "]"), changed


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, the same result sooner for Chinese text.

    CPython normalises a text that is not already NFKC at some 100 ns a character, so one full
    width comma in a paragraph of 150 characters cost 14 µs (2.3 µs here). Here each of the
    usual compatibility characters is first replaced by its own normal form (a search in C), and
    the text normalised after that, which for such a text is only the check that it is. The result
    is the same: a character and its normal form are compatibility-equivalent, so the text with
    the replacements is equivalent to the text, and NFKC gives one result for equivalent texts;
    a character left out of the replacements is normalised by the final call as before.
    """
    if unicodedata.is_normalized("NFKC", text):
        return text
    pattern, changed = _compat()
    return unicodedata.normalize("NFKC", pattern.sub(lambda m: changed[m.group()], text))


class _Remembered(dict[str, T]):
    """``fn`` remembering its results for short texts.

    Reading one form normalises the same few hundred cell texts several times over (every row
    is asked whether it is a header, a funds row, the goals, the indicator header …), and the
    labels recur from form to form. Only short texts are kept, and only so many (the oldest
    goes first), so a batch of many files (or one file of huge cells) cannot make it grow.

    A dict whose call is its lookup: a text met before costs one lookup in C and no Python
    call, about two thirds of lru_cache behind a Python wrapper (some 300 calls a form).
    """

    MAX_TEXT = 200
    MAX_ENTRIES = 4096

    def __init__(self, fn: Callable[[str], T]) -> None:
        super().__init__()
        self.fn = fn
        self.__wrapped__ = fn
        self.__name__ = fn.__name__
        self.__qualname__ = fn.__qualname__
        self.__doc__ = fn.__doc__
        self.__module__ = fn.__module__

    __call__ = dict.__getitem__  # a miss calls __missing__

    def __missing__(self, text: str) -> T:
        value = self.fn(text)
        if len(text) <= self.MAX_TEXT:
            if len(self) >= self.MAX_ENTRIES:
                del self[next(iter(self))]
            self[text] = value
        return value

    def cache_clear(self) -> None:
        self.clear()

    def __hash__(self) -> int:  # (a function is hashable; so is this one, by identity)
        return id(self)

    def __eq__(self, other: object) -> bool:
        return self is other


@_Remembered
def clean(text: str) -> str:
    """A declared value with whitespace normalised: lines stripped, inner runs of spaces made
    one, empty lines dropped. Line breaks between lines are kept, as the document has them."""
    if "\n" not in text:  # one line, as most values are
        return _SPACE.sub(" ", text).strip()
    lines = (_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


@_Remembered
def normalise(label: str) -> str:
    """A label reduced for comparison: no whitespace, half-width, no points, no trailing number."""
    if not label:
        return ""
    text = nfkc(label)
    if "分" in text:  # (the points' pattern has it)
        text = _POINTS.sub("", text)
    text = "".join(text.split())  # as re.sub(r"\s+", "", text): the same whitespace, sooner
    if text and text[-1].isdecimal():  # (\d is a decimal digit of any script, as isdecimal)
        text = _TRAILING_NUMBER.sub("", text)
    return text


@_Remembered
def compact(text: str) -> str:
    """A cell's text as written, NFKC and without whitespace (no points or numbers removed)."""
    return "".join(nfkc(text).split())


@_Remembered
def without_points(label: str) -> str:
    """A label without the points written into it: "决策（10分）" → "决策"."""
    return _POINTS.sub("", nfkc(label)).strip()


_NUMBERING = re.compile(
    r"^(?:\d+[.、．]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）])"
)


@_Remembered
def block_label(label: str) -> str:
    """A text block's label without its numbering: "2.项目实施内容及过程概述" → normalised."""
    return normalise(_NUMBERING.sub("", nfkc(label).strip()))


@_Remembered
def stated_points(label: str) -> str | None:
    """The points written into a label: "产出指标（50分）" → "50"."""
    match = _POINTS.search(nfkc(label.replace("\n", "")))
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
