"""A sheet's extent is first bounded by every r="…" reference in it, whatever the element;
only a sheet over the limit by that bound is scanned cell by cell, so an odd attribute never
refuses a small sheet."""

from __future__ import annotations

import pytest

from jixiao.read.errors import ReadError
from jixiao.read.spreadsheet import _vet_extent

HEAD = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
CELLS = b'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c><c r="C1"/></row>'


def test_a_far_reference_outside_any_cell_does_not_refuse_a_small_sheet() -> None:
    odd = b'<extLst><ext uri="u"><x:mark xmlns:x="urn:x" anchor="XFD1048576"/></ext></extLst>'
    _vet_extent(HEAD + CELLS + b"</sheetData>" + odd + b"</worksheet>")


def test_a_far_cell_still_refuses_the_sheet() -> None:
    far = b'<row r="1048576"><c r="XFD1048576"/></row>'
    with pytest.raises(ReadError, match="过大"):
        _vet_extent(HEAD + CELLS + far + b"</sheetData></worksheet>")


def test_the_check_keeps_the_distinct_rows_and_columns_not_every_reference() -> None:
    """A sheet of 200,000 cells: the check's memory is that of its 20,000 distinct rows, not of
    a pair per cell (which was ten times more, and 600 MB for a sheet of 2.4 million cells)."""
    import tracemalloc

    rows = b"".join(
        b'<row r="%d">' % r
        + b"".join(
            b'<c r="%s%d"><v>1</v></c>' % (col, r)
            for col in (b"A", b"B", b"C", b"D", b"E", b"F", b"G", b"H", b"I", b"J")
        )
        + b"</row>"
        for r in range(1, 20_001)
    )
    xml = HEAD + rows + b"</sheetData></worksheet>"
    tracemalloc.start()
    try:
        _vet_extent(xml)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # 20,000 distinct row numbers as bytes in a set: about 2–3 MB; a pair per cell: over 25 MB
    assert peak < 6 * 1024 * 1024, peak
