"""The computed sheet written to .xlsx and .docx reads back into the same panel."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from panel_seed import AVERAGE_TOTAL, EXPERT_TOTALS, EXPERTS, ROWS, d, seed_result

from jixiao.panel.check import check_path
from jixiao.panel.framework import load_framework
from jixiao.panel.write import write_docx, write_xlsx


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_it_reads_back_the_same_scores_and_totals(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"sheet{suffix}"
    (write_xlsx if suffix == ".xlsx" else write_docx)(seed_result(), path)
    run = check_path(path, load_framework())
    assert run.errors == []
    (result,) = run.results
    assert result.panel.experts == EXPERTS
    assert result.panel.title == "丰台区2021年区政府网站运维"
    for name, (_, scores, total, average) in ROWS.items():
        assert result.panel.scores[name] == [d(s) for s in scores]
        assert result.panel.sheet.rows[name].sum.text == total
        assert d(result.panel.sheet.rows[name].average.text) == d(average)  # written as 1.50
    assert [t.text for t in result.panel.sheet.expert_totals] == EXPERT_TOTALS
    assert result.panel.sheet.average_total.text == AVERAGE_TOTAL
    assert result.total == d(AVERAGE_TOTAL) and result.grade == "良好"
    # the written figures agree with the computed ones: no finding about the sheet
    assert result.findings == []


def test_the_workbook_has_the_sheet_the_groups_and_the_findings(tmp_path: Path) -> None:
    path = tmp_path / "sheet.xlsx"
    write_xlsx(seed_result(), path)
    book = load_workbook(path)
    assert book.sheetnames == ["专家评分表", "分组得分", "审核发现"]
    sheet = book["专家评分表"]
    header = [c.value for c in sheet[2]]
    assert header[:4] == ["一级指标", "二级指标", "三级指标", "分值"]
    assert header[4:] == [*EXPERTS, "合计", "平均分", "失分率"]
    assert [c.value for c in sheet[21]][3:11] == [100, 82.4, 83, 81.7, 85, 86.5, 418.6, 83.72]
    groups = {row[1]: row for row in book["分组得分"].iter_rows(values_only=True)}
    assert groups["资金管理"][3:6] == (9.8, 2.2, "18.33%")
    assert book["审核发现"]["A2"].value == "PANEL_LOSS_RATE_MISMATCH"
