"""The stored check laid out for the page: paragraph → sentence → its claims, marks in place.

Claims are marked inside their sentence where their words can be found as written (a wrong claim
wins over an overlapping right one); every claim of the sentence is also listed after it, with
what the text says and what jixiao computes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jixiao.final_accounts import CLAIM_TYPES

STATE = {True: "ok", False: "wrong", None: "unchecked"}
MARK = {True: "✓", False: "✗", None: "?"}


@dataclass
class Segment:
    text: str
    claim: dict[str, Any] | None = None


@dataclass
class SentenceView:
    index: int
    text: str
    segments: list[Segment] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)

    @property
    def wrong(self) -> bool:
        return any(c["ok"] is False for c in self.claims)


@dataclass
class ParagraphView:
    where: str
    section: str
    new_section: bool
    sentences: list[SentenceView]

    @property
    def claims(self) -> list[dict[str, Any]]:
        return [c for s in self.sentences for c in s.claims]


def _decorate(claim: dict[str, Any], number: int) -> dict[str, Any]:
    unit = claim.get("unit", "")

    def show(value: str | None) -> str:
        return "—" if value is None else f"{value}{unit}"

    return {
        **claim,
        "number": number,
        "state": STATE[claim["ok"]],
        "mark": MARK[claim["ok"]],
        "title": CLAIM_TYPES[claim["kind"]].title
        if claim["kind"] in CLAIM_TYPES
        else claim["kind"],
        "stated_text": show(claim["stated"]),
        "computed_text": show(claim["computed"]),
    }


def _segments(sentence: str, claims: list[dict[str, Any]]) -> list[Segment]:
    """The sentence cut so that each findable claim's words carry the claim."""
    taken: list[tuple[int, int, dict[str, Any]]] = []
    ranked = sorted(claims, key=lambda c: (c["ok"] is not False, -len(c["text"])))
    for claim in ranked:
        start = sentence.find(claim["text"]) if claim["text"] else -1
        if start < 0:
            continue
        end = start + len(claim["text"])
        if any(start < e and s < end for s, e, _ in taken):
            continue
        taken.append((start, end, claim))
    taken.sort(key=lambda t: t[0])
    out: list[Segment] = []
    position = 0
    for start, end, claim in taken:
        if start > position:
            out.append(Segment(sentence[position:start]))
        out.append(Segment(sentence[start:end], claim))
        position = end
    if position < len(sentence):
        out.append(Segment(sentence[position:]))
    return out


def layout(result: dict[str, Any]) -> list[ParagraphView]:
    by_place: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for number, claim in enumerate(result.get("claims", []), start=1):
        place = (claim["location"]["paragraph"], claim["location"]["sentence_index"])
        by_place.setdefault(place, []).append(_decorate(claim, number))
    views: list[ParagraphView] = []
    section = None
    for paragraph in result.get("paragraphs", []):
        sentences = []
        for index, text in enumerate(paragraph["sentences"], start=1):
            claims = by_place.get((paragraph["number"], index), [])
            sentences.append(SentenceView(index, text, _segments(text, claims), claims))
        views.append(
            ParagraphView(
                paragraph["where"], paragraph["section"], paragraph["section"] != section, sentences
            )
        )
        section = paragraph["section"]
    return views
