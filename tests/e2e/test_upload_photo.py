"""Tried as a new user would: a clerk uploads a phone photo of a form's first page in the
browser, sees the form read from it, and beside each value read with low confidence the image
of that cell cut from the photo."""

from __future__ import annotations

import sys
from pathlib import Path

from browser_steps import log_in
from playwright.sync_api import Page, expect

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "read"))
from scan_images import jpeg, photographed, printed, rendered  # noqa: E402
from seeds import all_seed_forms  # noqa: E402


def test_a_phone_photo_uploaded_in_the_browser_shows_its_form_and_low_confidence_cells(
    page: Page, world, tmp_path: Path
) -> None:
    photo = tmp_path / "手机照片.jpg"
    photo.write_bytes(
        jpeg(photographed(rendered(printed(all_seed_forms()[0], tmp_path / "f.pdf"))[0], 7))
    )
    log_in(page, "tianbao_a")
    page.goto("/forms/upload/")
    page.locator("#files").set_input_files(str(photo))
    page.locator("#upload-button").click()
    outcomes = page.locator("#outcomes")
    expect(outcomes).to_contain_text("读出 1 张自评表", timeout=300_000)  # OCR on a busy machine
    outcomes.get_by_role("link", name="市民服务中心工作经费").click()
    expect(page.locator("table.paper").first).to_contain_text("市民服务中心工作经费")
    finding = page.locator('li[data-code="OCR_LOW_CONFIDENCE"]').first
    expect(finding).to_contain_text("识别置信度低（0.")
    image = finding.locator("img.cell-image")
    image.scroll_into_view_if_needed()
    expect(image).to_be_visible()
    # the crop loaded: a real image with a width, not a broken link
    # (the crop is cut from the photo's page prepared again: on a busy machine that takes a while)
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 10",
        arg=image.element_handle(),
        timeout=180_000,
    )
