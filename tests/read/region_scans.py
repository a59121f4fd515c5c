"""Scanned copies of the regional fixtures (tests/fixtures/regions), shared by
tests/read/test_regional_scans.py and bench/regions.py --scans.

Each template's PDF (LibreOffice's rendering of its .docx) is printed to 150 dpi images, tilted
by at most 1° and given noise (`scan_images.scanned`, a fixed seed per template and page) and put
into a PDF without a text layer, as a scanner writes one. What a read of it must get right is
the spec's hand-checked values: name, year, A, B, the number of indicators and the total.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fixtures.regions.build import Spec, specs
from scan_images import image_pdf, key_facts, rendered, scanned

from jixiao.extract import extract_forms
from jixiao.model.form import Form
from jixiao.read import ReadError, read_bytes

SEED = 700  # the seeds of a template's pages: SEED + 10 × its place among the specs + page


def spec(template: str) -> Spec:
    return next(s for s in specs() if s.id == template)


def expected_facts(s: Spec) -> dict[str, object]:
    """The key facts (`scan_images.key_facts`) the spec's [expected] table gives; a form
    without a 总分 row (转移支付) has the total ""."""
    e: dict[str, Any] = s.expected

    def squeezed(text: str) -> str:
        return "".join(text.split())

    return {
        "name": squeezed(e["project_name"]),
        "year": e["year"],
        "A": squeezed(e["annual_budget"]),
        "B": squeezed(e["executed"]),
        "indicators": len(e["indicators"]),
        "total": squeezed(e.get("total_score", "")),
    }


def scanned_pdf(template: str, pdf: Path) -> tuple[bytes, int]:
    """The template's PDF printed, scanned and put back into an image-only PDF; and its pages."""
    place = [s.id for s in specs()].index(template)
    pages = [scanned(p, SEED + 10 * place + n) for n, p in enumerate(rendered(pdf))]
    return image_pdf(pages), len(pages)


def read_scan(template: str, data: bytes) -> tuple[list[Form], str]:
    """The forms read from a scan, and the reader's reason when there are none."""
    try:
        forms = extract_forms(read_bytes(data, f"{template}-扫描件.pdf"))
    except ReadError as exc:
        return [], exc.reason
    return forms, "" if forms else "没有读出自评表"


def facts_read(template: str, data: bytes) -> tuple[dict[str, object] | None, str]:
    """The key facts of the first form read from a scan, or None and the reason."""
    forms, reason = read_scan(template, data)
    return (key_facts(forms[0]), "") if forms else (None, reason)
