"""The department report opened with python-docx: GB/T 9704 page, fonts, headings, table, charts."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from jixiao.department.report import write_department_report


@pytest.fixture(scope="module")
def document(report_path: Path):  # type: ignore[no-untyped-def]
    return docx.Document(str(report_path))


def _east_asia(run) -> str | None:  # type: ignore[no-untyped-def]
    fonts = run._element.rPr.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def test_the_page_is_a4_with_the_official_margins(document) -> None:  # type: ignore[no-untyped-def]
    section = document.sections[0]
    # Word stores twentieths of a point: millimetres come back to a tenth
    size = [round(x.mm, 1) for x in (section.page_width, section.page_height)]
    assert size == [210, 297]
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm, 1) for m in margins] == [37, 35, 28, 26]


def test_the_title_is_centred_in_2hao_xiaobiaosong(document) -> None:  # type: ignore[no-untyped-def]
    title = document.paragraphs[0]
    assert title.text == "丰台区政务服务管理局2021年度部门整体绩效评价报告"
    run = title.runs[0]
    assert _east_asia(run) == "方正小标宋简体"
    assert run.font.size == Pt(22)
    assert run.font.bold is True
    assert title.alignment == 1  # centre


def test_the_body_is_3hao_fangsong_on_28pt_lines_indented_two_characters(document) -> None:  # type: ignore[no-untyped-def]
    body = next(p for p in document.paragraphs if p.text.startswith("2021年度，本部门"))
    assert _east_asia(body.runs[0]) == "仿宋_GB2312"
    assert body.runs[0].font.size == Pt(16)
    normal = document.styles["Normal"].paragraph_format
    assert normal.line_spacing == Pt(28)
    assert normal.first_line_indent == Pt(32)


def test_the_headings_are_numbered_in_heiti_and_kaiti(document) -> None:  # type: ignore[no-untyped-def]
    level1 = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    level2 = [p for p in document.paragraphs if p.style.name == "Heading 2"]
    assert [p.text for p in level1] == [
        "一、当年预算执行情况",
        "二、项目支出绩效自评情况",
        "三、审核发现",
        "四、总体评价结论",
        "五、存在的问题和改进建议",
    ]
    assert all(_east_asia(p.runs[0]) == "黑体" for p in level1)
    assert level2[0].text == "（一）总体情况"
    assert all(_east_asia(p.runs[0]) == "楷体" for p in level2)
    assert {p.runs[0].font.size for p in level1 + level2} == {Pt(16)}


def test_the_budget_paragraph_states_the_figures_like_seed_002(document) -> None:  # type: ignore[no-untyped-def]
    texts = [p.text for p in document.paragraphs]
    assert (
        "2021年度，本部门全年预算数为4149.35万元，其中基本支出696.85万元、项目支出3452.50万元；"
        "全年执行数4125.94万元，其中基本支出673.06万元、项目支出3452.88万元，预算执行率99.44%。"
    ) in texts
    assert "年末结转结余23.41万元，结转结余率为0.57%（年末结转结余÷执行数）。" in texts
    assert any("整体绩效综合得分99.87分，绩效评价为“优秀”" in t for t in texts)


def test_the_project_table_has_a_row_per_project_and_a_total(document) -> None:  # type: ignore[no-untyped-def]
    table = document.tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == [
        "序号",
        "项目名称",
        "全年预算数",
        "执行数",
        "执行率",
        "填报总分",
        "计算总分",
        "等级",
    ]
    assert len(rows) == 1 + 13 + 1
    assert rows[1] == [
        "1",
        "电子政务内网机房建设",
        "12.49",
        "12.49",
        "100.00%",
        "100.00",
        "100.00",
        "优秀",
    ]
    party = next(r for r in rows if r[1] == "政管局党费返还留成党建经费")
    assert party[2:5] == ["0.50", "0.38", "76.21%"]  # 0.4986 → 0.50, 0.38 ÷ 0.4986
    # 合计: Σ 1535.5881 → 1535.59, Σ 1535.4695 → 1535.47, declared mean 1260 ÷ 13 = 96.92
    assert rows[-1][1:6] == ["合计", "1535.59", "1535.47", "99.99%", "96.92"]


def test_it_has_the_two_charts(document) -> None:  # type: ignore[no-untyped-def]
    assert len(document.inline_shapes) == 2
    captions = [p.text for p in document.paragraphs if p.text.startswith("图")]
    assert captions == ["图1  项目总分分布（填报与计算）", "图2  各项目预算执行率"]


def test_the_findings_come_errors_first_with_counts_and_projects(document) -> None:  # type: ignore[no-untyped-def]
    texts = [p.text for p in document.paragraphs]
    errors = texts.index("（一）错误（15项）")
    warnings = next(i for i, t in enumerate(texts) if t.startswith("（二）最常见的警告"))
    assert errors < warnings
    assert texts[errors + 1].startswith("1.实际值与目标值无法比较：4项，涉及1个项目：")


def test_the_problems_and_advice_come_from_the_findings(document) -> None:  # type: ignore[no-untyped-def]
    texts = [p.text for p in document.paragraphs]
    start = texts.index("五、存在的问题和改进建议")
    closing = "\n".join(texts[start:])
    assert "绩效目标的设定不够具体、细化" in closing
    assert "目标没有量化" in closing
    assert "政管局党费返还留成党建经费（76.21%）" in closing  # the one slow project


def test_the_footer_has_the_page_number_in_4hao_songti(document) -> None:  # type: ignore[no-untyped-def]
    footer = document.sections[0].footer.paragraphs[0]
    assert footer.text.startswith("— ") and footer.text.endswith(" —")
    assert "PAGE" in footer._p.xml
    assert _east_asia(footer.runs[0]) == "宋体"
    assert footer.runs[0].font.size == Pt(14)


def test_it_writes_to_a_file_object_too(evaluation) -> None:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    write_department_report(evaluation, buffer)
    assert docx.Document(io.BytesIO(buffer.getvalue())).paragraphs[0].text.endswith("评价报告")
