"""Scans and photos: images (.png, .jpg, .tif with several pages) and PDFs without a text layer.

Each page is made ready the same way, deterministically (`prepared_pages`, which the web page
also uses to crop a cell's image): a phone photo's page outline, when one is found, is warped
to a flat rectangle; uneven light is evened out; a tilt of a few degrees is measured on the
page's long horizontal strokes and turned back. Then OpenCV morphology finds the ruling lines;
every region the lines enclose is a cell, and the cells' edges make a span-aware grid (a merged
cell is one region over several grid columns or rows, as in the PDF reader). RapidOCR reads the
page once; each text box goes to the cell holding its centre (a box running across a vertical
line is split there). A page without ruling lines gets rows and columns from how its text
boxes line up (best effort). A table that opens a page with the columns of the table that ended
the page before continues it, as in a printed PDF.

Each cell's `Loc` holds the page, its box in page pixels and the lowest confidence of the text
read into it. A bad image gets a Chinese `ReadError` naming why.
"""

from __future__ import annotations

import hashlib
import io
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import numpy as np

from jixiao.model.grid import Cell, Document, Loc, Paragraph, Table
from jixiao.read.errors import ReadError
from jixiao.read.ocr import TextBox, recognise

DPI = 200  # PDF pages are rendered at this resolution, a scanner's at its own within:
MIN_DPI, MAX_DPI = 150, 300
MAX_PIXELS = 60_000_000  # per page, before anything is decoded
MAX_SIDE = 3000  # longer pages are scaled down to this (the engine reads 10 pt text at 150 dpi)
MAX_PAGES = 50
TIMEOUT = 600.0  # seconds for one file
MAX_TILT = 5.0  # degrees

# progress(page, pages) while a scan is read; the CLI sets it to print "识别第 3/10 页…"
PROGRESS: ContextVar[Callable[[int, int], None] | None] = ContextVar("scan_progress", default=None)

UNREADABLE = "图片无法解码（文件已损坏、不完整，或不是受支持的图片格式）"


# --- loading -------------------------------------------------------------------------------


def image_pages(data: bytes) -> Iterator[np.ndarray]:
    """The pages of an image file (several for a multi-page TIFF), as RGB arrays."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = None  # checked below, with a Chinese message
    try:
        image = Image.open(io.BytesIO(data))
    except UnidentifiedImageError as exc:
        raise ReadError(UNREADABLE) from exc
    except Exception as exc:
        raise ReadError(UNREADABLE) from exc
    n = int(getattr(image, "n_frames", 1) or 1)
    if n > MAX_PAGES:
        raise ReadError(f"图片共有 {n} 页，超过 {MAX_PAGES} 页的上限，请分成几个文件提交")
    for i in range(n):
        try:
            image.seek(i)
            width, height = image.size
            _check_pixels(width, height)
            frame = ImageOps.exif_transpose(image) if i == 0 else image
            array = np.asarray(frame.convert("RGB"))
        except ReadError:
            raise
        except Exception as exc:
            raise ReadError(UNREADABLE) from exc
        yield array


def _check_pixels(width: int, height: int) -> None:
    if width < 32 or height < 32:
        raise ReadError(f"图片太小（{width}×{height} 像素），看不清文字，请重新扫描或拍摄")
    if width * height > MAX_PIXELS:
        raise ReadError(
            f"图片过大（{width}×{height} 像素），超过 {MAX_PIXELS // 1_000_000} 百万像素的上限，"
            "请以 150–300 dpi 重新扫描"
        )


def pdf_pages(data: bytes) -> Iterator[np.ndarray]:
    """The pages of a PDF rendered at DPI, as RGB arrays."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:
        raise ReadError("PDF 文件已损坏或不完整，无法读取") from exc
    try:
        if len(pdf) > MAX_PAGES:
            raise ReadError(
                f"扫描件共有 {len(pdf)} 页，超过 {MAX_PAGES} 页的上限，请分成几个文件提交"
            )
        for page in pdf:
            width, height = page.get_size()
            scale = _scanned_dpi(page, width, height) / 72
            _check_pixels(int(width * scale), int(height * scale))
            bitmap = page.render(scale=scale)
            yield np.asarray(bitmap.to_pil().convert("RGB"))
    finally:
        pdf.close()


def _scanned_dpi(page: Any, width: float, height: float) -> float:
    """The resolution a page is rendered at: a scanner's page (one picture over most of it) at
    the picture's own resolution, so its pixels are not resampled (a resampled speck of dust
    grows into a blot that reads as "：" or "."), within MIN_DPI–MAX_DPI; else DPI."""
    import pypdfium2.raw as pdfium_c

    best = 0.0
    for picture in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=1):
        left, bottom, right, top = picture.get_bounds()
        if (right - left) * (top - bottom) < 0.5 * width * height:
            continue
        px_width, _ = picture.get_px_size()
        best = max(best, px_width / max(right - left, 1.0) * 72)
    return min(MAX_DPI, max(MIN_DPI, round(best))) if best else DPI


def page_count(data: bytes, is_pdf: bool) -> int:
    if is_pdf:
        import pypdfium2 as pdfium

        return len(pdfium.PdfDocument(data))
    from PIL import Image

    return int(getattr(Image.open(io.BytesIO(data)), "n_frames", 1) or 1)


# --- making a page ready -------------------------------------------------------------------


def prepare(rgb: np.ndarray) -> np.ndarray:
    """A page image made ready for reading: grey, flattened, light evened out, deskewed,
    at most MAX_SIDE pixels long. Deterministic: the same input gives the same page."""
    import cv2

    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY) if rgb.ndim == 3 else rgb
    scale = MAX_SIDE / max(grey.shape)
    if scale < 1:
        grey = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    grey = _flatten(grey)
    grey = _even_light(grey)
    angle = _tilt(grey)
    # below a tenth of a degree the page drifts two pixels at most across its width, which the
    # grid allows for; turning it would only blur its thin lines and decimal points
    if abs(angle) >= 0.1:
        h, w = grey.shape
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        grey = cv2.warpAffine(
            grey, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
        )
    return grey


def _flatten(grey: np.ndarray) -> np.ndarray:
    """A photo of a page on a darker ground: the page's outline (four corners, a quarter of the
    picture or more, not the picture's own edge) warped to an upright rectangle."""
    import cv2

    h, w = grey.shape
    small = 800 / max(h, w)
    thumb = cv2.resize(grey, None, fx=small, fy=small, interpolation=cv2.INTER_AREA)
    blur = cv2.GaussianBlur(thumb, (5, 5), 0)
    _, mask = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return grey
    outline = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(outline)
    th, tw = thumb.shape
    if area < 0.25 * th * tw or area > 0.97 * th * tw:
        return grey
    quad = cv2.approxPolyDP(outline, 0.02 * cv2.arcLength(outline, True), True)
    if len(quad) != 4:
        return grey
    pts = quad.reshape(4, 2).astype(np.float32) / small
    x, y, bw, bh = cv2.boundingRect(quad)
    if x <= 2 and y <= 2 and x + bw >= tw - 2 and y + bh >= th - 2:
        return grey  # the picture's own edge: a scan, not a photo
    s, d = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    tl, br, tr, bl = pts[np.argmin(s)], pts[np.argmax(s)], pts[np.argmin(d)], pts[np.argmax(d)]
    width = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    if width < 100 or height < 100:
        return grey
    src = np.array([tl, tr, br, bl], dtype=np.float32)
    dst = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, dst)
    return cv2.warpPerspective(grey, matrix, (width, height), flags=cv2.INTER_LINEAR)


def _even_light(grey: np.ndarray) -> np.ndarray:
    """Uneven light (a shadow, a lamp) divided out: the page's background estimated by closing
    away the dark strokes and blurring, then the page divided by it."""
    import cv2

    h, w = grey.shape
    k = max(15, (min(h, w) // 60) | 1)
    background = cv2.morphologyEx(grey, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    background = cv2.GaussianBlur(background, (0, 0), k)
    out = cv2.divide(grey, np.maximum(background, 1), scale=255)
    return out


def _binary(grey: np.ndarray) -> np.ndarray:
    import cv2

    return cv2.adaptiveThreshold(
        grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15
    )


def _despeckled(grey: np.ndarray) -> np.ndarray:
    """The page less its specks of dust (dark spots of one or two pixels), which the engine
    reads as "." or turns a "." into ":". At 150 dpi a printed decimal point is as small as a
    speck: a spot sitting on the baseline between two figures (its bottom level with theirs)
    is a point and stays."""
    import cv2

    _, dark = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    small = np.flatnonzero(stats[:, cv2.CC_STAT_AREA] <= 2)
    small = small[small > 0]
    out = grey.copy()
    # a point has ink within a few pixels on both sides: only those spots are looked at closely
    ink = dark.copy()
    ink[np.isin(labels, small)] = 0
    left = cv2.dilate(ink, np.ones((4, 5), np.uint8), anchor=(4, 3))
    right = cv2.dilate(ink, np.ones((4, 5), np.uint8), anchor=(0, 3))
    xs, bottoms = stats[small, cv2.CC_STAT_LEFT], stats[small, 1] + stats[small, 3] - 1
    ends = xs + stats[small, cv2.CC_STAT_WIDTH] - 1
    flanked = (left[bottoms, xs] > 0) & (right[bottoms, ends] > 0)
    specks = [
        k
        for k, f in zip(small.tolist(), flanked.tolist(), strict=True)
        if not (f and _a_point(k, labels, stats))
    ]
    if specks:
        out[np.isin(labels, specks)] = 255
    return out


def _a_point(k: int, labels: np.ndarray, stats: np.ndarray) -> bool:
    """Whether spot k sits on the baseline between two characters at least three times its
    height, each within a few pixels of it."""
    import cv2

    x, y, w, h = (int(v) for v in stats[k, :4])
    bottom = y + h
    gap = 4
    sides = (
        labels[max(0, bottom - 3) : bottom + 1, max(0, x - gap) : x],
        labels[max(0, bottom - 3) : bottom + 1, x + w : x + w + gap],
    )
    for side in sides:
        found = False
        for other in np.unique(side[side > 0]).tolist():
            oy, oh = int(stats[other, cv2.CC_STAT_TOP]), int(stats[other, cv2.CC_STAT_HEIGHT])
            if oh >= 3 * h and oh >= 5 and abs(oy + oh - bottom) <= 2:
                found = True
                break
        if not found:
            return False
    return True


def _tilt(grey: np.ndarray) -> float:
    """The page's tilt in degrees (counter-clockwise positive, as cv2 rotates), from the long
    horizontal strokes: ruling lines, or the lines of text when there are none."""
    import cv2

    binary = _binary(grey)
    w = binary.shape[1]
    # a ruling line: a long horizontal run once smeared a little upright, so that a line tilted
    # by up to MAX_TILT goes through the opening
    tall = cv2.dilate(binary, np.ones((7, 1), np.uint8))
    rules = cv2.morphologyEx(tall, cv2.MORPH_OPEN, np.ones((1, max(20, w // 30)), np.uint8))
    angles = _slopes(binary, rules)
    if not angles:
        # a line of text: its characters run together by closing the gaps between them
        text = cv2.morphologyEx(binary, cv2.MORPH_CLOSE, np.ones((1, max(15, w // 40)), np.uint8))
        angles = _slopes(binary, text)
    return float(np.median(angles)) if angles else 0.0


def _slopes(binary: np.ndarray, shapes: np.ndarray) -> list[float]:
    """The angle of each shape a quarter of the page wide or longer: the centre of its ink in
    each column, a straight line fitted through the centres, and fitted again without the
    columns that something touching it (a character on a ruling line) pulls away. Far cheaper
    than a Hough transform over every ink pixel, and as exact."""
    import cv2

    w = binary.shape[1]
    n, labels, stats, _ = cv2.connectedComponentsWithStats(shapes, connectivity=8)
    angles: list[float] = []
    for k in np.flatnonzero(stats[:, cv2.CC_STAT_WIDTH] >= w // 4).tolist():
        x, y, bw, bh = (int(v) for v in stats[k, :4])
        if k == 0 or bh > bw * 0.2:  # the background, or a block of shapes run together
            continue
        on = (labels[y : y + bh, x : x + bw] == k) & (binary[y : y + bh, x : x + bw] > 0)
        counts = on.sum(axis=0)
        cols = np.flatnonzero(counts)
        if len(cols) < w // 4:
            continue
        centre = (on * np.arange(bh)[:, None]).sum(axis=0)[cols] / counts[cols]
        slope, intercept = np.polyfit(cols, centre, 1)
        near = np.abs(centre - (slope * cols + intercept)) <= 2
        if near.sum() >= w // 4:
            slope, _ = np.polyfit(cols[near], centre[near], 1)
        angle = float(np.degrees(np.arctan(slope)))
        if abs(angle) <= MAX_TILT:
            angles.append(angle)
    return angles


# --- the grid ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Region:
    x0: int
    top: int
    x1: int
    bottom: int


def ruling(grey: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The page's horizontal and vertical ruling lines as masks (small breaks bridged), and
    the line pixels themselves (wiped before the text is read: a bit of a line beside a figure
    reads as "." or "："). The text of two cells may then run into one box: it is cut at the
    line by the engine's own word boxes (see `_split`)."""
    import cv2

    binary = _binary(grey)
    h, w = binary.shape
    along = np.ones((1, max(20, w // 40)), np.uint8)
    # the kernel from the long side, so a landscape page does not take a character's stroke for a line
    down = np.ones((max(20, max(h, w) // 60), 1), np.uint8)
    horizontal = cv2.morphologyEx(binary, cv2.MORPH_OPEN, along)
    vertical = cv2.morphologyEx(binary, cv2.MORPH_OPEN, down)
    ink = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((3, 3), np.uint8))
    # for the grid: a thin line printed across two rows (columns) of pixels comes out as two
    # broken ones whose gaps do not line up; smeared a pixel across, it is found whole. The ink
    # wiped stays the thin line itself, so a decimal point beside it is kept.
    across = cv2.dilate(binary, np.ones((3, 1), np.uint8))
    horizontal = cv2.morphologyEx(across, cv2.MORPH_OPEN, along)
    across = cv2.dilate(binary, np.ones((1, 3), np.uint8))
    vertical = cv2.morphologyEx(across, cv2.MORPH_OPEN, down)
    # bridge small breaks (noise, a faint print) along each line; a horizontal line whose end
    # was lost to noise (a faint line's first few dozen pixels too broken to pass the opening)
    # is drawn on to the vertical line it meets, so two cells do not run into one. The stub it
    # leaves past a junction splits no cell.
    horizontal = cv2.dilate(horizontal, np.ones((3, 2 * (w // 50) + 1), np.uint8))
    vertical = cv2.dilate(vertical, np.ones((9, 3), np.uint8))
    return horizontal, vertical, ink


def tables_on(horizontal: np.ndarray, vertical: np.ndarray) -> list[list[_Region]]:
    """The ruled tables of a page, each as the list of its cell regions, top to bottom."""
    import cv2

    grid = cv2.bitwise_or(horizontal, vertical)
    h, w = grid.shape
    n, labels, stats, _ = cv2.connectedComponentsWithStats(grid, connectivity=8)
    tables: list[tuple[int, list[_Region]]] = []
    for i in range(1, n):
        x, y, bw, bh, _ = stats[i]
        if bw < w * 0.2 or bh < 20:
            continue
        own = (labels[y : y + bh, x : x + bw] == i).astype(np.uint8) * 255
        if (
            not own[:, :].any(axis=0).sum()
            or cv2.countNonZero(vertical[y : y + bh, x : x + bw]) == 0
        ):
            continue
        m, cell_labels, cell_stats, _ = cv2.connectedComponentsWithStats(
            cv2.bitwise_not(own), connectivity=4
        )
        regions: list[_Region] = []
        for j in range(1, m):
            cx, cy, cw, ch, area = cell_stats[j]
            if cx == 0 or cy == 0 or cx + cw >= bw or cy + ch >= bh:
                continue  # outside the lines
            if cw < 6 or ch < 6 or area < 0.5 * cw * ch:
                continue
            regions.append(_Region(int(x + cx), int(y + cy), int(x + cx + cw), int(y + cy + ch)))
        if len(regions) > 1:
            tables.append((int(y), regions))
    tables.sort(key=lambda t: t[0])
    return [regions for _, regions in tables]


def _snap(values: list[int], tolerance: int) -> list[float]:
    out: list[list[int]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tolerance:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _nearest(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


@dataclass(slots=True)
class _Grid:
    """A table found on a page: its cells anchored on the grid of its edges."""

    cells: list[tuple[int, int, int, int, _Region]]  # row, col, rowspan, colspan, region
    xs: list[float]
    ys: list[float]


def grid_of(regions: list[_Region]) -> _Grid:
    tolerance = 12
    xs = _snap([v for r in regions for v in (r.x0, r.x1)], tolerance)
    ys = _snap([v for r in regions for v in (r.top, r.bottom)], tolerance)
    cells = []
    taken: set[tuple[int, int]] = set()
    for r in sorted(regions, key=lambda r: (r.top, r.x0)):
        r0, r1 = _nearest(ys, r.top), _nearest(ys, r.bottom)
        c0, c1 = _nearest(xs, r.x0), _nearest(xs, r.x1)
        if r1 <= r0 or c1 <= c0 or (r0, c0) in taken:
            continue
        taken.update((a, b) for a in range(r0, r1) for b in range(c0, c1))
        cells.append((r0, c0, r1 - r0, c1 - c0, r))
    return _Grid(cells, xs, ys)


# --- placing the text ----------------------------------------------------------------------


def _char_width(char: str) -> float:
    import unicodedata

    return 1.0 if unicodedata.east_asian_width(char) in ("W", "F") else 0.55


def _split(box: TextBox, cuts: list[float]) -> list[TextBox]:
    """A text box cut at the x positions ``cuts`` (vertical ruling lines it runs across): each
    word (a Chinese character, a run of Latin) goes where the engine saw its centre; a box
    without word positions has its characters shared out by their widths."""
    inner = [c for c in cuts if box.x0 < c < box.x1]
    if not inner:
        return [box]
    words = list(box.words) or _shared_out(box)
    edges = [*inner, box.x1 + 1]
    pieces: list[TextBox] = []
    k, text, start, end = 0, "", box.x0, box.x0
    for word, x0, x1 in words:
        middle = (x0 + x1) / 2
        if middle > edges[k]:
            if text.strip():
                pieces.append(TextBox(start, box.top, end, box.bottom, text.strip(), box.score))
            while middle > edges[k]:
                k += 1
            text, start = "", x0
        text += word
        end = x1
    if text.strip():
        pieces.append(TextBox(start, box.top, box.x1, box.bottom, text.strip(), box.score))
    return pieces


def _shared_out(box: TextBox) -> list[tuple[str, float, float]]:
    widths = [_char_width(c) for c in box.text]
    unit = (box.x1 - box.x0) / (sum(widths) or 1.0)
    out, x = [], box.x0
    for char, width in zip(box.text, widths, strict=True):
        out.append((char, x, x + width * unit))
        x += width * unit
    return out


def _lines(boxes: list[TextBox]) -> list[list[TextBox]]:
    """Boxes grouped into lines (overlapping vertically), top to bottom, each left to right."""
    lines: list[list[TextBox]] = []
    for box in sorted(boxes, key=lambda b: (b.cy, b.x0)):
        if lines:
            last = lines[-1]
            top = min(b.top for b in last)
            bottom = max(b.bottom for b in last)
            if top <= box.cy <= bottom:
                last.append(box)
                continue
        lines.append([box])
    for line in lines:
        line.sort(key=lambda b: b.x0)
    return lines


def _line_text(line: list[TextBox]) -> str:
    """The boxes of a line joined; a space between Latin text only where a gap shows (the
    engine may cut one word in two)."""
    out = ""
    previous: TextBox | None = None
    for box in line:
        if out and previous is not None:
            gap = box.x0 - previous.x1
            latin = not (_char_width(out[-1]) == 1.0 or _char_width(box.text[0]) == 1.0)
            if latin and gap > 0.6 * (box.bottom - box.top):
                out += " "
        out += box.text
        previous = box
    return out


_COMMA_POINT = re.compile(r"^([-+]?\d+)[,，](\d{1,2}|\d{4,})$")
_COLON_POINT = re.compile(r"^([-+]?\d+)[:：](\d+%?)$")
_SPECK_IN_CHINESE = re.compile(r"(?<=[\u4e00-\u9fff])[.,:;'`·](?=[(（\u4e00-\u9fff]|\n|$)")
_UNCLOSED = re.compile(r"[(（][^()（）\n]{1,6}$")
_NUMBER_WITH_SPECK = re.compile(r"^([-+]?\d[\d,，]*(?:\.\d+)?%?)[.。,，:：;；'`]+$")


def _cell_text(boxes: list[TextBox], right: float) -> str:
    text = _joined(boxes, right)
    # a figure followed by a lone dot or colon: a speck of dust or of the line beside it
    text = _NUMBER_WITH_SPECK.sub(r"\1", text)
    # a decimal point read as a comma (a thousands separator has three digits after it) or,
    # with a speck above it, as a colon
    text = _COMMA_POINT.sub(r"\1.\2", text)
    text = _COLON_POINT.sub(r"\1.\2", text)
    # a speck after a Chinese character, before another or at the end (Chinese writes "。", not ".")
    text = _SPECK_IN_CHINESE.sub("", text)
    # a closing bracket against the cell's right line goes with the line's ink: "全年预算数（A"
    if _UNCLOSED.search(text):
        text += "）"
    return text


def _joined(boxes: list[TextBox], right: float) -> str:
    """The cell's lines; a line that reaches the cell's right edge was wrapped and is joined to
    the next one (with a space between Latin words)."""
    lines = _lines(boxes)
    out = ""
    for n, line in enumerate(lines):
        text = _line_text(line)
        if n:
            prev = lines[n - 1]
            height = max(b.bottom - b.top for b in prev)
            if prev[-1].x1 >= right - 1.6 * height:
                latin = not (_char_width(out[-1]) == 1.0 or _char_width(text[0]) == 1.0)
                out += " " if latin else ""
            else:
                out += "\n"
        out += text
    return out


def _table(grid: _Grid, boxes: list[TextBox], page: int) -> Table:
    owner: dict[tuple[int, int], int] = {}
    for i, (row, col, rowspan, colspan, _) in enumerate(grid.cells):
        for r in range(row, row + rowspan):
            for c in range(col, col + colspan):
                owner[(r, c)] = i
    found: list[list[TextBox]] = [[] for _ in grid.cells]
    from bisect import bisect_right

    for box in boxes:
        for piece in _split(box, grid.xs):
            r = bisect_right(grid.ys, piece.cy) - 1
            c = bisect_right(grid.xs, piece.cx) - 1
            i = owner.get((r, c))
            if i is not None:
                found[i].append(piece)
    table = Table(index=0, page=page)
    for (row, col, rowspan, colspan, region), texts in zip(grid.cells, found, strict=True):
        confidence = round(min(b.score for b in texts), 3) if texts else None
        box = (float(region.x0), float(region.top), float(region.x1), float(region.bottom))
        table.cells.append(
            Cell(
                text=_cell_text(texts, region.x1),
                row=row,
                col=col,
                rowspan=rowspan,
                colspan=colspan,
                loc=Loc(0, row, col, page, box, confidence=confidence),
            )
        )
    return table


def _unruled_table(boxes: list[TextBox], page: int) -> Table:
    """Best effort for a page without ruling lines: one row per text line, columns where the
    boxes' left edges line up across the page."""
    lines = _lines(boxes)
    height = float(np.median([b.bottom - b.top for b in boxes]))
    starts = _snap([int(b.x0) for b in boxes], int(max(8.0, height)))
    table = Table(index=0, page=page)
    for row, line in enumerate(lines):
        used: dict[int, list[TextBox]] = {}
        for box in line:
            used.setdefault(_nearest(starts, box.x0), []).append(box)
        for col, texts in sorted(used.items()):
            box = (
                min(b.x0 for b in texts),
                min(b.top for b in texts),
                max(b.x1 for b in texts),
                max(b.bottom for b in texts),
            )
            table.cells.append(
                Cell(
                    text=_line_text(texts),
                    row=row,
                    col=col,
                    loc=Loc(
                        0, row, col, page, box, confidence=round(min(b.score for b in texts), 3)
                    ),
                )
            )
    return table


# --- pages into a document -----------------------------------------------------------------


@dataclass(slots=True)
class _Part:
    table: Table
    xs: list[float]
    first: bool  # the first thing on its page
    last: bool  # the last thing on its page


def read_page(grey: np.ndarray, page: int) -> tuple[list[_Part | str], list[TextBox]]:
    """One prepared page: its tables and lines of text in reading order, and the text boxes."""
    horizontal, vertical, ink = ruling(grey)
    found = tables_on(horizontal, vertical)
    text_only = _despeckled(grey)
    text_only[ink > 0] = 255
    boxes = recognise(text_only)
    grids = [grid_of(regions) for regions in found]
    items: list[tuple[float, _Part | str]] = []
    inside: set[int] = set()
    for grid in grids:
        x0, x1, y0, y1 = grid.xs[0], grid.xs[-1], grid.ys[0], grid.ys[-1]
        mine = [
            b
            for i, b in enumerate(boxes)
            if i not in inside and y0 <= b.cy <= y1 and b.x1 > x0 and b.x0 < x1
        ]
        inside.update(
            i for i, b in enumerate(boxes) if y0 <= b.cy <= y1 and b.x1 > x0 and b.x0 < x1
        )
        items.append((y0, _Part(_table(grid, mine, page), grid.xs, False, False)))
    outside = [b for i, b in enumerate(boxes) if i not in inside]
    if not grids and len(outside) >= 6:
        items.append((0.0, _Part(_unruled_table(outside, page), [], False, False)))
    else:
        for line in _lines(outside):
            items.append((min(b.top for b in line), _line_text(line)))
    items.sort(key=lambda item: item[0])
    parts = [item for _, item in items if not (isinstance(item, str) and _page_number(item))]
    tables = [p for p in parts if isinstance(p, _Part)]
    if tables:
        tables[0].first = parts[0] is tables[0]
        tables[-1].last = parts[-1] is tables[-1]
    return [item for _, item in items], boxes


def _page_number(text: str) -> bool:
    import re

    return bool(
        re.fullmatch(r"[-–—\s]*(第\s*)?\d+\s*(页)?\s*((/|／|共)\s*\d+\s*页?)?[-–—\s]*", text)
    )


def _continues(last: _Part, part: _Part) -> bool:
    """A table that opens a page goes on with the one that ended the page before when it has the
    same outer edges and no column edge the earlier part lacks."""
    if not last.xs or not part.xs:
        return False
    tolerance = 0.012 * (last.xs[-1] - last.xs[0])
    if abs(last.xs[0] - part.xs[0]) > tolerance or abs(last.xs[-1] - part.xs[-1]) > tolerance:
        return False
    return all(min(abs(x - y) for y in last.xs) <= tolerance for x in part.xs)


def _join(last: _Part, part: _Part) -> None:
    table = last.table
    offset = table.n_rows
    col_of = [_nearest(last.xs, x) for x in part.xs]
    for cell in part.table.cells:
        col = col_of[cell.col]
        colspan = max(1, col_of[cell.col + cell.colspan] - col)
        assert cell.loc is not None
        cell.row, cell.col, cell.colspan = cell.row + offset, col, colspan
        loc = cell.loc
        cell.loc = Loc(table.index, cell.row, col, loc.page, loc.box, confidence=loc.confidence)
        table.cells.append(cell)


def prepared_pages(data: bytes, is_pdf: bool) -> Iterator[np.ndarray]:
    """The file's pages, prepared for reading (the same pages the reader reads)."""
    for rgb in pdf_pages(data) if is_pdf else image_pages(data):
        yield prepare(rgb)


def read_scan(data: bytes, file: str, sha256: str, fmt: str = "image") -> Document:
    """Read a scanned PDF (``fmt`` "pdf") or an image file into a Document."""
    is_pdf = fmt == "pdf"
    doc = Document(file=file, sha256=sha256, format="scan-pdf" if is_pdf else "image")
    started = time.monotonic()
    try:
        total = page_count(data, is_pdf)
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(UNREADABLE if not is_pdf else "PDF 文件已损坏或不完整，无法读取") from exc
    progress = PROGRESS.get()
    last: _Part | None = None
    seen_text = False
    try:
        for number, grey in enumerate(prepared_pages(data, is_pdf), start=1):
            if progress is not None:
                progress(number, total)
            if time.monotonic() - started > TIMEOUT:
                raise ReadError(
                    f"识别超时：{TIMEOUT:.0f} 秒内只读完 {number - 1} 页，请分成几个文件提交"
                )
            items, boxes = read_page(grey, number)
            seen_text = seen_text or bool(boxes)
            ended: _Part | None = None  # the table that ends this page, if one does
            for item in items:
                if isinstance(item, str):
                    doc.blocks.append(Paragraph(item, len(doc.blocks)))
                    if not _page_number(item):
                        ended = None
                    continue
                if item.first and last is not None and _continues(last, item):
                    _join(last, item)
                    ended = last
                    continue
                item.table.index = len(doc.tables)
                for cell in item.table.cells:
                    loc = cell.loc
                    assert loc is not None
                    cell.loc = Loc(
                        item.table.index,
                        cell.row,
                        cell.col,
                        loc.page,
                        loc.box,
                        confidence=loc.confidence,
                    )
                doc.blocks.append(item.table)
                ended = item
            last = ended
    except ReadError:
        raise
    except MemoryError as exc:
        raise ReadError("图片过大，内存不足，无法识别") from exc
    except Exception as exc:
        raise ReadError(f"{UNREADABLE}：{type(exc).__name__}") from exc
    if not seen_text:
        what = "PDF 文件没有文字层，按扫描件识别，但" if is_pdf else "图片按扫描件识别，但"
        raise ReadError(f"{what}没有识别出任何文字（页面是空白的，或图像太模糊）")
    return doc


def read_image(data: bytes, file: str, sha256: str) -> Document:
    return read_scan(data, file, sha256, "image")


def read_scanned_pdf(data: bytes, file: str, sha256: str) -> Document:
    return read_scan(data, file, sha256, "pdf")


def cell_image(data: bytes, page: int, box: tuple[float, float, float, float]) -> bytes:
    """The PNG of one cell of a scan: ``box`` (page pixels, as in the cell's Loc) cut from the
    prepared ``page`` (1-based) with a small margin, for a reviewer to check a value read."""
    import cv2

    grey = _prepared_page(hashlib.sha256(data).hexdigest(), page, data)
    h, w = grey.shape
    x0, top, x1, bottom = box
    margin = 6
    crop = grey[
        max(0, int(top) - margin) : min(h, int(bottom) + margin),
        max(0, int(x0) - margin) : min(w, int(x1) + margin),
    ]
    ok, encoded = cv2.imencode(".png", crop) if crop.size else (False, None)
    if not ok or encoded is None:
        raise ReadError("这个单元格不在页面范围内")
    return bytes(encoded.tobytes())


_PREPARED: dict[tuple[str, int], np.ndarray] = {}
_PREPARED_LOCK = threading.Lock()
_MAKING: dict[tuple[str, int], threading.Lock] = {}  # a page being prepared, by whom


def _prepared_page(sha256: str, page: int, data: bytes) -> np.ndarray:
    """A prepared page, kept for the next cells of the same page (a form page shows several;
    the last few pages only)."""
    key = (sha256, page)
    with _PREPARED_LOCK:
        found = _PREPARED.get(key)
        making = _MAKING.setdefault(key, threading.Lock())
    if found is not None:
        return found
    # the page's images are asked for all at once: one request prepares it, the others wait
    # for that one instead of each preparing it again
    try:
        with making:
            with _PREPARED_LOCK:
                found = _PREPARED.get(key)
            if found is None:
                is_pdf = data.startswith(b"%PDF")
                pages = enumerate(prepared_pages(data, is_pdf), 1)
                found = next((g for n, g in pages if n == page), None)
                if found is None:
                    raise ReadError("找不到这个单元格所在的页面")
                with _PREPARED_LOCK:
                    while len(_PREPARED) >= 4:
                        _PREPARED.pop(next(iter(_PREPARED)))
                    _PREPARED[key] = found
    finally:
        with _PREPARED_LOCK:
            _MAKING.pop(key, None)
    return found
