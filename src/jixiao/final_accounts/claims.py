"""Find the claims in a narrative and check each one.

The walk follows the reader: paragraph by paragraph, sentence by sentence, clause by clause. It
remembers the last figure stated (the subject a change or a share is about), a change amount
waiting for its rate (增加1778.52万元，增长85.05%), and an open list of parts after 其中. A list
of parts opened at the very end of a paragraph (“……其中：”) takes the first figure of each of the
following paragraphs, up to the next heading or the next item numbered like the total's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jixiao.final_accounts import arithmetic as ar
from jixiao.final_accounts import patterns as pt
from jixiao.final_accounts.narrative import Narrative, NarrativeParagraph


@dataclass(frozen=True)
class Location:
    """The sentence a claim sits in: its paragraph (line or paragraph number) and its text."""

    paragraph: NarrativeParagraph
    sentence: str
    sentence_index: int  # 1-based within the paragraph

    def describe(self) -> str:
        short = self.sentence if len(self.sentence) <= 60 else self.sentence[:59] + "…"
        return f"{self.paragraph.describe()}“{short}”"

    def as_dict(self) -> dict[str, Any]:
        return {
            "paragraph": self.paragraph.number,
            "line": self.paragraph.line,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "section": self.paragraph.section,
            "where": self.paragraph.describe(),
        }


@dataclass
class Claim:
    kind: str
    text: str  # the words of the claim, as written
    stated: Decimal | None
    computed: Decimal | None
    ok: bool | None  # None: cannot be checked
    location: Location
    explanation: str
    item: str = ""
    unit: str = ""  # 万元, %, 年
    code: str | None = None  # finding code when it differs from the claim type's own
    order: tuple[int, int, int] = (0, 0, 0)  # paragraph, sentence, position: reading order

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "item": self.item,
            "stated": None if self.stated is None else f"{self.stated:f}",
            "computed": None if self.computed is None else f"{self.computed:f}",
            "unit": self.unit,
            "ok": self.ok,
            "location": self.location.as_dict(),
            "explanation": self.explanation,
        }


@dataclass
class _Figure:
    item: str
    value: Decimal
    written: str  # the number as written, e.g. "0" or "3,869.78"
    location: Location
    order: tuple[int, int, int]


@dataclass
class _Change:
    subject: _Figure | None
    text: str
    direction: int  # +1 增加, −1 减少, 0 无变化
    amount: Decimal | None
    base: Decimal | None
    base_word: str  # 上年 / 年初预算
    location: Location
    order: tuple[int, int, int]


@dataclass
class _Parts:
    whole: _Figure
    marker_order: tuple[int, int, int]
    location: Location
    parts: list[_Figure] = field(default_factory=list)
    after_marker: bool = False  # something followed the marker in its sentence
    spanning: bool = False  # opened at the end of a paragraph: parts are the next paragraphs
    style: str | None = None  # numbering of the total's paragraph (ends a spanning list)


class _Walker:
    def __init__(self, narrative: Narrative) -> None:
        self.year = narrative.year
        self.claims: list[Claim] = []
        self.figures: list[_Figure] = []
        self.subject: _Figure | None = None
        self.change: _Change | None = None
        self.group: _Parts | None = None
        self.take_part = False  # the next figure of this paragraph is a part of a spanning list

    # --- paragraphs and sentences -------------------------------------------------------
    def paragraph(self, index: int, paragraph: NarrativeParagraph) -> None:
        self.subject = None
        if self.group is not None and self.group.spanning:
            if self._ends_list(paragraph.text):
                self._close_group()
            else:
                self.take_part = True
        sentences = pt.sentences(paragraph.text)
        label = _label(sentences)
        for s_index, sentence in enumerate(sentences, start=1):
            location = Location(paragraph, sentence, s_index)
            self.sentence(sentence, location, (index, s_index), label)
        self.take_part = False
        if self.group is not None and not self.group.spanning:
            if self.group.parts:
                self._close_group()
            else:
                self.group.spanning = True
                self.group.style = pt.numbering_style(paragraph.text)

    def _ends_list(self, text: str) -> bool:
        assert self.group is not None
        if pt.HEADING.match(text):
            return True
        style = pt.numbering_style(text)
        if style is not None and style == self.group.style:
            return True
        return not pt.AMOUNT.search(text)

    def sentence(self, sentence: str, location: Location, at: tuple[int, int], label: str) -> None:
        self._years(sentence, location, at)
        position = 0
        previous_name = ""
        for clause in pt.CLAUSE_SEPARATORS.split(sentence):
            start = sentence.find(clause, position)
            position = max(position, start + len(clause))
            order = (at[0], at[1], start)
            if clause.strip():
                previous_name = self.clause(clause.strip(), location, order, previous_name, label)
        self._flush_change()
        if self.group is not None and not self.group.spanning and self.group.after_marker:
            self._close_group()

    # --- one clause -----------------------------------------------------------------------
    def clause(
        self,
        clause: str,
        location: Location,
        order: tuple[int, int, int],
        previous_name: str,
        label: str,
    ) -> str:
        body = pt.NUMBERING.sub("", clause)
        marker = pt.PARTS_MARKER.match(body)
        if marker:
            if self.subject is not None:
                self._close_group()
                self.group = _Parts(self.subject, order, location)
            body = body[marker.end() :]
            if not body.strip():
                return previous_name
        elif self.group is not None and not self.group.spanning:
            self.group.after_marker = True
        rate = pt.RATE.match(body)
        if rate:
            self._rate(rate, location, order)
            return previous_name
        completion = pt.COMPLETION.search(body)
        if completion:
            self._completion(completion, location, order)
            return previous_name
        share = pt.SHARE.search(body)
        if share:
            self._share(share, location, order)
            return previous_name
        change = pt.CHANGE.search(body)
        head = body[: change.start()] if change else body
        name = previous_name
        for found in pt.AMOUNT.finditer(head):
            name = self._figure(head, found, location, order, previous_name, label)
        if change:
            self._change(change, location, order)
        return name or pt.item_name(head)

    def _figure(
        self,
        head: str,
        found: re.Match[str],
        location: Location,
        order: tuple[int, int, int],
        previous_name: str,
        label: str,
    ) -> str:
        self._flush_change()
        name = pt.item_name(head[: found.start()])
        if name in pt.GENERIC:
            name = previous_name or label
        written = found.group("value")
        figure = _Figure(name, pt.number(written), written, location, order)
        self.figures.append(figure)
        self.subject = figure
        if self.group is not None:
            if not self.group.spanning:
                self.group.parts.append(figure)
            elif self.take_part:
                self.group.parts.append(figure)
                self.take_part = False
        return name

    # --- relations --------------------------------------------------------------------------
    def _change(
        self, found: re.Match[str], location: Location, order: tuple[int, int, int]
    ) -> None:
        self._flush_change()
        base_word = "年初预算" if "预算" in found.group("base") else "上年"
        base = pt.number(found.group("base_value")) if found.group("base_value") else None
        if found.group("same"):
            direction, amount = 0, Decimal(0)
        else:
            direction = 1 if found.group("verb") in pt.UP_WORDS else -1
            amount = pt.number(found.group("amount")) if found.group("amount") else None
        change = _Change(
            self.subject, found.group(0), direction, amount, base, base_word, location, order
        )
        if found.group("percent"):  # 比上年增长10%: a rate with no amount
            self._emit_rate_without_amount(change, pt.number(found.group("percent")), found)
            return
        self.change = change

    def _rate(self, found: re.Match[str], location: Location, order: tuple[int, int, int]) -> None:
        stated = pt.number(found.group("percent"))
        rate_direction = 1 if found.group("verb") in pt.UP_WORDS else -1
        change = self.change
        self.change = None
        if change is None or change.subject is None or change.amount is None:
            self._add(
                "change_rate", found.group(0), stated, None, None, location, order,
                "前文没有增减额和本年数，增减率无从核对",
                item=change.subject.item if change and change.subject else "", unit="%",
            )  # fmt: skip
            return
        verdict = ar.change_rate(
            change.subject.value,
            change.amount,
            change.direction,
            stated,
            rate_direction,
            change.base_word,
            change.base,
        )
        self._add(
            "change_rate", f"{change.text}，{found.group(0)}", stated, verdict.computed,
            verdict.ok, change.location, change.order, verdict.explanation,
            item=change.subject.item, unit="%", code=verdict.code,
        )  # fmt: skip

    def _emit_rate_without_amount(
        self, change: _Change, stated: Decimal, found: re.Match[str]
    ) -> None:
        subject = change.subject
        if subject is None or change.base is None:
            self._add(
                "change_rate", found.group(0), stated, None, None, change.location, change.order,
                f"没有写出{change.base_word}数和增减额，增减率无从核对",
                item=subject.item if subject else "", unit="%",
            )  # fmt: skip
            return
        amount = abs(subject.value - change.base)
        direction = 1 if subject.value >= change.base else -1
        verb = found.group("verb")
        verdict = ar.change_rate(
            subject.value, amount, direction, stated,
            1 if verb in pt.UP_WORDS else -1, change.base_word, change.base,
        )  # fmt: skip
        self._add(
            "change_rate", found.group(0), stated, verdict.computed, verdict.ok, change.location,
            change.order, verdict.explanation, item=subject.item, unit="%", code=verdict.code,
        )  # fmt: skip

    def _flush_change(self) -> None:
        """A change amount no rate followed: checkable only when its base is written out."""
        change = self.change
        self.change = None
        if change is None:
            return
        item = change.subject.item if change.subject else ""
        stated = Decimal(0) if change.direction == 0 else change.amount
        if stated is not None and change.direction < 0:
            stated = -stated
        if change.base is None or change.subject is None or stated is None:
            self._add(
                "change", change.text, stated, None, None, change.location, change.order,
                f"没有写出{change.base_word}数，增减额无从核对", item=item, unit="万元",
            )  # fmt: skip
            return
        verdict = ar.change_amount(change.subject.value, change.base, stated, change.base_word)
        self._add(
            "change", change.text, stated, verdict.computed, verdict.ok, change.location,
            change.order, verdict.explanation, item=item, unit="万元",
        )  # fmt: skip

    def _share(self, found: re.Match[str], location: Location, order: tuple[int, int, int]) -> None:
        self._flush_change()
        stated = pt.number(found.group("percent"))
        part = self.subject
        whole_name = found.group("whole").strip()
        whole = self._whole(whole_name, location)
        item = part.item if part else ""
        claim_text = f"{part.item}{part.written}万元，{found.group(0)}" if part else found.group(0)
        if part is None or whole is None:
            self._add(
                "share", claim_text, stated, None, None, location, order,
                f"找不到“{whole_name}”的金额，占比无从核对", item=item, unit="%",
            )  # fmt: skip
            return
        verdict = ar.share(part.value, whole.value, stated, whole.item or whole_name)
        self._add(
            "share", claim_text, stated, verdict.computed, verdict.ok, location,
            part.order, verdict.explanation, item=item, unit="%",
        )  # fmt: skip

    def _whole(self, name: str, location: Location) -> _Figure | None:
        """The total a share is of: named in this paragraph, else the total before 其中, else earlier."""
        wanted = pt.item_name(name)
        here = [f for f in self.figures if f.location.paragraph is location.paragraph]
        for figure in reversed(here):
            if wanted and (figure.item == wanted or figure.item.endswith(wanted)):
                if figure is not self.subject:
                    return figure
        if self.group is not None:
            return self.group.whole
        for figure in reversed(self.figures):
            if wanted and figure.item == wanted and figure is not self.subject:
                return figure
        return None

    def _completion(
        self, found: re.Match[str], location: Location, order: tuple[int, int, int]
    ) -> None:
        stated = pt.number(found.group("percent"))
        change = self.change
        self.change = None
        subject = self.subject
        budget: Decimal | None = None
        if change is not None and change.subject is not None and change.base_word == "年初预算":
            if change.base is not None:
                budget = change.base
            elif change.amount is not None:
                budget = change.subject.value - change.direction * change.amount
        if subject is None or budget is None:
            self._add(
                "completion", found.group(0), stated, None, None, location, order,
                "没有写出年初预算数或增减额，完成率无从核对",
                item=subject.item if subject else "", unit="%",
            )  # fmt: skip
            return
        verdict = ar.completion(subject.value, budget, stated)
        self._add(
            "completion", found.group(0), stated, verdict.computed, verdict.ok, location, order,
            verdict.explanation, item=subject.item, unit="%", code=verdict.code,
        )  # fmt: skip

    def _close_group(self) -> None:
        group = self.group
        self.group = None
        if group is None or not group.parts:
            return
        verdict = ar.parts_sum(group.whole.value, [p.value for p in group.parts])
        names = "、".join(p.item or "（未命名）" for p in group.parts)
        self._add(
            "parts_sum", f"{group.whole.item}{group.whole.written}万元，其中：{names}",
            group.whole.value, verdict.computed, verdict.ok, group.location, group.marker_order,
            verdict.explanation, item=group.whole.item, unit="万元",
        )  # fmt: skip

    # --- years ---------------------------------------------------------------------------------
    def _years(self, sentence: str, location: Location, at: tuple[int, int]) -> None:
        """Years named in a sentence with figures must be the narrative's year: the year before
        only as a comparison base (比2020年), the year after only for its budget (2022年预算)."""
        if self.year is None or not ("万元" in sentence or "%" in sentence):
            return
        for found in pt.YEAR.finditer(sentence):
            year = int(found.group("year"))
            before = sentence[max(0, found.start() - 1) : found.start()]
            words = pt.YEAR_WORDS.match(sentence, found.end())
            after = words.group(0) if words else ""
            if year == self.year:
                ok, why = True, "与决算年度一致"
            elif year == self.year - 1 and before in pt.COMPARISON_BEFORE_YEAR:
                ok, why = True, "比较基数为上一年度"
            elif year == self.year + 1 and after.startswith(pt.NEXT_YEAR_WORDS):
                ok, why = True, "下一年度的预算安排"
            else:
                ok = False
                why = f"本说明为{self.year}年度决算说明，此处应为{self.year}年{found.group('du') or ''}"
            text = found.group(0) + after
            self._add(
                "year", text, Decimal(year), Decimal(self.year), ok,
                location, (at[0], at[1], found.start()), why, unit="年",
            )  # fmt: skip

    # --- the claim list ----------------------------------------------------------------------
    def _add(
        self,
        kind: str,
        text: str,
        stated: Decimal | None,
        computed: Decimal | None,
        ok: bool | None,
        location: Location,
        order: tuple[int, int, int],
        explanation: str,
        *,
        item: str = "",
        unit: str = "",
        code: str | None = None,
    ) -> None:
        self.claims.append(
            Claim(kind, text, stated, computed, ok, location, explanation, item, unit, code, order)
        )

    def finish(self) -> list[Claim]:
        self._flush_change()
        self._close_group()
        self._amounts()
        self._balance()
        return sorted(self.claims, key=lambda c: (c.order, _KIND_ORDER.get(c.kind, 9)))

    def _amounts(self) -> None:
        """Every figure is an amount claim; one stated twice must be the same both times."""
        first: dict[str, _Figure] = {}
        later: dict[str, list[_Figure]] = {}
        for figure in self.figures:
            if figure.item and figure.item not in pt.GENERIC:
                if figure.item in first:
                    later.setdefault(figure.item, []).append(figure)
                else:
                    first[figure.item] = figure
        for figure in self.figures:
            reference = first.get(figure.item)
            others = later.get(figure.item, [])
            if reference is None or (reference is figure and not others):
                ok, computed, why = None, None, "只出现一次，无从核对"
            elif reference is figure:
                agree = all(o.value == figure.value for o in others)
                ok = True if agree else None
                computed = figure.value
                where = "、".join(o.location.paragraph.describe() for o in others)
                why = f"与{where}所写一致" if agree else f"与{where}所写不一致，见该处"
            else:
                ok = figure.value == reference.value
                computed = reference.value
                where = reference.location.paragraph.describe()
                said = f"{where}所写{ar.fmt(reference.value)}万元"
                why = f"与{said}一致" if ok else f"{said}，与此处不一致"
            self._add(
                "amount", f"{figure.item}{figure.written}万元", figure.value, computed, ok,
                figure.location, figure.order, why, item=figure.item, unit="万元",
            )  # fmt: skip

    def _balance(self) -> None:
        """收入总计 must equal 支出总计 (the same prefix: 财政拨款收入总计 with 财政拨款支出总计)."""
        incomes = [f for f in self.figures if f.item.endswith("收入总计")]
        for income in incomes:
            prefix = income.item[: -len("收入总计")]
            spending = next((f for f in self.figures if f.item == f"{prefix}支出总计"), None)
            if spending is None:
                continue
            later, earlier = (
                (spending, income) if spending.order > income.order else (income, spending)
            )
            difference = spending.value - income.value
            why = f"{income.item}{ar.fmt(income.value)}万元，{spending.item}{ar.fmt(spending.value)}万元"
            why += "，二者相等" if difference == 0 else f"，相差{ar.fmt(abs(difference))}万元"
            self._add(
                "balance", f"{later.item}{later.written}万元", later.value, earlier.value,
                difference == 0, later.location, later.order, why, item=later.item, unit="万元",
            )  # fmt: skip


_KIND_ORDER = {"year": 0, "amount": 1, "parts_sum": 2, "change": 3, "change_rate": 3, "share": 4}


def _label(sentences: list[str]) -> str:
    """A paragraph's label: “1.因公出国（境）费用。” names the figures of the sentences after it."""
    if not sentences:
        return ""
    first = pt.NUMBERING.sub("", sentences[0]).rstrip("。：:")
    if len(sentences) > 1 and len(first) <= 30 and not any(ch.isdigit() for ch in first):
        return pt.item_name(first)
    return ""


def find_claims(narrative: Narrative) -> list[Claim]:
    walker = _Walker(narrative)
    for index, paragraph in enumerate(narrative.paragraphs, start=1):
        walker.paragraph(index, paragraph)
    return walker.finish()
