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
