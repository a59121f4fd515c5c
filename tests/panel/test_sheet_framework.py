"""A sheet on another framework: the shipped one refuses it clearly; the sheet's own weights
(`--framework sheet`) compute it, and weights on the sheet that do not add up are named."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from panel_seed import SEED_002

from jixiao.panel.check import check_path
from jixiao.panel.framework import load_framework

ROW = "\t资金到位率\n\t5\n\t5\n\t5\n\t5\n\t5\n\t4\n\t24\n\t4.8\n"


def altered(tmp_path: Path, new: str) -> Path:
    text = SEED_002.read_text(encoding="utf-8")
    assert text.count(ROW) == 1
    path = tmp_path / "002.txt"
    path.write_text(text.replace(ROW, new), encoding="utf-8")
    return path


def test_a_renamed_indicator_is_named_and_left_out_on_the_shipped_framework(tmp_path: Path) -> None:
    path = altered(tmp_path, ROW.replace("资金到位率", "资金到位情况"))
    (result,) = check_path(path, load_framework()).results
    codes = [f.code for f in result.findings]
    assert codes[0] == "PANEL_INDICATOR_UNKNOWN" and "资金到位情况" in result.findings[0].message
    assert "PANEL_SCORE_MISSING" in codes


def test_the_sheets_own_framework_computes_a_renamed_indicator(tmp_path: Path) -> None:
    path = altered(tmp_path, ROW.replace("资金到位率", "资金到位情况"))
    (result,) = check_path(path, None).results
    assert result.framework.name == "sheet"
    row = next(r for r in result.rows if r.name == "资金到位情况")
    assert (row.weight, row.sum, row.score) == (Decimal("5"), Decimal("24"), Decimal("4.80"))
    assert [(g.name, g.weight) for g in result.groups if g.level == 1] == [
        ("决策", 10),
        ("过程", 20),
        ("产出", 40),
        ("效益", 30),
    ]
    assert result.total == Decimal("83.72")
    assert [f.code for f in result.findings] == ["PANEL_LOSS_RATE_MISMATCH"]


def test_sheet_weights_that_do_not_add_up_are_named(tmp_path: Path) -> None:
    path = altered(tmp_path, ROW.replace("\t资金到位率\n\t5\n", "\t资金到位率\n\t6\n"))
    run = check_path(path, None)
    assert run.results == []
    message = run.errors[0].message
    assert "评分表" in message and "002.txt" in message
    assert "二级指标“资金管理”的分值为 12，但其下各指标分值之和为 13" in message
