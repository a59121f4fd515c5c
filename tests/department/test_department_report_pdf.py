"""LibreOffice opens the department report and prints the title, the table and the figures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pdfplumber
from office import convert


def test_libreoffice_converts_the_report_to_a_pdf_with_its_content(
    report_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "report.docx"
    shutil.copy(report_path, source)
    pdf = convert(source, "pdf")
    with pdfplumber.open(pdf) as document:
        text = "\n".join(page.extract_text() or "" for page in document.pages)
        assert len(document.pages) >= 3
    flat = text.replace("\n", "").replace(" ", "")
    assert "丰台区政务服务管理局2021年度部门整体绩效评价报告" in flat
    assert "全年预算数为4149.35万元" in flat
    assert "预算执行率99.44%" in flat
    assert "合计1535.591535.4799.99%" in flat
    assert "— 1 —" in text
