"""The form page shows what other regions' templates declare beside the Beijing blocks (issue 12):
报表编号, the form's own 复核分 (apart from the reviewer's), split targets, groups, the extra funds
rows in the block's unit, the 原因 of a funds row, the text blocks. A Beijing form's page has none
of it. The regional fixtures (tests/fixtures/regions, built once per session) are uploaded into
the test world as a clerk uploads them."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from django.urls import reverse

from jixiao.web.forms.templatetags.regional import regional_extras
from jixiao.web.services.imports import import_file


def _page(world, region_files: dict[tuple[str, str], Path], template: str, kind: str = "xlsx"):
    path = region_files[template, kind]
    done = import_file(world.filler_a, path.name, path.read_bytes(), unit=world.unit_a)
    assert done.forms and not done.error, done.error
    response = world.client(world.filler_a).get(reverse("forms:detail", args=[done.forms[0].pk]))
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def _text(page, xpath: str) -> str:
    [node] = page.xpath(xpath)
    return " ".join(node.text_content().split())


def _rows(page, table_id: str) -> list[list[str]]:
    return [
        [" ".join(td.text_content().split()) for td in tr.xpath("./th|./td")]
        for tr in page.xpath(f'//table[@id="{table_id}"]//tr')
    ]


def test_a_sichuan_form_shows_its_report_number_split_targets_funds_rows_and_text_blocks(
    world, region_files
) -> None:
    page = _page(world, region_files, "sichuan")
    section = _text(page, '//section[@id="regional"]/h2')
    assert "四川省 部门预算项目支出绩效自评表" in section
    assert _text(page, '//*[@id="cell-report_number"]') == "510000_0013zp"
    assert _text(page, '//*[@id="layout-notes"]').startswith("“权重”即分值")
    assert "评分规则：sichuan" in page.text_content()
    funds = _rows(page, "regional-funds")
    assert funds[0] == ["资金（万元）", "年初预算数", "全年预算数", "全年执行数", "执行率", "原因"]
    assert funds[1] == ["年度资金总额", "见上表", "", "年中调资追加预算12.96万元，已全部执行。"]
    assert funds[2] == ["财政专户管理资金", "0.00", "0.00", "0.00", "0.00%", ""]
    assert funds[3] == ["单位资金", "0.00", "0.00", "0.00", "0.00%", ""]
    indicators = _rows(page, "regional-indicators")
    assert indicators[0] == ["三级指标", "指标性质", "指标值", "度量单位", "读作年度指标值"]
    assert indicators[1:] == [
        ["发放（缴纳）覆盖率", "=", "100", "%", "=100%"],
        ["发放（缴纳）及时率", "=", "100", "%", "=100%"],
        ["足额保障率（参保率）", "=", "100", "%", "=100%"],
    ]
    # each row links to its indicator on the paper form above
    link = page.xpath('//table[@id="regional-indicators"]//a')[0].get("href")
    assert link == "#cell-indicators.0.name" and page.xpath('//*[@id="cell-indicators.0.name"]')
    headings = [h.text_content() for h in page.xpath('//section[@id="regional"]/h3')]
    assert headings == ["项目实施内容及过程概述", "评价结论", "存在问题", "改进措施"]
    assert (
        _text(page, '//*[@id="cell-problems"]')
        == "年初预算编制未充分考虑年中调资因素，发生预算追加。"
    )
    assert _text(page, '//*[@id="cell-overview"]').startswith("按月核定工资及社保缴费基数")
    assert not page.xpath('//*[@id="declared-reviewed"]')  # 四川 declares no 复核分


def test_a_hubei_form_shows_its_declared_reviewed_scores_apart_from_the_reviewers(
    world, region_files
) -> None:
    page = _page(world, region_files, "hubei", "docx")
    declared = _text(page, '//*[@id="declared-reviewed"]')
    assert declared.startswith("表上填写的复核分：预算执行 19.2 分；总分 97.2 分")
    assert _text(page, '//*[@id="cell-total_reviewed_score"]') == "97.2"
    rows = _rows(page, "regional-indicators")
    assert rows[0] == ["三级指标", "分组", "表上复核分"]
    assert rows[1] == ["维修校舍面积", "年度绩效目标1（40分）", "10"]
    assert rows[5][1] == "年度绩效目标2（40分）"
    assert rows[8] == ["师生满意度", "年度绩效目标2（40分）", "9"]
    assert len(rows) == 9
    # the reviewer's own 复核分 (ReviewedScore) is a different thing: none recorded yet
    assert _text(page, '//*[@id="reviewed-total"]') == "尚未复核评分"
    assert not page.xpath('//table[@id="regional-funds"]')


def test_a_transfer_form_shows_its_central_and_local_funds_rows(world, region_files) -> None:
    page = _page(world, region_files, "transfer", "docx")
    funds = _rows(page, "regional-funds")
    assert funds[1:] == [
        ["中央补助", "4,200", "4,200", "4,200", "100.00%", ""],
        ["地方资金", "1,400", "1,400", "1,232", "88.00%", ""],
    ]
    assert not page.xpath('//table[@id="regional-indicators"]')


def test_groups_of_the_older_decision_management_performance_form(world, region_files) -> None:
    page = _page(world, region_files, "dmp")
    rows = _rows(page, "regional-indicators")
    assert rows[0] == ["三级指标", "分组"]
    assert [r[1] for r in rows[1:]] == ["共性指标（30分）"] * 4 + ["个性指标（70分）"] * 4


def test_a_yunnan_form_shows_its_split_targets(world, region_files) -> None:
    page = _page(world, region_files, "yunnan", "docx")
    rows = _rows(page, "regional-indicators")
    assert rows[1] == ["维修养护工程处数", "≥", "35", "处", "≥35处"]
    assert len(rows) == 8


def test_a_shanghai_form_in_yuan_names_its_unit_and_adds_nothing_else(world, region_files) -> None:
    page = _page(world, region_files, "shanghai")
    assert "项目资金（元）" in _text(page, '//table[contains(@class,"paper")]//tr[6]/td[1]')
    assert not page.xpath('//section[@id="regional"]')


def test_a_beijing_form_page_looks_as_before(world) -> None:
    response = world.client(world.filler_a).get(reverse("forms:detail", args=[world.form_a.pk]))
    page = response.content.decode()
    assert "公共服务经费" in page
    assert 'id="regional"' not in page and "本表式另填的内容" not in page
    assert "表上填写的复核分" not in page and "报表编号" not in page


def test_declared_scores_are_formatted_as_scores_and_findings_mark_their_cells() -> None:
    data = {
        "layout": "hubei",
        "report_number": " 420000_07 ",
        "total_reviewed_score": "97.50",
        "funds": {"reviewed_score": "19.20", "unit": "元", "extra": {}},
        "stated_weights": {"年度绩效目标1": "40.0"},
        "indicators": [
            {"name": "甲", "group": "年度绩效目标1", "reviewed_score": "9.50"},
            {"name": "乙"},  # nothing regional: not listed
        ],
    }
    findings = [
        {"n": 1, "path": "report_number", "severity": "warning"},
        {"n": 2, "path": "indicators.0.reviewed_score", "severity": "error"},
        {"n": 3, "path": "indicators.0.reviewed_score", "severity": "info"},
    ]
    rx = regional_extras(data, findings)
    assert rx is not None
    assert rx["layout_name"].startswith("湖北省")
    assert rx["report_number"]["text"] == "420000_07"
    assert rx["report_number"]["marks"] == [1] and rx["report_number"]["severity"] == "warning"
    assert [(r["label"], r["text"]) for r in rx["reviewed"]] == [
        ("预算执行", "19.2"),
        ("总分", "97.5"),
    ]
    [row] = rx["indicators"]
    assert row["group"] == "年度绩效目标1（40分）"
    assert row["reviewed"]["text"] == "9.5"
    assert row["reviewed"]["marks"] == [2, 3] and row["reviewed"]["severity"] == "error"
    assert rx["columns"] == {"group": True, "parts": False, "reviewed": True}
    assert rx["funds_rows"] == []


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},
        {"layout": "beijing", "funds": {"unit": "万元"}, "indicators": [{"name": "x"}]},
        {"funds": "乱码", "indicators": ["乱码", None], "stated_weights": [], "conclusion": 7},
    ],
)
def test_a_form_with_nothing_regional_or_odd_json_gives_no_extras(data) -> None:
    assert regional_extras(data, []) is None
