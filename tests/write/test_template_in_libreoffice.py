"""The template opens in a real office suite without repair: LibreOffice prints it and saves it
again with its drop-downs, number checks, protection and formulas intact."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from office import convert
from openpyxl import load_workbook
from seeds import seed_forms

from jixiao.write.template_xlsx import write_template


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lo") / "模板.xlsx"
    write_template(path, form=seed_forms("004")[0])
    return path


def test_it_prints_the_form_and_the_instructions(template: Path) -> None:
    pdf = convert(template, "pdf")
    with pdfplumber.open(pdf) as document:
        pages = [page.extract_text() or "" for page in document.pages]
    first = pages[0].replace(" ", "")
    for label in (
        "项目支出绩效自评表",
        "（2020年度）",
        "项目名称",
        "公共服务经费",
        "全年预算数（A）",
        "执行率（B/A）",
        "其中：当年财政拨款",
        "年度总体目标",
        "偏差原因分析及改进措施",
        "总分",
        "90.10%",  # 1960.5869 ÷ 2175.9657, computed by LibreOffice on the way to PDF
        "9.01",
    ):
        assert label in first, label
    rest = "".join(pages[1:]).replace(" ", "")
    assert "填报说明" in rest
    assert "黄色单元格为填写处" in rest
    assert "二级指标与一级指标的对应关系" in rest


def test_libreoffice_keeps_the_checks_protection_and_formulas(template: Path) -> None:
    saved = load_workbook(convert(template, "xlsx", template.parent / "saved"))
    sheet = saved["自评表"]
    kinds = sorted(dv.type for dv in sheet.data_validations.dataValidation)
    assert kinds == ["custom", "decimal", "decimal", "list", "list", "list"]
    lists = {str(dv.sqref): dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert lists["B14:B33"].endswith("!$A$2:$A$4")
    assert sheet.protection.sheet
    assert sheet["C3"].protection.locked is False and sheet["A3"].protection.locked
    assert sheet["I7"].value.startswith("=IFERROR(IF(OR(N(E7)=0")
    assert sheet["G34"].value == '=IF(COUNT(G14:G33)=0,"",SUM(G7,G14:G33))'
    assert saved.sheetnames == ["自评表", "填报说明", "选项"]
