"""Checking panels: compute the sheet, set what it and its report declare against it.

The one entry point the CLI, the web pages and the API share: `check_path` for a file,
`check_document` for a read document, `evaluate` for a panel whose scores came from anywhere
(a database, a form), optionally with a report's statements.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jixiao.model.finding import Finding, Severity
from jixiao.model.form import Declared, FileError
from jixiao.model.grid import Document, Paragraph
from jixiao.panel.compare import agrees
from jixiao.panel.compute import Result, compute, plain
from jixiao.panel.framework import Framework
from jixiao.panel.model import Panel
from jixiao.panel.report import Statement, check_statements, statements_in
from jixiao.panel.sheet import SheetError, find_sheets
from jixiao.values import parse_number


def evaluate(panel: Panel, statements: list[Statement] | None = None) -> Result:
    """The computed sheet with every finding: scores, the sheet's figures, the report's."""
    result = compute(panel)
    if panel.sheet is not None:
        result.findings[:0] = [*panel.sheet.problems, *check_sheet(result)]
    if statements:
        result.findings.extend(check_statements(statements, result))
    return result


def _mismatch(code: str, message: str, declared: Declared, where: str) -> Finding:
    location = declared.loc.describe() if declared.loc else where
    return Finding(code=code, severity=Severity.ERROR, message=message, location=location)


def check_sheet(result: Result) -> list[Finding]:
    """The figures a score sheet declares (分值, 合计, 平均分, 总分) against the computed ones."""
    sheet = result.panel.sheet
    if sheet is None:
        return []
    places = result.framework.settings.decimals
    out: list[Finding] = []

    def differs(declared: Declared, computed: Any) -> bool:
        number = parse_number(declared.text) if declared.text else None
        return number is not None and not agrees(number, computed, places)

    for row in result.rows:
        written = sheet.rows.get(row.name)
        if written is None:
            continue
        where = f"{sheet.where}·{row.name}"
        for i, cell in enumerate(written.scores):
            if cell.text and parse_number(cell.text) is None:
                out.append(
                    _mismatch(
                        "PANEL_SCORE_UNREADABLE",
                        f"专家{result.panel.experts[i]}对“{row.name}”的评分“{cell.text}”不是数字",
                        cell,
                        where,
                    )
                )
        if differs(written.weight, row.weight):
            out.append(
                _mismatch(
                    "PANEL_WEIGHT_MISMATCH",
                    f"评分表中“{row.name}”的分值为 {written.weight.text}，指标体系中为 {plain(row.weight)}",
                    written.weight,
                    where,
                )
            )
        if differs(written.sum, row.sum):
            out.append(
                _mismatch(
                    "PANEL_ROW_SUM_MISMATCH",
                    f"评分表中“{row.name}”的合计为 {written.sum.text}，各专家评分之和为 {plain(row.sum)}",
                    written.sum,
                    where,
                )
            )
        if row.count and differs(written.average, row.sum / row.count):
            mean = plain(row.sum / row.count)
            out.append(
                _mismatch(
                    "PANEL_ROW_AVERAGE_MISMATCH",
                    f"评分表中“{row.name}”的平均分为 {written.average.text}，"
                    f"{plain(row.sum)} ÷ {row.count} = {mean}",
                    written.average,
                    where,
                )
            )
    for expert, written in zip(result.experts, sheet.expert_totals, strict=False):
        if differs(written, expert.total):
            out.append(
                _mismatch(
                    "PANEL_EXPERT_TOTAL_MISMATCH",
                    f"评分表中专家{expert.name}的总分为 {written.text}，其各项评分之和为 {plain(expert.total)}",
                    written,
                    sheet.where,
                )
            )
    if differs(sheet.total_weight, result.framework.total):
        out.append(
            _mismatch(
                "PANEL_WEIGHT_MISMATCH",
                f"评分表中总分的分值为 {sheet.total_weight.text}，指标体系中为 {plain(result.framework.total)}",
                sheet.total_weight,
                sheet.where,
            )
        )
    if differs(sheet.grand_total, result.grand_total):
        out.append(
            _mismatch(
                "PANEL_GRAND_TOTAL_MISMATCH",
                f"评分表中总分的合计为 {sheet.grand_total.text}，各专家总分之和为 {plain(result.grand_total)}",
                sheet.grand_total,
                sheet.where,
            )
        )
    if differs(sheet.average_total, result.average_total):
        out.append(
            _mismatch(
                "PANEL_AVERAGE_TOTAL_MISMATCH",
                f"评分表中总分的平均分为 {sheet.average_total.text}，按计算为 {plain(result.average_total)}",
                sheet.average_total,
                sheet.where,
            )
        )
    return out


def check_document(
    document: Document, framework: Framework | None, lines: list[str] | None = None
) -> list[Result]:
    """Every score sheet of a document, each checked with the statements that follow it.

    The statements between one sheet and the next belong to the first: a report analyses its
    sheet after showing it, and what comes before (in 002, the department's own evaluation with
    its own 综合得分 and 等级) is about something else. ``lines`` (the text of a .txt file) lets
    a finding name its line instead of its paragraph.
    """
    found = find_sheets(document, framework)
    ordinal = {}  # block index → the paragraph's place among the paragraphs (第N段)
    for block in document.blocks:
        if isinstance(block, Paragraph):
            ordinal[id(block)] = len(ordinal)
    results = []
    for k, item in enumerate(found):
        end = found[k + 1].block if k + 1 < len(found) else len(document.blocks)
        paragraphs = [
            (line, _where(line, ordinal[id(block)], lines))
            for block in document.blocks[item.block : end]
            if isinstance(block, Paragraph)
            for line in block.text.splitlines()
            if line.strip()
        ]
        results.append(evaluate(item.panel, statements_in(paragraphs)))
    return results


def report_lines(document: Document, framework: Framework | None) -> list[str]:
    """The report text of a document, line by line: after its first score sheet if it has one."""
    try:
        found = find_sheets(document, framework)
    except SheetError:  # a sheet on another framework: the report is still text
        found = []
    start = found[0].block if found else 0
    return [
        line.strip()
        for block in document.blocks[start:]
        if isinstance(block, Paragraph)
        for line in block.text.splitlines()
        if line.strip()
    ]


def text_statements(text: str) -> list[Statement]:
    """The figures stated in pasted report text; each names its line (报告第N行)."""
    return statements_in(
        [(line, f"报告第{i}行") for i, line in enumerate(text.splitlines(), 1) if line.strip()]
    )


def _where(line: str, paragraph: int, lines: list[str] | None) -> str:
    """第N行 when the file's lines are known, else 第N段 (the paragraph's place, 0-based)."""
    probe = line.strip()[:40]
    for number, text in enumerate(lines or (), 1):
        if probe and probe in text:
            return f"第{number}行"
    return f"第{paragraph + 1}段"


@dataclass(slots=True)
class PanelRun:
    results: list[Result] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "panels": [r.to_json_dict() for r in self.results],
            "errors": [e.model_dump() for e in self.errors],
        }


def check_path(path: Path, framework: Framework | None) -> PanelRun:
    """Read a file (any format jixiao reads) and check every score sheet in it.

    ``framework`` None: each sheet is computed on its own indicators and weights.
    """
    from jixiao.read import ReadError, read_file
    from jixiao.read.encoding import decode_text

    run = PanelRun()
    try:
        document = read_file(path)
    except ReadError as exc:
        run.errors.append(FileError(file=str(path), message=f"{path}：{exc.reason}"))
        return run
    lines = None
    if document.format == "text":
        lines = decode_text(path.read_bytes()).splitlines()
    try:
        run.results = check_document(document, framework, lines)
    except SheetError as exc:
        run.errors.append(FileError(file=str(path), message=exc.message))
        return run
    if not run.results:
        run.errors.append(
            FileError(
                file=str(path),
                message=f"{path}：没有找到专家评分表（表头应有“三级指标”“分值”和各位专家的姓名）",
            )
        )
    return run
