"""A sheet of millions of cells is refused as 单元格过多 before it is laid out, whether its
cells are far apart or all filled; the limit is the one set for the readers."""

from __future__ import annotations

import hostile_files
import pytest

from jixiao.read import ReadError, read_bytes, safety
from jixiao.read.safety import Limits


def test_a_sheet_spanning_millions_of_cells_is_refused() -> None:
    data = hostile_files.xlsx_huge(3000, 1500)
    assert len(data) < 1_000_000  # cheap to make and to send
    with pytest.raises(ReadError) as caught:
        read_bytes(data, "大表.xlsx")
    assert "单元格过多" in caught.value.reason and "4500000" in caught.value.reason


def test_a_filled_sheet_over_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    data = hostile_files.xlsx_filled(100, 30)
    assert len(read_bytes(data, "满表.xlsx").tables[0].cells) == 3000
    monkeypatch.setattr(safety, "LIMITS", Limits(sheet_cells=2999))
    with pytest.raises(ReadError, match="单元格过多（约 3000 个，上限 2999 个）"):
        read_bytes(data, "满表.xlsx")
