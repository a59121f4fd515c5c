"""Read target (年度指标值) and actual (实际完成值) cells into typed values (domain.md §3).

The grammar, in the order it is tried on a cell:

1. empty → ``Kind.EMPTY``.
2. A malformed number (``145.40556.6``, ``100%……``) → ``Kind.TEXT`` with a note; it is never
   read as a number.
3. The whole cell is a scale (``优良中差``, ``定性``, ``定性优良中差``), a grade (``优``, ``良好``) or
   an outcome phrase (``达到预期指标``, ``有效提升``, ``无投诉``) → ``Kind.QUALITATIVE``.
4. A grade followed by brackets, ``优（划分网格17个；巡查时间8小时；…）`` → ``Kind.QUALITATIVE`` with
   the grade and the clauses, dates and phrases read inside the brackets.
5. Otherwise the cell is cut into pieces at ``；;。`` and newlines (strong breaks) and at ``，,、``
   (weak breaks; a comma between digits that is a thousands separator does not cut). A piece
   without a number that ends at a weak break becomes the start of the next piece's label
   (``信访矛盾受理率、办结率≥100%`` keeps its whole label). Each piece is one of

   - a clause: ``label comparator number unit postfix tail``, e.g. ``满意度达到95%以上``,
     ``控制在12.3016万元以内``, ``聘用144人管理费`` (a short tail without digits is allowed);
   - dates: ``2023年12月前``, ``2021.1月-2021.12月``, ``2024年2月份之前完成施工``;
   - a grade or an outcome phrase;
   - prose: anything else (kept in the note when the cell is read as numbers).

   A cell with clauses and no more prose pieces than clauses → ``Kind.NUMBER``; dates and no
   clauses → ``Kind.DATE``; only grades/phrases → ``Kind.QUALITATIVE``; anything else →
   ``Kind.TEXT`` with a note in Chinese.

Decisions (documented here because a reader of the code needs them):

- Grades are normalised to the four-level scale 优/良/中/差: 优秀→优, 良好→良, 中等/一般/合格→中,
  较差/不合格→差. 合格 is the third level of the common four-level scale 优秀/良好/合格/不合格,
  hence 中.
- ``完成100%`` is an actual of 100 % (comparator NONE, label 完成): 完成 is not a comparator.
  ``达到`` is ≥ only when a number follows it (``力争达到85%``); alone it belongs to a phrase.
- ``N个月`` is a duration: a clause with unit 个月 and also listed in ``periods`` (the same for
  ``N年`` with N not a year). ``N月`` without 个 is a month of a year (``12月13日``): without a
  year it cannot be a ``DateValue`` and is noted.
- ``YYYY年度`` names a budget year, not a deadline: it is part of the label, not a date.
- A range ``3-6期`` / ``150-200人`` is read with its unfavourable end (the lower end for ≥, >
  and bare numbers, the upper end for ≤, <), and noted; with ``=`` it is not read.
- 万 alone (``实际20万``) is 万元; 万 before a count unit (``1.2万人次``) multiplies the count.
- Money is always 万元: 元 ÷ 10000 (exact, ``Decimal.scaleb``), 亿元 × 10000, 千元 ÷ 10.
  A rate keeps its denominator: ``500元/人`` is 0.05 万元/人, which is not an amount.
- A bare number stays unitless (``1454055.6`` has unit ""); nothing guesses that it is money.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from functools import lru_cache

from jixiao.values.model import Comparator, DateValue, Kind, Quantity, Value

# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------

#: Characters written full-width or in a variant form, mapped one to one (so that positions in
#: the normalised text are positions in the original text).
CHAR_MAP: dict[str, str] = {
    **{chr(0xFF10 + i): str(i) for i in range(10)},  # ０-９
    "％": "%",
    "＝": "=",
    "＞": ">",
    "＜": "<",
    "≧": "≥",
    "≦": "≤",
    "⩾": "≥",
    "⩽": "≤",
    "．": ".",
    "（": "(",
    "）": ")",
    "－": "-",
    "～": "~",
    "–": "-",
    "—": "-",
    "\u3000": " ",
}
_TRANSLATION = str.maketrans(CHAR_MAP)

#: Comparators written before the number, longest first when matched.
PREFIX_COMPARATORS: dict[str, Comparator] = {
    ">=": Comparator.GE,
    "≥": Comparator.GE,
    "大于或等于": Comparator.GE,
    "大于等于": Comparator.GE,
    "不低于": Comparator.GE,
    "不少于": Comparator.GE,
    "不小于": Comparator.GE,
    "至少": Comparator.GE,
    "力争达到": Comparator.GE,
    "达到": Comparator.GE,  # only before a number: "达到预期指标" is a phrase
    "<=": Comparator.LE,
    "≤": Comparator.LE,
    "小于或等于": Comparator.LE,
    "小于等于": Comparator.LE,
    "不超过": Comparator.LE,
    "不超出": Comparator.LE,
    "不高于": Comparator.LE,
    "不大于": Comparator.LE,
    "不多于": Comparator.LE,
    "最多": Comparator.LE,
    "控制在": Comparator.LE,  # "控制在…以内"
    ">": Comparator.GT,
    "超过": Comparator.GT,
    "高于": Comparator.GT,
    "大于": Comparator.GT,
    "多于": Comparator.GT,
    "<": Comparator.LT,
    "低于": Comparator.LT,
    "小于": Comparator.LT,
    "少于": Comparator.LT,
    "=": Comparator.EQ,
    "等于": Comparator.EQ,
}

#: Comparators written after the number and its unit: "95%以上", "12.3016万元以内".
POSTFIX_COMPARATORS: dict[str, Comparator] = {
    "及以上": Comparator.GE,
    "以上": Comparator.GE,
    "及以下": Comparator.LE,
    "以下": Comparator.LE,
    "以内": Comparator.LE,
    "之内": Comparator.LE,
    "内": Comparator.LE,
}

#: Money units and the factor (a power of ten) that turns them into 万元.
MONEY_UNITS: dict[str, int] = {
    "亿元": 4,
    "亿": 4,
    "万元": 0,
    "万": 0,
    "千元": -1,
    "元": -4,
}

#: Percent spellings, canonical "%".
PERCENT_UNITS: tuple[str, ...] = ("百分比", "%")

#: Area spellings, canonical "㎡".
AREA_UNITS: tuple[str, ...] = ("平方米", "㎡", "m²", "m2")

#: Count and measure units, kept as written. 月 alone is not here: "12月" is a month of a year.
COUNT_UNITS: tuple[str, ...] = (
    "人次", "户次", "场次", "个月", "小时", "分钟", "平方公里", "公里", "公斤", "千克", "立方米",
    "人", "次", "个", "家", "份", "辆", "天", "日", "项", "件", "套", "台", "座", "场", "种",
    "户", "名", "所", "篇", "期", "批", "年", "周", "条", "块", "本", "册", "张", "部", "处",
    "间", "棵", "株", "吨", "米", "元", "页", "课", "节", "分", "类", "组", "支", "路", "宗",
    "起", "单", "盏", "箱", "袋", "斤", "亩", "队", "枚", "幅", "位", "例", "轮", "届", "点",
)  # fmt: skip

#: Units of time that are durations (recorded in ``Value.periods`` too) and their length in
#: months, for comparing 年 with 个月.
DURATION_MONTHS: dict[str, int] = {"年": 12, "个月": 1}

#: Grades and their normalised four-level reading 优/良/中/差.
GRADES: dict[str, str] = {
    "优": "优",
    "优秀": "优",
    "良": "良",
    "良好": "良",
    "中": "中",
    "中等": "中",
    "一般": "中",
    "合格": "中",
    "差": "差",
    "较差": "差",
    "不合格": "差",
}

#: Targets that name a scale rather than a result (separators removed before lookup).
SCALES: frozenset[str] = frozenset(
    {"优良中差", "定性", "定性优良中差", "优秀良好合格不合格", "优秀良好中差", "优良差", "好中差"}
)

#: Outcome phrases and their normalised form.
PHRASES: dict[str, str] = {
    "达到预期指标": "达到预期指标",
    "达到预期目标": "达到预期目标",
    "达到预期要求": "达到预期要求",
    "达到预期效果": "达到预期效果",
    "达到预期": "达到预期",
    "完成预期指标": "完成预期指标",
    "完成预期目标": "完成预期目标",
    "基本达到预期目标": "基本达到预期目标",
    "基本达到预期指标": "基本达到预期指标",
    "基本达到预期": "基本达到预期",
    "基本达到": "基本达到",
    "部分达到": "部分达到",
    "未达到预期": "未达到预期",
    "未达到": "未达到",
    "达到": "达到",
    "达成": "达成",
    "达标": "达标",
    "完成": "完成",
    "已完成": "已完成",
    "全部完成": "完成",
    "全部实施完成": "完成",
    "全部项目已完成": "已完成",
    "按时完成": "完成",
    "基本完成": "基本完成",
    "部分完成": "部分完成",
    "未完成": "未完成",
    "满意": "满意",
    "基本满意": "基本满意",
    "非常满意": "满意",
    "不满意": "不满意",
    "得到满足": "得到满足",
    "得到好评": "得到好评",
    "无投诉": "无投诉",
    "零投诉": "无投诉",
    "无赔付": "无赔付",
    "无安全事故": "无安全事故",
    "未出现安全事故": "无安全事故",
    "不超过预算": "不超过预算",
    "不超预算": "不超过预算",
    "未超预算": "不超过预算",
    "控制在预算内": "不超过预算",
    "控制在预算范围内": "不超过预算",
    "在预算范围内": "不超过预算",
    "项目实际支出成本控制在项目预算数内": "不超过预算",
}

#: Effect phrases built as adverb + verb ("有效提升", "有所改善", "得到提升"); kept as written.
EFFECT_PHRASE = re.compile(
    r"(?:有效|有所|得到|明显|显著|进一步|持续|大幅|逐步)"
    r"(?:提升|提高|改善|增强|加强|满足|丰富|降低|减少|降尘|优化|保障)"
)

#: Saying the cost stayed within the budget: "将项目成本控制在项目资金内", "控制在预算范围内".
WITHIN_BUDGET = re.compile(
    r"将?(?:项目)?(?:实际)?(?:支出)?(?:成本)?(?:控制)?在?(?:项目)?(?:预算|资金)(?:数|范围|成本|金额)?以?内"
)

#: A rate whose growth is bad: a bare number in an indicator name reads as ≤ for these.
BAD_RATES: tuple[str, ...] = (
    "损坏率", "差错率", "错误率", "投诉率", "事故率", "故障率", "死亡率", "发生率", "发病率",
    "失误率", "返工率", "流失率", "空置率", "误差率", "延误率", "超支率", "不合格率",
)  # fmt: skip

#: Words that may sit between a label and its number and are not part of the label.
LABEL_FILLERS: tuple[str, ...] = (
    "实际发生为",
    "实际发生",
    "实际为",
    "高达",
    "为",
    "是",
    "达",
    "共",
    "约",
)

#: Words before a label that only say the value is an actual, e.g. "实际12.309万元".
LABEL_LEADERS: tuple[str, ...] = ("实际",)

#: A unit followed by one of these is a specification ("5吨型", "3级"), not a quantity.
SPECIFICATION_MARKS: tuple[str, ...] = ("型", "级", "式", "号")

#: Longest tail of words allowed after a clause in a cell ("聘用144人管理费").
TAIL_MAX = 8

# ---------------------------------------------------------------------------------------------
# Regular expressions
# ---------------------------------------------------------------------------------------------


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of the words, longest first so that 不低于 wins over 低于."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_UNIT_WORDS = (*MONEY_UNITS, *PERCENT_UNITS, *AREA_UNITS, *COUNT_UNITS)
_DENOMINATORS = (
    "平方公里",
    "平方米",
    "个月",
    "月",
    "年",
    "周",
    "天",
    "日",
    "次",
    "人",
    "户",
    "小时",
)

#: One numeric clause, matched against a whole piece. The spaces between its parts are taken
#: possessively (``\s*+``) and the label ends on a non-space: otherwise a long run of spaces can
#: be shared out between label, gaps and tail in cubically many ways before a match fails.
CLAUSE = re.compile(
    rf"""
    (?P<label>[^\d]*?)(?<!\s)\s*+
    (?P<cmp>{_alternation(PREFIX_COMPARATORS)})?\s*+
    (?P<num>{NUMBER})
    (?:\s*+(?P<range_sep>[-~至到])\s*+(?P<num2>{NUMBER}))?\s*+
    (?P<approx>余|多)?
    (?P<ten_thousand>万(?=\s*(?:{_alternation(c for c in COUNT_UNITS if c not in ("元", "年", "个月"))})))?
    (?P<unit>{_alternation(_UNIT_WORDS)})?
    (?P<per>/\s*(?:{_alternation(_DENOMINATORS)}))?
    (?P<alt_unit>\([^()\d]{{1,3}}\))?\s*+
    (?P<post>{_alternation(POSTFIX_COMPARATORS)})?
    (?P<tail>[^\d]*)
    """,
    re.VERBOSE,
)

#: Date ranges: "2021.1月-2021.12月", "2021.1-12月", "2021.4.1-2021.12.1", "2021年1月至12月".
DATE_RANGE = re.compile(
    r"(?P<y1>(?:19|20)\d{2})\s*[.年]\s*(?P<m1>\d{1,2})(?:\s*[.月]\s*(?P<d1>\d{1,2})\s*[日号]?)?\s*月?\s*"
    r"[-~至到]\s*"
    r"(?:(?P<y2>(?:19|20)\d{2})\s*[.年]\s*)?(?P<m2>\d{1,2})(?:\s*[.月]\s*(?P<d2>\d{1,2})\s*[日号]?)?\s*月?(?:份)?"
    r"(?P<bound>底前|末前|之前|以前|前|底|末)?"
)

#: One date: "2023年12月前", "2024年2月份之前", "2023年11月底", "2023年12月31日前", "2023年底",
#: "2021.1月", "2021.4.1". "2021年度" (a budget year) is not a date.
DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*"
    r"(?:年(?!度)(?:\s*(?P<m>\d{1,2})\s*月(?:份)?(?:\s*(?P<d>\d{1,2})\s*[日号])?)?"
    r"|\.(?P<dm>\d{1,2})(?:(?:\s*月)|\.(?P<dd>\d{1,2})))"
    r"\s*(?P<bound>年?底前|年?末前|之前|以前|前|年?底|年?末|年?初|年?内)?"
)

#: A budget year label, not a date: "2021年度".
BUDGET_YEAR = re.compile(r"(?:19|20)\d{2}\s*年度")

#: A month or day of a year that the text does not name: "12月13日", "8月31日前", "1-12月".
YEARLESS_DATE = re.compile(
    r"(?<![\d个.])(?:\d{1,2}\s*[-~至到]\s*)?\d{1,2}\s*月(?:份)?(?:\s*\d{1,2}\s*[日号])?"
    r"(?:底前|末前|之前|以前|前|底|末|初)?"
)

#: Numbers written wrongly: several decimal points, or trailing dots / ellipses.
MALFORMED = re.compile(
    r"(?<![\d.])(?:\d+(?:\.\d+){2,}|\d+\.\.+\d+|\d+(?:\.\d+)?[%％]?\s*(?:…+|\.{2,}|。{2,})|\d+[%％]{2,})"
)

#: List markers at the start of a piece: "1.", "2、", "(3)", "指标1：".
LIST_MARKER = re.compile(
    r"^\s*(?:指标\s*\d+\s*[:：]+|\(?\d{1,2}\)|\d{1,2}\s*[.、](?!\d))\s*[:：]?\s*"
)

#: A heading before the first clause of a group: "城市管理方面：划分网格＝17个".
HEADING = re.compile(r"^[^:：\d]{0,10}方面\s*[:：]\s*")

#: Piece separators. A comma between digits followed by exactly three digits is a thousands
#: separator and does not cut.
STRONG_BREAK = re.compile(r"[；;。\n]")
WEAK_BREAK = re.compile(r"[，、]|(?<!\d),|,(?!\d{3}(?!\d))")

#: A grade followed by what it is about in brackets: "优（划分网格17个；…）".
GRADE_WITH_DETAIL = re.compile(
    rf"^(?P<grade>{_alternation(GRADES)})\s*[(（](?P<inner>.*?)[)）]?\s*[。.]?$", re.DOTALL
)

_PUNCT = re.compile(r"[\s，,、；;。.:：!！?？\"'“”‘’《》()（）\[\]【】/\\-]+")


# ---------------------------------------------------------------------------------------------
# Pieces
# ---------------------------------------------------------------------------------------------


@dataclass
class _Reading:
    """What the pieces of one cell gave."""

    clauses: list[Quantity] = field(default_factory=list)
    dates: list[DateValue] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)
    grades: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    scale: bool = False
    prose: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    clause_pieces: int = 0
    date_pieces: int = 0

    def note(self, message: str) -> None:
        if message not in self.notes:
            self.notes.append(message)


def normalise(text: str) -> str:
    """Full-width and variant characters to their plain form, one character for one."""
    return text.translate(_TRANSLATION)


def _compact(text: str) -> str:
    """Text without punctuation and spaces, for looking words up."""
    return _PUNCT.sub("", normalise(text))


def _pieces(text: str) -> list[str]:
    """Cut a cell into pieces; a piece without digits before a weak break joins the next one."""
    out: list[str] = []
    for part in STRONG_BREAK.split(text):
        carry = ""
        bits = _split_keep(WEAK_BREAK, part)
        for i, (bit, sep) in enumerate(bits):
            last = i == len(bits) - 1
            is_words = _word_reading(bit) is not None
            if is_words and carry.strip():
                out.append(carry)  # prose before a phrase stays apart from the phrase
                carry = ""
            if not re.search(r"\d", bit) and not last and not is_words:
                carry += bit + sep
                continue
            out.append(carry + bit)
            carry = ""
        if carry:
            out.append(carry)
    return [p.strip() for p in out if p.strip()]


def _split_keep(pattern: re.Pattern[str], text: str) -> list[tuple[str, str]]:
    """Split and keep each piece's following separator."""
    out: list[tuple[str, str]] = []
    start = 0
    for m in pattern.finditer(text):
        out.append((text[start : m.start()], m.group()))
        start = m.end()
    out.append((text[start:], ""))
    return out


def _word_reading(piece: str) -> tuple[str, str] | None:
    """A grade ("grade", 优), a scale ("scale", …) or an outcome phrase ("phrase", …), or None."""
    compact = _compact(LIST_MARKER.sub("", piece))
    if not compact:
        return None
    if compact in SCALES:
        return ("scale", compact)
    if compact in GRADES:
        return ("grade", GRADES[compact])
    if compact in PHRASES:
        return ("phrase", PHRASES[compact])
    if EFFECT_PHRASE.fullmatch(compact):
        return ("phrase", compact)
    if WITHIN_BUDGET.fullmatch(compact):
        return ("phrase", "不超过预算")
    if compact.startswith("满意度") and compact[3:] in PHRASES:  # "满意度基本满意"
        return ("phrase", PHRASES[compact[3:]])
    return None


def _to_int(text: str | None) -> int | None:
    return int(text) if text else None


def _bound(word: str | None) -> str:
    """前/之前/以前/底前 → before; 底/末 → end; 初 → start; 内 → within."""
    if not word:
        return ""
    word = word.removeprefix("年")
    if word.endswith("前"):
        return "before"
    if word in ("底", "末"):
        return "end"
    if word == "初":
        return "start"
    if word == "内":
        return "within"
    return ""


def _valid_date(year: int, month: int | None, day: int | None) -> bool:
    return (month is None or 1 <= month <= 12) and (day is None or 1 <= day <= 31)


def _read_dates(piece: str, reading: _Reading) -> str:
    """Take the dates out of a piece (into ``reading``); return the piece with them blanked."""
    blank = list(piece)

    def wipe(m: re.Match[str]) -> None:
        for i in range(m.start(), m.end()):
            blank[i] = " "

    for m in DATE_RANGE.finditer(piece):
        y1 = int(m["y1"])
        y2 = int(m["y2"]) if m["y2"] else y1
        m1, d1, m2, d2 = (_to_int(m[g]) for g in ("m1", "d1", "m2", "d2"))
        if not (_valid_date(y1, m1, d1) and _valid_date(y2, m2, d2)):
            continue
        reading.dates.append(DateValue(y1, m1, d1, "from", m.group().strip()))
        reading.dates.append(DateValue(y2, m2, d2, _bound(m["bound"]) or "to", m.group().strip()))
        wipe(m)
    rest = "".join(blank)
    for m in DATE.finditer(rest):
        year = int(m["y"])
        month = _to_int(m["m"] or m["dm"])
        day = _to_int(m["d"] or m["dd"])
        if not _valid_date(year, month, day):
            continue
        reading.dates.append(DateValue(year, month, day, _bound(m["bound"]), m.group().strip()))
        wipe(m)
    rest = "".join(blank)
    for m in BUDGET_YEAR.finditer(rest):
        wipe(m)  # part of the label, not a value
    rest = "".join(blank)
    for m in YEARLESS_DATE.finditer(rest):
        reading.note(f"日期“{m.group().strip()}”未写年份，未读取")
        wipe(m)
    return "".join(blank)


def _label(raw: str) -> str:
    label = HEADING.sub("", LIST_MARKER.sub("", raw)).strip(" :：,，、")
    changed = True
    while changed:
        changed = False
        for word in LABEL_FILLERS:
            if label.endswith(word):
                label = label.removesuffix(word).rstrip(" :：")
                changed = True
        for word in LABEL_LEADERS:
            if label.startswith(word):
                label = label.removeprefix(word).lstrip(" :：")
                changed = True
    return label


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _unit(unit: str | None, per: str | None, number: Decimal) -> tuple[Decimal, str]:
    """The canonical unit and the number in it: money in 万元, percent as "%", area as "㎡".

    A rate keeps its denominator: "500元/人" is 0.05 万元/人, not an amount of 0.05 万元.
    """
    unit = unit or ""
    if unit in MONEY_UNITS:
        shift = MONEY_UNITS[unit]
        number = number.scaleb(shift) if shift < 0 else number * (10**shift)
        unit = "万元"
    elif unit in PERCENT_UNITS:
        unit = "%"
    elif unit in AREA_UNITS:
        unit = "㎡"
    if per:
        unit += "/" + per.lstrip("/ ").strip()
    return number, unit


def _read_clause(
    piece: str, original: str, reading: _Reading, *, tail_max: int | None
) -> Quantity | None:
    """One numeric clause filling the piece, or None (with a note when the reason is worth it)."""
    m = CLAUSE.fullmatch(piece)
    if m is None or re.search(r"\d", m["label"]):
        if len(re.findall(NUMBER, piece)) > 1:
            reading.note(f"“{original.strip()}”含有多个数字，无法确定指标值，未读取")
        return None
    tail = m["tail"].strip()
    unit_word = m["unit"]
    if tail and not unit_word and not m["post"] and re.match(r"[^\s,，。;；:：)）]", tail):
        if m["per"] is None:
            reading.note(f"“{original.strip()}”中数字后的“{tail[:4]}”不是可识别的单位，未读取")
            return None
    if tail_max is not None and len(tail) > tail_max:
        return None
    if unit_word and tail[:1] in SPECIFICATION_MARKS:
        return None  # "5吨型洒水车": a specification, not a quantity
    number = _decimal(m["num"])
    comparator = PREFIX_COMPARATORS.get(m["cmp"] or "", Comparator.NONE)
    if m["post"]:
        post = POSTFIX_COMPARATORS[m["post"]]
        if comparator not in (Comparator.NONE, post) and m["cmp"] not in ("达到", "控制在"):
            reading.note(f"“{original.strip()}”前后比较词矛盾，未读取")
            return None
        comparator = post
    start = m.start("cmp") if m["cmp"] else m.start("num")
    end = max(m.end(g) for g in ("num", "num2", "unit", "per", "alt_unit", "post"))
    written = original[start:end]
    if m["approx"]:
        if comparator is Comparator.NONE:
            comparator = Comparator.GT  # "490余件": more than 490
        elif comparator is not Comparator.GT:
            reading.note(f"“{original.strip()}”中“{m['approx']}”与比较词同时出现，未读取")
            return None
    if m["num2"]:
        low, high = sorted((number, _decimal(m["num2"])))
        if comparator is Comparator.EQ:
            reading.note(f"“{written.strip()}”是一个区间，无法按“=”读取")
            return None
        number = high if comparator in (Comparator.LE, Comparator.LT) else low
        which = "上限" if number == high and low != high else "下限"
        reading.note(f"“{written.strip()}”是一个区间，按{which}{number}读取")
    if m["ten_thousand"]:
        number *= 10000
    number, unit = _unit(unit_word, m["per"], number)
    label = _label(m["label"])
    if unit in DURATION_MONTHS:
        reading.periods.append(written.strip())
    return Quantity(comparator, number, unit, label, original.strip())


def _read_piece(piece: str, reading: _Reading, *, tail_max: int | None) -> None:
    original = piece
    plain = normalise(piece)
    words = _word_reading(plain)
    if words is not None:
        kind, word = words
        if kind == "scale":
            reading.scale = True
        elif kind == "grade":
            reading.grades.append(word)
        else:
            reading.phrases.append(word)
        return
    before = len(reading.dates)
    rest = _read_dates(plain, reading)
    bad = MALFORMED.search(rest)
    if bad:
        del reading.dates[before:]
        reading.note(f"数字格式有误：“{original[bad.start() : bad.end()].strip()}”，未读取")
        reading.prose.append(original)
        return
    if len(reading.dates) > before and not re.search(r"\d", rest):
        reading.date_pieces += 1
        return
    if not re.search(r"\d", rest):
        reading.prose.append(original)
        return
    marker = LIST_MARKER.match(rest)
    start = marker.end() if marker else 0
    quantity = _read_clause(rest[start:], original[start:], reading, tail_max=tail_max)
    if quantity is None:
        reading.prose.append(original)
        return
    reading.clauses.append(quantity)
    reading.clause_pieces += 1


def _read_pieces(text: str, *, tail_max: int | None) -> _Reading:
    reading = _Reading()
    for piece in _pieces(text):
        _read_piece(piece, reading, tail_max=tail_max)
    return reading


# ---------------------------------------------------------------------------------------------
# Cells
# ---------------------------------------------------------------------------------------------

NOTE_UNREADABLE = "无法识别为数值、等级或日期"
NOTE_PROSE_WITH_NUMBERS = "文字叙述中含有数字，但无法确定指标值"


@lru_cache(maxsize=65536)  # a Value is immutable; forms repeat the same texts a lot
def parse_value(text: str) -> Value:
    """Read a target or actual cell. Never raises; keeps ``text`` (stripped)."""
    text = text.strip()
    if not text:
        return Value(text=text, kind=Kind.EMPTY)
    whole = _word_reading(normalise(text))
    if whole is not None:
        kind, word = whole
        return Value(
            text=text,
            kind=Kind.QUALITATIVE,
            grade=word if kind == "grade" else None,
            phrase=word if kind == "phrase" else None,
            scale=kind == "scale",
        )
    detail = GRADE_WITH_DETAIL.match(text)
    if detail:
        return _graded(text, detail)
    return _from_reading(text, _read_pieces(text, tail_max=TAIL_MAX))


def _graded(text: str, detail: re.Match[str]) -> Value:
    """A grade with details, "优（划分网格17个；…）": the grade, and what the brackets say."""
    reading = _read_pieces(detail["inner"], tail_max=None)
    return Value(
        text=text,
        kind=Kind.QUALITATIVE,
        clauses=tuple(reading.clauses),
        grade=GRADES[detail["grade"]],
        phrase=reading.phrases[0] if reading.phrases else None,
        dates=tuple(reading.dates),
        periods=tuple(reading.periods),
        note="；".join(reading.notes),
    )


def _from_reading(text: str, reading: _Reading) -> Value:
    notes = list(reading.notes)
    prose = len(reading.prose)
    if reading.clauses and reading.clause_pieces >= prose:
        kind = Kind.NUMBER
    elif reading.dates and not reading.clauses and reading.date_pieces >= prose:
        kind = Kind.DATE
    elif (reading.grades or reading.phrases or reading.scale) and not prose and not reading.clauses:
        kind = Kind.QUALITATIVE
    else:
        if not notes:
            notes.append(NOTE_PROSE_WITH_NUMBERS if re.search(r"\d", text) else NOTE_UNREADABLE)
        elif not any(n.startswith("数字格式有误") for n in notes):
            notes.insert(0, NOTE_PROSE_WITH_NUMBERS if reading.clauses else NOTE_UNREADABLE)
        return Value(text=text, kind=Kind.TEXT, note="；".join(notes))
    if reading.prose:
        notes.append("未读取的文字：" + "；".join(p.strip() for p in reading.prose))
    return Value(
        text=text,
        kind=kind,
        clauses=tuple(reading.clauses) if kind is Kind.NUMBER else (),
        grade=reading.grades[0] if reading.grades else None,
        phrase=reading.phrases[0] if reading.phrases else None,
        scale=reading.scale,
        dates=tuple(reading.dates),
        periods=tuple(reading.periods),
        note="；".join(notes),
    )


# ---------------------------------------------------------------------------------------------
# Declared numbers
# ---------------------------------------------------------------------------------------------

_DECLARED_NUMBER = re.compile(r"[+-]?(?:\d+(?:,\d{3})*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_LOOKS_NUMERIC = re.compile(r"[\d.,，%％…。+\-\s]+")


def parse_number(text: str) -> Decimal | None:
    """A declared number (金额, 分值, 得分, 总分): ``1,234.5`` → 1234.5; anything else → None.

    A full-width comma between groups of three digits (``215，457.6``, typed with a Chinese input
    method) is a thousands separator too."""
    plain = normalise(text).strip().replace("，", ",")
    if not _DECLARED_NUMBER.fullmatch(plain):
        return None
    try:
        number = Decimal(plain.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern only lets numbers through
        return None
    return number if number.is_finite() else None


def parse_rate(text: str) -> Decimal | None:
    """A declared execution rate as a fraction: ``99.7%`` → 0.997, ``0.997`` → 0.997.

    A number above 1.5 written without % is a percentage (``100`` → 1).
    """
    plain = normalise(text).strip()
    if plain.endswith("%"):
        number = parse_number(plain[:-1])
        return number.scaleb(-2) if number is not None else None
    number = parse_number(plain)
    if number is None:
        return None
    return number.scaleb(-2) if number > Decimal("1.5") else number


def is_malformed_number(text: str) -> bool:
    """Text that looks like a number but is not one: ``145.40556.6``, ``100%……``."""
    plain = normalise(text).strip()
    if not plain or not re.search(r"\d", plain) or not _LOOKS_NUMERIC.fullmatch(plain):
        return False
    return parse_number(plain) is None and parse_rate(plain) is None


# ---------------------------------------------------------------------------------------------
# Targets in indicator names
# ---------------------------------------------------------------------------------------------

_ACTUAL_IN_BRACKETS = re.compile(r"[(（][^()（）]*实际[^()（）]*[)）]")


@lru_cache(maxsize=65536)
def target_in_name(name: str) -> Value | None:
    """The target an indicator name states, for rows whose target cell only says 完成预期指标.

    ``工作人员满意度≥90%`` → ≥ 90 %; ``损坏率1%`` → ≤ 1 % (a bad rate); ``满意度100%`` → ≥ 100 %;
    ``成本控制12.3016万元以内`` → ≤ 12.3016 万元. A name with only a deadline
    (``2021年12月底前，完成该项工作``) gives a DATE value. None when the name states no number.
    A bracket that gives the actual (``（实际发生为7.5万元）``) is left out.
    """
    text = name.strip()
    if not text:
        return None
    reading = _read_pieces(_ACTUAL_IN_BRACKETS.sub("", text), tail_max=None)
    if reading.clauses:
        clauses = tuple(_name_direction(q) for q in reading.clauses)
        return Value(
            text=text,
            kind=Kind.NUMBER,
            clauses=clauses,
            dates=tuple(reading.dates),
            periods=tuple(reading.periods),
            note="；".join(reading.notes),
        )
    if any(d.month is not None or d.bound for d in reading.dates):
        return Value(
            text=text, kind=Kind.DATE, dates=tuple(reading.dates), note="；".join(reading.notes)
        )
    return None


def _name_direction(quantity: Quantity) -> Quantity:
    """A bare number in a name: ≤ for a bad rate, ≥ for a percentage, as written otherwise."""
    if quantity.comparator is not Comparator.NONE:
        return quantity
    if any(rate in quantity.label for rate in BAD_RATES):
        return replace(quantity, comparator=Comparator.LE)
    if quantity.unit == "%":
        return replace(quantity, comparator=Comparator.GE)
    return quantity


# ---------------------------------------------------------------------------------------------
# Comparing a target with an actual
# ---------------------------------------------------------------------------------------------

LABEL_SIMILARITY = 0.6  # least similarity of two labels for pairing clauses by label


def _harmonise(target: Quantity, actual: Quantity) -> tuple[Quantity, Quantity] | None:
    """Both clauses in one unit, or None when they are not comparable."""
    if target.unit == actual.unit:
        return target, actual
    if target.unit in DURATION_MONTHS and actual.unit in DURATION_MONTHS:
        return (
            replace(target, number=target.number * DURATION_MONTHS[target.unit], unit="个月"),
            replace(actual, number=actual.number * DURATION_MONTHS[actual.unit], unit="个月"),
        )
    special = ("%", "万元", "㎡")
    if "" in (target.unit, actual.unit):
        unit = target.unit or actual.unit
        if unit in special:
            return None  # "90%" against "5", "≤430万元" against "391.92": not the same measure
        return replace(target, unit=unit), replace(actual, unit=unit)
    return None


def _label_key(label: str) -> str:
    return _compact(label)


def _similarity(a: str, b: str) -> float:
    a, b = _label_key(a), _label_key(b)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if a in b or b in a:
        return 0.9
    return SequenceMatcher(None, a, b).ratio()


def pairs(target: Value, actual: Value) -> list[tuple[Quantity, Quantity]]:
    """The clauses of target and actual paired for comparison, each pair in one unit.

    One clause on each side: those two. Labels on both sides: each target clause with the
    most similar actual label (at least ``LABEL_SIMILARITY``). Otherwise by position, when both
    sides have as many clauses. Pairs whose units cannot be compared are left out.
    """
    ts, as_ = list(target.clauses), list(actual.clauses)
    if not ts or not as_:
        return []
    matched: list[tuple[Quantity, Quantity]] = []
    if len(ts) == 1 and len(as_) == 1:
        matched = [(ts[0], as_[0])]
    elif any(q.label for q in ts) and any(q.label for q in as_):
        scored = sorted(
            (
                (_similarity(t.label, a.label), i, j)
                for i, t in enumerate(ts)
                for j, a in enumerate(as_)
            ),
            key=lambda x: (-x[0], x[1], x[2]),
        )
        used_t: set[int] = set()
        used_a: set[int] = set()
        chosen: list[tuple[int, int]] = []
        for score, i, j in scored:
            if score < LABEL_SIMILARITY:
                break
            if i in used_t or j in used_a:
                continue
            used_t.add(i)
            used_a.add(j)
            chosen.append((i, j))
        matched = [(ts[i], as_[j]) for i, j in sorted(chosen)]
    elif len(ts) == len(as_):
        matched = list(zip(ts, as_, strict=True))
    out: list[tuple[Quantity, Quantity]] = []
    for t, a in matched:
        pair = _harmonise(t, a)
        if pair is not None:
            out.append(pair)
    return out


def compare(target: Value, actual: Value) -> tuple[Quantity, Quantity] | None:
    """The main pair of clauses to compare (the first comparable one), or None."""
    found = pairs(target, actual)
    return found[0] if found else None
