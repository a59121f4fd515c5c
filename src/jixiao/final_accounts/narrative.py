"""Read a final-accounts narrative (部门决算说明) into numbered paragraphs.

A narrative arrives as plain text (UTF-8, GBK/GB18030 or UTF-16, read like every text file in
jixiao), as a Word file, or as part of a whole disclosure such as seed 002, where only
第二部分（部门决算说明）and 第三部分（其他重要事项的情况说明）are narrative and the rest is other
material. When a document has such part headings, only the narrative parts are kept; every
paragraph keeps its line (text files) or paragraph number (Word) so that a claim can point at it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from jixiao.read import ReadError
from jixiao.read.encoding import decode_text
from jixiao.read.sandbox import read_limited

# Digits, percent sign and decimal point in full width are read as ASCII (one to one, so
# positions in a sentence do not move).
_WIDE = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "％": "%", "．": "."})

_PART = re.compile(r"^\s*第[一二三四五六七八九十]+部分")
_NARRATIVE_PART = re.compile(r"决算说明|其他重要事项")
_ARTEFACTS = re.compile(r"\[bookmark: [^\]]*\]")
_HEADING_YEAR = re.compile(r"(\d{4})\s*年度?\s*(?:[^\d，。；]{0,20})决算(?:说明|报告|报表)")
_ANY_YEAR = re.compile(r"(\d{4})\s*年")

MAX_CHARS = 2_000_000  # a narrative is a few pages; refuse to walk a book


@dataclass(frozen=True, slots=True)
class NarrativeParagraph:
    """One paragraph of the narrative and where it came from."""

    number: int  # 1-based paragraph number in the source document
    line: int | None  # 1-based line in a text file; None for Word
    text: str
    section: str = ""  # the part heading it sits under, e.g. "第二部分 2021年度部门决算说明"

    def describe(self) -> str:
        """Where the paragraph is, in words a clerk can follow."""
        return f"第{self.line}行" if self.line is not None else f"第{self.number}段"


@dataclass
class Narrative:
    file: str
    paragraphs: list[NarrativeParagraph] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)  # the narrative part headings found
    year: int | None = None  # the narrative's year, from its headings or most named year


def read_narrative_bytes(data: bytes, file: str, year: int | None = None) -> Narrative:
    """A narrative from a file's bytes; a `ReadError` with a Chinese reason if it cannot be read."""
    from jixiao.read import sniff

    fmt = sniff(data, Path(file).suffix.lower())  # empty files and renamed binaries fail here
    if fmt == "text":
        text = decode_text(data)
        return narrative_from_text(text, file, year)
    document = read_limited(data, file)  # in a child process, within the reading limits
    lines: list[tuple[int | None, int, str]] = []
    number = 0
    for block in document.blocks:
        if hasattr(block, "cells"):  # a table: figures in tables are the report, not the prose
            continue
        for piece in block.text.split("\n"):  # type: ignore[union-attr]
            number += 1
            lines.append((None, number, piece))
    return _narrative(lines, file, year)


def read_narrative_file(path: Path, year: int | None = None) -> Narrative:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"无法读取文件：{exc.strerror or exc}") from exc
    return read_narrative_bytes(data, str(path), year)


def narrative_from_text(text: str, file: str = "粘贴的文本", year: int | None = None) -> Narrative:
    """A narrative from text already decoded (a text file, or text pasted into the web page)."""
    if len(text) > MAX_CHARS:
        raise ReadError(f"文本过长（{len(text)} 个字符），决算说明不应超过 {MAX_CHARS} 个字符")
    if "\x00" in text:
        raise ReadError("文件含有二进制内容，不是文本文件")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [(i, i, line) for i, line in enumerate(text.split("\n"), start=1)]
    return _narrative(lines, file, year)


def _narrative(lines: list[tuple[int | None, int, str]], file: str, year: int | None) -> Narrative:
    cleaned = [
        (line, number, _ARTEFACTS.sub("", text).replace("\t", " ").strip().translate(_WIDE))
        for line, number, text in lines
    ]
    cleaned = [(line, number, text) for line, number, text in cleaned if text]
    if not cleaned:
        raise ReadError("没有文字内容，不是决算说明")
    narrative = Narrative(file=file)
    has_parts = any(_PART.match(text) for _, _, text in cleaned)
    section = ""
    keep = not has_parts
    for line, number, text in cleaned:
        if _PART.match(text):
            section = re.sub(r"\s+", " ", text)
            keep = bool(_NARRATIVE_PART.search(text))
            if keep:
                narrative.sections.append(section)
            continue
        if keep:
            narrative.paragraphs.append(NarrativeParagraph(number, line, text, section))
    if has_parts and not narrative.paragraphs:
        raise ReadError("文件分为若干部分，但没有“部门决算说明”或“其他重要事项的情况说明”部分")
    narrative.year = year or _year_of(narrative)
    return narrative


def _year_of(narrative: Narrative) -> int | None:
    """The year the narrative is about: its heading's year, else the year it names most often."""
    for heading in narrative.sections + [p.text for p in narrative.paragraphs[:3]]:
        found = _HEADING_YEAR.search(heading)
        if found:
            return int(found.group(1))
    counts = Counter(
        int(m.group(1)) for p in narrative.paragraphs for m in _ANY_YEAR.finditer(p.text)
    )
    if not counts:
        return None
    most = max(counts.values())
    return max(year for year, n in counts.items() if n == most)  # a tie: the later year
