"""The scan reader's small corrections, each for a cause in how the page is read: the engine's
misreadings of this domain's commonest words, a closing bracket wiped with the ruling line beside
it, and a scanner's page rendered at its own resolution (no resampled specks)."""

from __future__ import annotations

import numpy as np
import pytest
from scan_images import image_pdf, scanned

from jixiao.read.ocr import TextBox, corrected
from jixiao.read.scan import DPI, _cell_text, pdf_pages


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("丰台区“互联网+政务服务”一网通办项自", "丰台区“互联网+政务服务”一网通办项目"),
        ("2023年第三批“小微项自惠民生”资金", "2023年第三批“小微项目惠民生”资金"),
        ("项自自评表", "项目自评表"),
        ("年度绩效自标", "年度绩效目标"),
        # real words as read stay
        ("单项自评得分", "单项自评得分"),
        ("各项自筹资金", "各项自筹资金"),
        ("项目", "项目"),
    ],
)
def test_the_engines_misreadings_of_common_words_are_put_right_and_real_words_stay(
    read: str, meant: str
) -> None:
    assert corrected(read) == meant
    assert len(corrected(read)) == len(read)  # word boxes keep their places


def _box(text: str, x0: float = 10, x1: float = 200) -> TextBox:
    return TextBox(x0, 10, x1, 30, text, 0.9)


@pytest.mark.parametrize(
    ("read", "cell"),
    [
        ("全年预算数（A", "全年预算数（A）"),
        ("执行率（B/A", "执行率（B/A）"),
        ("执行率（B/A）", "执行率（B/A）"),
        ("项目资金（万元）", "项目资金（万元）"),
        ("（", "（"),  # a lone bracket is not closed on a guess
        ("一级指标.", "一级指标"),  # a speck after the last character
        ("一级指.标", "一级指标"),
    ],
)
def test_a_bracket_wiped_with_the_cells_right_line_is_closed(read: str, cell: str) -> None:
    assert _cell_text([_box(read)], 400) == cell


def test_a_scanners_pdf_is_rendered_at_the_pictures_own_resolution() -> None:
    page = np.full((1754, 1241), 255, np.uint8)  # A4 at 150 dpi
    page[400:402, 100:1100] = 0
    data = image_pdf([scanned(page, 1)])
    (rendered,) = list(pdf_pages(data))
    assert rendered.shape[:2] == (1754, 1241)  # not resampled to DPI
    assert DPI != 150


def _ruled_page(rules: bool) -> np.ndarray:
    """An A4 page at 150 dpi: a table of ruling lines with text in it, or lines of text only."""
    import cv2

    page = np.full((1754, 1241), 255, np.uint8)
    for row in range(20):
        y = 200 + row * 60
        if rules:
            cv2.line(page, (100, y), (1140, y), 0, 2)
        for x in range(120, 1100, 34):
            cv2.putText(page, "8", (x, y + 42), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    return page


@pytest.mark.parametrize("rules", [True, False])
@pytest.mark.parametrize("angle", [-4.0, -0.7, 0.0, 0.6, 3.5])
def test_a_pages_tilt_is_found_from_its_ruling_lines_or_else_its_lines_of_text(
    rules: bool, angle: float
) -> None:
    from jixiao.read.scan import _tilt

    tilted = scanned(_ruled_page(rules), seed=7, tilt=angle)
    # cv2's rotation turns the page counter-clockwise by `angle`; straightening it takes -angle
    assert _tilt(tilted) == pytest.approx(-angle, abs=0.1)


def test_a_pages_cells_asked_for_at_once_prepare_the_page_once(monkeypatch) -> None:
    """A form page shows all its low-confidence cells' images together: the browser asks for
    them at once, and the scan's page is prepared for the first and waited for by the rest."""
    import threading

    from jixiao.read import scan

    made: list[int] = []
    real = scan.prepared_pages

    def counted(data: bytes, is_pdf: bool):  # type: ignore[no-untyped-def]
        made.append(1)
        yield from real(data, is_pdf)

    monkeypatch.setattr(scan, "prepared_pages", counted)
    page = np.full((400, 300), 255, np.uint8)
    data = image_pdf([scanned(page, seed=3, tilt=0.0)])
    crops: list[bytes] = []
    threads = [
        threading.Thread(target=lambda: crops.append(scan.cell_image(data, 1, (10, 10, 60, 40))))
        for _ in range(6)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(crops) == 6 and all(c.startswith(b"\x89PNG") for c in crops)
    assert made == [1]
