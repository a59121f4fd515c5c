"""Scans of seed forms read back by OCR: printed to PDF, rendered at 150 dpi, tilted ≤ 1° and
noisy, then given to jixiao as a scanned PDF (no text layer) and as a multi-page TIFF through the
CLI; and a phone photo of a first page. Each is read once per test session."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from scan_images import image_pdf, jpeg, key_facts, photographed, printed, rendered, scanned, tiff
from seeds import all_seed_forms

from jixiao.cli import main
from jixiao.extract import extract_forms
from jixiao.model.form import Form
from jixiao.read import read_bytes
from jixiao.scoring.policy import load_policy
from jixiao.services.check import check_forms

PDF_FORM, TIFF_FORM, PHOTO_FORM = 3, 33, 0  # 3: its table runs onto page 2


@pytest.fixture(scope="session")
def scans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scans, made once: a two-page scanned PDF, a two-page TIFF, a phone photo (JPEG)."""
    root = tmp_path_factory.mktemp("scans")
    forms = all_seed_forms()
    for name, index in (("pdf", PDF_FORM), ("tiff", TIFF_FORM), ("photo", PHOTO_FORM)):
        pages = rendered(printed(forms[index], root / f"{name}-print.pdf"))
        if name == "pdf":
            (root / "scan.pdf").write_bytes(
                image_pdf([scanned(p, 10 + n) for n, p in enumerate(pages)])
            )
        elif name == "tiff":
            (root / "scan.tif").write_bytes(tiff([scanned(p, 20 + n) for n, p in enumerate(pages)]))
        else:
            (root / "photo.jpg").write_bytes(jpeg(photographed(pages[0], 30)))
    return root


@pytest.fixture(scope="session")
def pdf_forms(scans: Path) -> list[Form]:
    return extract_forms(read_bytes((scans / "scan.pdf").read_bytes(), "扫描件.pdf"))


def test_a_scanned_pdf_reads_back_the_same_key_facts(pdf_forms: list[Form]) -> None:
    assert len(pdf_forms) == 1
    assert key_facts(pdf_forms[0]) == key_facts(all_seed_forms()[PDF_FORM])


def test_a_scanned_table_continues_across_its_pages_and_its_cells_carry_page_box_confidence(
    pdf_forms: list[Form],
) -> None:
    form = pdf_forms[0]
    assert form.source.format == "scan-pdf"
    # the 总分 row is printed on page 2: the table runs on there, as one table
    assert {ind.name.loc.table for ind in form.indicators if ind.name.loc} == {0}
    total = form.total_score.loc
    assert total is not None and total.page == 2 and total.table == 0
    loc = form.funds.total.annual_budget.loc
    assert loc is not None and loc.page == 1 and loc.box is not None
    x0, top, x1, bottom = loc.box
    assert 0 < x0 < x1 and 0 < top < bottom  # page pixels of the prepared page
    assert loc.confidence is not None and 0.5 < loc.confidence <= 1
    assert "confidence" in form.locations()["funds.total.annual_budget"]
    assert Form.from_json_dict(form.to_json_dict()).funds.total.annual_budget.loc == loc


def test_a_value_read_with_low_confidence_is_a_finding_naming_the_cell_and_the_value(
    pdf_forms: list[Form],
) -> None:
    form = pdf_forms[0].model_copy(deep=True)
    executed = form.funds.total.executed
    assert executed.loc is not None
    low = dataclasses.replace(executed.loc, confidence=0.62)
    form.funds.total.executed = executed.model_copy(update={"loc": low})
    [checked] = check_forms([form], load_policy("beijing"))
    findings = [f for f in checked.findings if f.code == "OCR_LOW_CONFIDENCE"]
    [found] = [f for f in findings if f.path == "funds.total.executed"]
    assert found.severity.value == "info"
    assert found.message.startswith("识别置信度低（0.62）：读作“" + executed.text)
    assert "全年执行数" in found.location and "第1页" in found.location
    [checked] = check_forms(pdf_forms, load_policy("beijing"))
    clean = [f for f in checked.findings if f.code == "OCR_LOW_CONFIDENCE"]
    assert all(f.message.startswith("识别置信度低（0.") for f in clean)


def test_a_multi_page_tiff_reads_through_the_cli_with_page_progress(
    scans: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", str(scans / "scan.tif"), "--json"]) == 0
    out, err = capsys.readouterr()
    assert "识别第 1/2 页…" in err and "识别第 2/2 页…" in err  # the second page is blank
    forms = [Form.from_json_dict(f) for f in json.loads(out)["forms"]]
    assert len(forms) == 1
    assert key_facts(forms[0]) == key_facts(all_seed_forms()[TIFF_FORM])


def test_a_phone_photo_of_the_first_page_reads_its_header_and_funds(scans: Path) -> None:
    forms = extract_forms(read_bytes((scans / "photo.jpg").read_bytes(), "手机照片.jpg"))
    assert len(forms) == 1
    got, expected = key_facts(forms[0]), key_facts(all_seed_forms()[PHOTO_FORM])
    assert {k: got[k] for k in ("name", "year", "A", "B")} == {
        k: expected[k] for k in ("name", "year", "A", "B")
    }
