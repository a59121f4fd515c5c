"""Scans and phone photos of seed forms, made the way a clerk makes them (deterministically).

A seed form is printed to PDF as its paper layout (tests/fixtures/pdf_writer.py), each page is
rendered to an image at 150 dpi, tilted a little and given noise — a scan. A phone photo is a
page warped in perspective on a dark desk, lit unevenly and a little blurred. Shared by the
scan tests and bench/ocr.py.
"""

from __future__ import annotations

import io
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
from fixtures.pdf_writer import write_pdf
from PIL import Image

from jixiao.model.form import Form
from jixiao.write.layout import form_table


def printed(form: Form, path: Path) -> Path:
    """The form printed to PDF as its paper layout."""
    write_pdf([form_table(form)], path)
    return path


def rendered(pdf: Path, dpi: int = 150) -> list[np.ndarray]:
    """The PDF's pages as grey images."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [np.asarray(p.render(scale=dpi / 72).to_pil().convert("L")) for p in doc]
    finally:
        doc.close()


def scanned(page: np.ndarray, seed: int, tilt: float | None = None) -> np.ndarray:
    """A page as a scanner gives it back: tilted by at most 1° and noisy."""
    rng = np.random.default_rng(seed)
    angle = float(rng.uniform(-1.0, 1.0)) if tilt is None else tilt
    h, w = page.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    out = cv2.warpAffine(page, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    noisy = out.astype(np.float32) + rng.normal(0, 10, out.shape)
    speckle = rng.random(out.shape)
    noisy[speckle < 0.0015] = 0
    noisy[speckle > 0.9985] = 255
    return np.clip(noisy, 0, 255).astype(np.uint8)


def photographed(page: np.ndarray, seed: int) -> np.ndarray:
    """A phone photo of a page: the page in perspective on a dark desk, a shadow across it, a
    little blur, saved as a colour JPEG-like image."""
    rng = np.random.default_rng(seed)
    h, w = page.shape
    canvas_w, canvas_h = int(w * 1.25), int(h * 1.2)
    jitter = lambda: float(rng.uniform(-0.04, 0.04))  # noqa: E731
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32(
        [
            [canvas_w * (0.10 + jitter()), canvas_h * (0.07 + jitter())],
            [canvas_w * (0.90 + jitter()), canvas_h * (0.05 + jitter())],
            [canvas_w * (0.93 + jitter()), canvas_h * (0.95 + jitter())],
            [canvas_w * (0.07 + jitter()), canvas_h * (0.93 + jitter())],
        ]
    )
    matrix = cv2.getPerspectiveTransform(src, dst)
    desk = np.full((canvas_h, canvas_w), 70, np.uint8)
    warped = cv2.warpPerspective(
        page, matrix, (canvas_w, canvas_h), borderMode=cv2.BORDER_TRANSPARENT, dst=desk
    )
    light = (
        np.linspace(1.0, 0.7, canvas_w, dtype=np.float32)[None, :]
        * np.linspace(1.0, 0.85, canvas_h, dtype=np.float32)[:, None]
    )
    lit = warped.astype(np.float32) * light + rng.normal(0, 4, warped.shape)
    blurred = cv2.GaussianBlur(np.clip(lit, 0, 255).astype(np.uint8), (3, 3), 0.8)
    return cv2.cvtColor(blurred, cv2.COLOR_GRAY2RGB)


def png(image: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(image).save(buf, format="PNG")
    return buf.getvalue()


def jpeg(image: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(image).save(buf, format="JPEG", quality=88)
    return buf.getvalue()


def tiff(pages: list[np.ndarray]) -> bytes:
    """A multi-page TIFF, as a document scanner writes one."""
    buf = io.BytesIO()
    images = [Image.fromarray(p) for p in pages]
    images[0].save(
        buf,
        format="TIFF",
        save_all=True,
        append_images=images[1:],
        compression="tiff_lzw",
        dpi=(150, 150),
    )
    return buf.getvalue()


def image_pdf(pages: list[np.ndarray]) -> bytes:
    """A PDF of page images with no text layer, as a scanner's "scan to PDF" writes one."""
    buf = io.BytesIO()
    images = [Image.fromarray(p).convert("RGB") for p in pages]
    images[0].save(buf, format="PDF", save_all=True, append_images=images[1:], resolution=150.0)
    return buf.getvalue()


def key_facts(form: Form) -> dict[str, object]:
    """What a reader of a scan must get right: name, year, funds A and B, the number of
    indicators and the total (whitespace left out)."""

    def squeezed(text: str) -> str:
        return "".join(text.split())

    return {
        "name": squeezed(form.project_name.text),
        "year": form.year,
        "A": squeezed(form.funds.total.annual_budget.text),
        "B": squeezed(form.funds.total.executed.text),
        "indicators": len(form.indicators),
        "total": squeezed(form.total_score.text),
    }
