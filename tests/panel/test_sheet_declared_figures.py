"""The figures a score sheet declares (合计, 平均分, 总分 row) are checked, never used."""

from __future__ import annotations

from pathlib import Path

from panel_seed import SEED_002

from jixiao.panel.check import check_path
from jixiao.panel.framework import load_framework


def altered(tmp_path: Path, old: str, new: str) -> Path:
    text = SEED_002.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "002.txt"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def codes(path: Path) -> list[str]:
    run = check_path(path, load_framework())
    return [f.code for f in run.results[0].findings]


# 立项程序规范性 row: 1.5 / 1.5 1.5 1.2 1 1 / 6.2 / 1.24
ROW = "\t1.5\n\t1.5\n\t1.5\n\t1.2\n\t1\n\t1\n\t6.2\n\t1.24\n"


def test_it_flags_a_wrong_row_sum(tmp_path: Path) -> None:
    path = altered(tmp_path, ROW, ROW.replace("\t6.2\n", "\t6.4\n"))
    assert codes(path) == ["PANEL_ROW_SUM_MISMATCH", "PANEL_LOSS_RATE_MISMATCH"]


def test_it_flags_a_wrong_row_average(tmp_path: Path) -> None:
    path = altered(tmp_path, ROW, ROW.replace("\t1.24\n", "\t1.42\n"))
    assert codes(path) == ["PANEL_ROW_AVERAGE_MISMATCH", "PANEL_LOSS_RATE_MISMATCH"]


def test_a_changed_score_moves_the_totals_and_the_sheet_is_flagged(tmp_path: Path) -> None:
    path = altered(tmp_path, ROW, ROW.replace("\t1.2\n", "\t1.5\n"))
    found = codes(path)
    assert "PANEL_ROW_SUM_MISMATCH" in found and "PANEL_ROW_AVERAGE_MISMATCH" in found
    assert "PANEL_EXPERT_TOTAL_MISMATCH" in found  # 刘莉君 81.7 → 82.0
    assert "PANEL_GRAND_TOTAL_MISMATCH" in found and "PANEL_AVERAGE_TOTAL_MISMATCH" in found


def test_it_flags_a_score_above_the_weight(tmp_path: Path) -> None:
    path = altered(tmp_path, ROW, ROW.replace("\t1.2\n", "\t2.2\n"))
    assert "PANEL_SCORE_OUT_OF_RANGE" in codes(path)


def test_a_file_without_a_sheet_says_so_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("没有评分表的报告。\n", encoding="utf-8")
    run = check_path(path, load_framework())
    assert run.results == []
    assert "没有找到专家评分表" in run.errors[0].message and "plain.txt" in run.errors[0].message


def test_an_unreadable_file_says_so_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a workbook")
    run = check_path(path, load_framework())
    assert run.results == [] and "broken.xlsx" in run.errors[0].message
