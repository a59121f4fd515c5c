"""Scanned copies of two regional templates read back by OCR (issue 12): each template's PDF
printed to 150 dpi images, tilted ≤ 1° and noisy, put into a PDF with no text layer
(tests/read/region_scans.py), read, and compared with the spec's hand-checked name, year, A, B,
indicator count and total. OCR is slow: two scans, made and read once per session;
`bench/regions.py --scans` reads all seven templates.

决策/管理/绩效 (dmp) and 四川 read back whole. 四川's page is landscape: the vertical-line kernel
is taken from the page's long side, so a character's vertical stroke is not a ruling line that
cuts the merged name cell (with the page's height it was one character tall and the name was cut).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from region_scans import expected_facts, read_scan, scanned_pdf, spec
from scan_images import key_facts

from jixiao.model.form import Form

TEMPLATES = ("dmp", "sichuan")


@pytest.fixture(scope="session")
def regional_scans(
    region_files: dict[tuple[str, str], Path],
) -> dict[str, tuple[list[Form], str, int]]:
    """Each template's scan read once: its forms, the reader's reason when none, its pages."""
    out: dict[str, tuple[list[Form], str, int]] = {}
    for template in TEMPLATES:
        if (template, "pdf") not in region_files:
            pytest.skip("LibreOffice (soffice) is not installed: the templates have no PDF")
        data, pages = scanned_pdf(template, region_files[template, "pdf"])
        assert data.startswith(b"%PDF")
        forms, reason = read_scan(template, data)
        out[template] = (forms, reason, pages)
    return out


def _one(regional_scans: dict[str, tuple[list[Form], str, int]], template: str) -> Form:
    forms, reason, _ = regional_scans[template]
    assert len(forms) == 1, reason
    return forms[0]


def test_the_scan_of_the_decision_management_performance_form_reads_back_whole(
    regional_scans,
) -> None:
    form = _one(regional_scans, "dmp")
    assert form.source.format == "scan-pdf"  # read by OCR: the PDF has no text layer
    assert key_facts(form) == expected_facts(spec("dmp"))
    assert key_facts(form) == {
        "name": "2018年新型职业农民培训",
        "year": 2018,
        "A": "60.00",
        "B": "57.30",
        "indicators": 8,
        "total": "98",
    }
    assert form.layout == "dmp"
    assert [ind.level1 for ind in form.indicators] == ["决策"] * 2 + ["管理"] * 2 + ["绩效"] * 4


@pytest.mark.xfail(
    strict=True,
    reason="已知未读对：第一列表头“指标类型”与“共性指标（30分）”之间的横线没有找到，两格连成一格，读不出分组",
)
def test_the_scan_of_the_decision_management_performance_form_reads_its_groups(
    regional_scans,
) -> None:
    form = _one(regional_scans, "dmp")
    assert [ind.group for ind in form.indicators] == ["共性指标"] * 4 + ["个性指标"] * 4


def test_the_scan_of_the_sichuan_form_reads_back_its_key_facts(regional_scans) -> None:
    form = _one(regional_scans, "sichuan")
    assert form.source.format == "scan-pdf"
    assert key_facts(form) == expected_facts(spec("sichuan"))
    # the name fills a merged cell across the landscape page: not cut by a character's stroke
    assert key_facts(form)["name"] == "51000021R000000019951-工资性支出"
