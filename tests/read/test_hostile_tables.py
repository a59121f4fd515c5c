"""Tables nested in tables beyond the depth limit, in Word and in a web page, are refused as
嵌套过深 (not as a damaged file); a few levels, as real forms have, are read."""

from __future__ import annotations

import hostile_files
import pytest

from jixiao.read import ReadError, read_bytes

BUILDERS = {"嵌套.docx": hostile_files.docx_nested, "嵌套.html": hostile_files.html_nested}


@pytest.mark.parametrize("name", BUILDERS)
@pytest.mark.parametrize("depth", [17, 40, 200])
def test_tables_nested_too_deep_are_refused_for_their_depth(name: str, depth: int) -> None:
    with pytest.raises(ReadError) as caught:
        read_bytes(BUILDERS[name](depth), name)
    reason = caught.value.reason
    assert "嵌套过深" in reason
    assert "损坏" not in reason


@pytest.mark.parametrize("name", BUILDERS)
def test_tables_nested_within_the_limit_are_read(name: str) -> None:
    document = read_bytes(BUILDERS[name](16), name)
    assert len(document.tables) == 16
    assert "第16层" in document.tables[-1].cells[0].text
