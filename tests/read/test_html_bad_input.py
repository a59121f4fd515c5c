"""Web pages with a wrong charset declaration or huge runs of inline markup still read."""

from __future__ import annotations

import pytest

from jixiao.read.html import read_html


@pytest.mark.parametrize("charset", ["hex", "base64", "rot13"])
def test_a_charset_that_is_no_text_encoding_is_ignored(charset: str) -> None:
    page = f'<meta charset="{charset}"><table><tr><td>绩效指标</td></tr></table>'
    data = page.encode("gb18030") + b"\xff"  # not valid in UTF-8 or GB18030: the last resort
    assert read_html(data, "a.html", "h").tables[0].cells[0].text.startswith("绩效指标")


@pytest.mark.parametrize("pad", ["", " "])  # one of the two lengths decodes as UTF-16 (wrongly)
def test_a_page_that_calls_itself_utf16_but_is_utf8_reads_as_utf8(pad: str) -> None:
    """A page whose ``<meta charset="utf-16">`` can be read as ASCII is not UTF-16 (as browsers)."""
    page = f'<html><meta charset="utf-16"><table><tr><td>项目名称</td></tr></table></html>{pad}'
    assert read_html(page.encode(), "a.html", "h").tables[0].cells[0].text == "项目名称"


def test_a_long_line_of_inline_elements_reads_whole() -> None:
    """About a second (building each line by adding to a str took half a minute; tests never
    assert on time, so a regression shows as a slow run, not a failure)."""
    spans = "<b>abcdefghij</b>" * 150_000
    doc = read_html(f"<p>{spans}</p><table><tr><td>{spans}</td></tr></table>".encode(), "a", "h")
    assert len(doc.blocks[0].text) == len(doc.tables[0].cells[0].text) == 1_500_000


def test_a_gbk_page_with_one_stray_byte_keeps_its_chinese_text() -> None:
    page = "<table><tr><td>绩效指标</td><td>实际完成值</td></tr></table>".encode("gbk")
    doc = read_html(page[:-8] + b"\xff" + page[-8:], "a.html", "h")
    assert [c.text for c in doc.tables[0].cells] == ["绩效指标", "实际完成值"]
