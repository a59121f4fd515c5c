"""Rules on forms read from a scan or a photo: a value the OCR engine read with low confidence
is said, with the cell and the value read, so the reviewer checks it against the image."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model.finding import Finding, Severity
from jixiao.review.registry import Context, declared_at, rule, short

# below this the engine's reading of a cell is worth a look (clean print reads 0.95 and more)
LOW_CONFIDENCE = 0.8


@rule(
    code="OCR_LOW_CONFIDENCE",
    severity=Severity.INFO,
    family="system",
    title="识别置信度低",
    checks="从扫描件或照片识别出的值中，文字识别置信度低于 0.8 的单元格：识别可能有误，请对照原图核对该值。",
    example="手机拍摄的自评表，“全年执行数（B）”一格有阴影，识别置信度 0.62，读作“3O6852.55”。",
)
def ocr_low_confidence(ctx: Context) -> Iterator[Finding]:
    seen: set[tuple[object, ...]] = (
        set()
    )  # one finding per cell: a label and its 分值 can share one
    for path, loc in ctx.form.locations().items():
        confidence = loc.get("confidence")
        if not isinstance(confidence, (int, float)) or confidence >= LOW_CONFIDENCE:
            continue
        cell = (loc.get("page"), loc.get("table"), loc.get("row"), loc.get("col"))
        if cell in seen:
            continue
        seen.add(cell)
        declared = declared_at(ctx.form, path)
        if declared is None or not declared.text.strip():
            continue
        yield ctx.finding(
            "OCR_LOW_CONFIDENCE",
            f"识别置信度低（{confidence:.2f}）：读作“{short(declared.text, 24)}”，请对照原图核对。",
            path,
        )
