"""The computed sheet for a terminal: aligned columns (CJK counts double), then groups and findings."""

from __future__ import annotations

from typing import TextIO

from jixiao.cli.common import fit
from jixiao.panel.compute import Result, fixed, percent
from jixiao.panel.write import group_rows, sheet_rows

SHEET_WIDTHS = [12, 16, 16, 6]  # 一级, 二级, 三级, 分值; experts and the rest get 8


def _line(cells: list[str], widths: list[int]) -> str:
    return " ".join(fit(text, width) for text, width in zip(cells, widths, strict=False)).rstrip()


def print_result(result: Result, out: TextIO) -> None:
    places = result.framework.settings.decimals
    title = result.panel.title or "（未写明项目名称）"
    out.write(f"项目：{title}\n")
    out.write(f"来源：{result.panel.source or '—'}　指标体系：{result.framework.title}\n\n")
    rows = sheet_rows(result)
    widths = SHEET_WIDTHS + [8] * (len(rows[0]) - len(SHEET_WIDTHS))
    for i, row in enumerate(rows):
        if i and i < len(rows) - 1:
            before = rows[i - 1]
            row = [*("" if row[k] == before[k] and i > 1 else row[k] for k in (0, 1)), *row[2:]]
        out.write(_line(row, widths) + "\n")
    out.write("\n")
    group_widths = [10, 14, 8, 8, 8, 10, 10]
    for row in group_rows(result)[:-2]:
        out.write(_line(row, group_widths) + "\n")
    out.write(
        f"\n综合得分：{fixed(result.total, places)}　等级：{result.grade}　"
        f"（平均总分 {fixed(result.average_total, places)}，失分率 "
        f"{percent((result.framework.total - result.total) / result.framework.total, places)}）\n"
    )
    if not result.findings:
        out.write("审核发现：无（表中和报告中写明的数字都与计算一致）\n")
        return
    out.write(f"审核发现（{len(result.findings)} 条）：\n")
    for f in result.findings:
        out.write(f"  [{f.severity.label}] {f.code}  {f.message}（{f.location}）\n")
