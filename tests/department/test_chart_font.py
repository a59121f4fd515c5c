"""The report's charts are drawn in a font that has Chinese glyphs, or the report says why not."""

from __future__ import annotations

import pytest
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

from jixiao.department.report import ReportError, cjk_font, write_department_report


def test_the_chart_font_has_the_glyphs_of_the_captions() -> None:
    path = font_manager.findfont(
        font_manager.FontProperties(family=cjk_font()), fallback_to_default=False
    )
    font = FT2Font(path)
    for character in "项目总分执行率填报计算":
        assert font.get_char_index(ord(character)) != 0, character


def test_without_a_chinese_font_the_report_fails_with_the_fix(
    evaluation, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [])
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *a, **k: [])  # none installed
    out = tmp_path / "报告.docx"
    with pytest.raises(ReportError, match="找不到中文字体.*fonts-noto-cjk"):
        write_department_report(evaluation, out)
    assert not out.exists()  # nothing half-written


def test_a_chinese_font_installed_after_matplotlib_listed_the_fonts_is_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """matplotlib keeps its list of fonts in a cache: a font installed later is not in it (the
    font manager as a first run before `apt install fonts-noto-cjk` left it)."""
    before = [f for f in font_manager.fontManager.ttflist if "CJK" not in f.name]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", before)
    name = cjk_font()
    assert name.startswith("Noto Sans CJK")
    path = font_manager.findfont(
        font_manager.FontProperties(family=name), fallback_to_default=False
    )
    assert FT2Font(path).get_char_index(ord("项")) != 0
