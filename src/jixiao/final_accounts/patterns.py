"""The patterns that find claims in a narrative's sentences, and the names of the items they are about.

A sentence is cut into clauses at ，；。： (a clause holds one figure in the template every 决算说明
follows). Each pattern below recognises one kind of clause; `claims.py` walks the clauses in order
and ties them together (a rate to the change before it, a share to its whole, parts to the total
before 其中).
"""

from __future__ import annotations

import re
from decimal import Decimal

NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

SENTENCE_END = re.compile(r"(?<=[。！？!?])")
CLAUSE_SEPARATORS = re.compile(r"[，；;。：:！？!?]|,(?!\d{3})")  # not the comma in 1,000.00

AMOUNT = re.compile(rf"(?P<value>{NUMBER})\s*万元")

UP_WORDS = ("增加", "增长", "上升", "提高")
DOWN_WORDS = ("减少", "下降", "降低")
SAME_WORDS = ("无变化", "持平", "没有变化")

# 比上年增加1778.52万元 / 比2021年年初预算减少了4.48万元 / 比……年初预算0万元无变化 / 比上年增长10%
CHANGE = re.compile(
    rf"(?:比|较|与)(?P<base>[^，；。]*?(?:上年度?|去年|上一年度?|年初预算数?|预算数?|\d{{4}}年度?(?:决算数?)?))"
    rf"(?:(?P<base_value>{NUMBER})\s*万元)?\s*"
    r"(?:(?P<same>无变化|持平|没有变化)"
    rf"|(?P<verb>增加|增长|上升|提高|减少|下降|降低)了?\s*"
    rf"(?:(?P<amount>{NUMBER})\s*万元|(?P<percent>{NUMBER})\s*%))"
)

# 增长85.05% / 下降3.76 % (a clause right after the change amount)
RATE = re.compile(rf"^(?P<verb>增加|增长|上升|提高|减少|下降|降低)了?\s*(?P<percent>{NUMBER})\s*%")

# 占收入合计的99.20% / 占本年财政拨款支出95.52%
SHARE = re.compile(rf"占(?P<whole>[^\d%，；。]*?)的?\s*(?P<percent>{NUMBER})\s*%")

# 完成年初预算的98.50% / 为年初预算的120%
COMPLETION = re.compile(
    rf"(?:完成|为|占)(?:了)?(?:年初)?预算(?:数)?的?\s*(?P<percent>{NUMBER})\s*%"
)

# 其中： / 主要用于以下方面： / 包括： (opens a list of parts of the total just stated)
PARTS_MARKER = re.compile(r"^(?:其中|主要用于(?:以下方面)?|主要包括|包括|分别为|具体为)")

YEAR = re.compile(r"(?P<year>\d{4})\s*年(?P<du>度)?")
YEAR_WORDS = re.compile(r"[^\d，,；;。：:%]{0,10}")  # the words after a year, for the claim's text
COMPARISON_BEFORE_YEAR = ("比", "较", "与", "同")
NEXT_YEAR_WORDS = ("预算", "年初预算", "部门预算", "计划")

# numbering at the head of a paragraph or clause: 1、 2. （1） 一、 （一）
NUMBERING = re.compile(
    r"^\s*(?:\d+\s*[、.．]|[（(]\s*[\d一二三四五六七八九十]+\s*[）)]|[一二三四五六七八九十]+、)"
)
HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第.+部分)"
)

_QUOTES = re.compile(r"[“”\"'‘’「」『』]")
_LEVEL = re.compile(r"[（(]\s*(?:类|款|项)\s*[）)]")
_YEARS = re.compile(r"\d{4}\s*年度?")
_TRAILING = re.compile(r"(?:决算数|决算|数额|金额为|为|是|共|达)$")
GENERIC = {"", "合计", "共计", "总计", "决算", "决算数", "本年", "其中"}


def sentences(text: str) -> list[str]:
    """A paragraph cut after 。！？ — the unit a claim's location names."""
    return [s.strip() for s in SENTENCE_END.split(text) if s.strip()]


def number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def numbering_style(text: str) -> str | None:
    """The kind of numbering a paragraph starts with ("1、", "1.", "（1）", "一、"), or None."""
    if re.match(r"^\s*\d+\s*、", text):
        return "n、"
    if re.match(r"^\s*\d+\s*[.．]", text):
        return "n."
    if re.match(r"^\s*[（(]\s*\d+\s*[）)]", text):
        return "(n)"
    if re.match(r"^\s*[一二三四五六七八九十]+、", text):
        return "一、"
    if re.match(r"^\s*[（(][一二三四五六七八九十]+[）)]", text):
        return "(一)"
    return None


def item_name(raw: str) -> str:
    """The item a figure is about, from the words before it: “教育支出”(类)2020年度决算 → 教育支出."""
    name = NUMBERING.sub("", raw.strip())
    name = PARTS_MARKER.sub("", name)
    name = _QUOTES.sub("", name)
    name = _LEVEL.sub("", name)
    name = _YEARS.sub("", name)
    name = name.strip(" 　")
    previous = None
    while previous != name:
        previous = name
        name = _TRAILING.sub("", name).strip()
    if "的" in name:  # 安排的基本支出中的日常公用经费支出 → 日常公用经费支出
        name = name.rsplit("的", 1)[1]
    return name
