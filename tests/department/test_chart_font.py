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
    out = tmp_path / "报告.docx"
    with pytest.raises(ReportError, match="找不到中文字体.*fonts-noto-cjk"):
        write_department_report(evaluation, out)
    assert not out.exists()  # nothing half-written
