"""The OCR engine: RapidOCR (PP-OCR models shipped inside its wheel, run with onnxruntime).

The engine is created once per process, on first use (loading the models takes about half a
second); nothing is downloaded at run time. `recognise` turns one page image into text boxes.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

from jixiao.read.errors import ReadError

# boxes read with less than this are dropped as noise; those kept with a low score are findings
MIN_SCORE = 0.3

# The engine's misreadings that make a non-word of this domain's commonest words: "目" of
# 项目 / 目标 read as "自" (its top stroke lost at 150 dpi). Each is (read, meant, the characters
# after which the read text is a real word and stays): 项自评 (单项自评) or 项自筹 is right as read.
MISREADINGS: tuple[tuple[str, str, str], ...] = (
    ("项自", "项目", "评查筹主行身动然愿己律治建营费发"),
    ("自标", "目标", ""),
)

_engine: Any = None
_lock = threading.Lock()


@dataclass(slots=True, frozen=True)
class TextBox:
    """One line of text the engine found: its box in page pixels (x0, top, x1, bottom), its
    text and the engine's confidence (0–1)."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    score: float
    # the words in the box (a Chinese character, a run of Latin) with their x0 and x1; the text
    # is their concatenation, spaces between Latin words included
    words: tuple[tuple[str, float, float], ...] = ()

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


def engine() -> Any:
    """The process's RapidOCR engine, created on first use."""
    global _engine
    with _lock:
        if _engine is None:
            try:
                from rapidocr_onnxruntime import RapidOCR
            except ImportError as exc:  # pragma: no cover - a broken installation
                raise ReadError(
                    "未安装文字识别组件（rapidocr-onnxruntime），无法识别扫描件"
                ) from exc
            _engine = RapidOCR(
                text_score=MIN_SCORE,
                use_cls=False,  # pages are upright once deskewed; the classifier only costs time
                max_side_len=4000,  # the page is sized by the reader, not shrunk again here
                print_verbose=False,
            )
        return _engine


def recognise(image: np.ndarray) -> list[TextBox]:
    """The text boxes of one page image (grey or colour, uint8), top to bottom."""
    result, _ = engine()(image, use_cls=False, text_score=MIN_SCORE, return_word_box=True)
    boxes: list[TextBox] = []
    for found in result or ():
        points, text, score = found[0], str(found[1]), float(found[2])
        if not text.strip():
            continue
        xs = [float(p[0]) for p in points]
        ys = [float(p[1]) for p in points]
        words = _words(found)
        boxes.append(
            TextBox(
                min(xs),
                min(ys),
                max(xs),
                max(ys),
                corrected(text.strip()),
                score,
                tuple(
                    zip(
                        _split_like(corrected("".join(w for w, _, _ in words)), words),
                        (x0 for _, x0, _ in words),
                        (x1 for _, _, x1 in words),
                        strict=True,
                    )
                ),
            )
        )
    boxes.sort(key=lambda b: (b.top, b.x0))
    return boxes


def corrected(text: str) -> str:
    """The text with the engine's known misreadings (MISREADINGS) put right; same length."""
    for read, meant, keep_before in MISREADINGS:
        start = text.find(read)
        while start >= 0:
            after = text[start + len(read) : start + len(read) + 1]
            if not (after and after in keep_before):
                text = text[:start] + meant + text[start + len(read) :]
            start = text.find(read, start + 1)
    return text


def _split_like(text: str, words: tuple[tuple[str, float, float], ...]) -> list[str]:
    """`text` (as long as the words joined) cut where the words are."""
    out: list[str] = []
    at = 0
    for word, _, _ in words:
        out.append(text[at : at + len(word)])
        at += len(word)
    return out


def _words(found: list[Any]) -> tuple[tuple[str, float, float], ...]:
    """The words of one result with their x extent, when the engine gave them and they make up
    the text again (spaces aside)."""
    if len(found) < 5 or not found[3] or not found[4]:
        return ()
    words: list[tuple[str, float, float]] = []
    for quad, word in zip(found[3], found[4], strict=False):
        xs = [float(p[0]) for p in quad]
        words.append((str(word), min(xs), max(xs)))
    if "".join(w for w, _, _ in words).replace(" ", "") != str(found[1]).replace(" ", ""):
        return ()
    return tuple(words)
