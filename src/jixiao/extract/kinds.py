"""Which document a file is: a self-evaluation form, a 绩效目标申报表 or a 绩效运行监控表.

The web import routes an uploaded file by this answer (domain.md §13). It is told by what only
each document has, strongest first:

1. a monitoring column (完成目标可能性, 全年预计执行数 / 全年预计完成值, or an amount or value
   "1-7月" — any months — 执行数 / 实际完成值): a 监控表;
2. a title line naming a 申报表 (绩效目标申报表, 绩效目标表 …, see labels.toml ``[targets]``):
   a 申报表;
3. a title line naming monitoring (运行监控, 执行监控, 监控表): a 监控表;
4. the 申报表's own labels (项目属性, or 长期目标 beside 年度目标) without the self-evaluation's
   columns (实际完成值, 得分, 全年执行数): a 申报表;
5. anything else: a self-evaluation form ("self"), which the form reader then reads or refuses.

Only short lines count as titles (at most 60 characters), so a report's sentence that mentions
"绩效运行监控自评" (seed 002) does not make it a 监控表.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from operator import attrgetter

from jixiao.extract.targets import is_targets_title
from jixiao.extract.vocabulary import compact, normalise
from jixiao.model.grid import Cell, Document, Paragraph, Table

KINDS = ("self", "targets", "monitoring")
_TITLE_LENGTH = 60
_PERIOD = re.compile(
    r"(?:\d{1,2}\s*[-—–~～至到]\s*\d{1,2}\s*月份?|截[至止]\s*\d{1,2}\s*月份?)(?:底|末)?"
)
# columns only a 监控表 has; a period (1-7月) is left out before comparing
_MONITORING_LABELS = frozenset(
    {
        "完成目标可能性",
        "全年预计执行数",
        "全年预计完成值",
        "全年预计完成情况",
        "预计全年执行数",
        "预计全年完成值",
    }
)
_PERIOD_LABELS = frozenset({"执行数", "执行率", "实际完成值", "实际完成情况", "目标完成情况"})
_MONITORING_TITLES = ("运行监控", "执行监控", "监控表", "监控情况表")
_col = attrgetter("col")
_SELF_LABELS = frozenset({"实际完成值", "得分", "全年执行数", "全年执行数(B)", "自评分", "完成值"})


def document_kind(document: Document) -> str:
    """ "self", "targets" or "monitoring": which document the file holds (see the module)."""
    titles = list(_title_lines(document))
    labels = set(_labels(document))
    if labels & _MONITORING_LABELS or any(_period_label(text) for text in labels):
        return "monitoring"
    if any(is_targets_title(t) and "自评" not in t and "监控" not in t for t in titles):
        return "targets"
    if any(m in t for t in titles for m in _MONITORING_TITLES if "自评" not in t):
        return "monitoring"
    plain = {normalise(_PERIOD.sub("", text)) for text in labels}
    own = "项目属性" in plain or {"长期目标", "年度目标"} <= plain
    if own and not plain & _SELF_LABELS:
        return "targets"
    return "self"


def _title_lines(document: Document) -> Iterator[str]:
    """Short lines outside the tables, and rows of a table with at most two filled cells."""
    for block in document.blocks:
        if isinstance(block, Paragraph):
            for line in block.text.split("\n"):
                if line.strip() and len(line.strip()) <= _TITLE_LENGTH:
                    yield line.strip()
        elif isinstance(block, Table):
            # a row's filled cells are its own (a cell merged from above is empty in that row,
            # see Table.rows()), so the cells grouped by row are enough, in the rows' order
            filled: dict[int, list[Cell]] = {}
            for cell in block.cells:
                if cell.text.strip():
                    filled.setdefault(cell.row, []).append(cell)
            for row in sorted(filled):
                cells = filled[row]
                if len(cells) <= 2:
                    text = "".join(c.text.strip() for c in sorted(cells, key=_col))
                    if len(text) <= _TITLE_LENGTH:
                        yield text


def _labels(document: Document) -> Iterator[str]:
    """Every short table cell, as written (NFKC, no whitespace)."""
    for table in document.tables:
        for cell in table.cells:
            text = compact(cell.text)
            if 0 < len(text) <= 20:
                yield text


def _period_label(text: str) -> bool:
    """ "1-7月执行数", "截至7月底实际完成值": a column of a period shorter than the year."""
    if not _PERIOD.search(text):
        return False
    return normalise(_PERIOD.sub("", text)) in _PERIOD_LABELS
