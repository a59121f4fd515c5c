"""The department's figures come from a small TOML file, with Chinese or English keys."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.department.figures import DepartmentFigures, FiguresError, load_figures, parse_figures


def test_it_reads_the_seed_departments_figures_as_decimals(figures: DepartmentFigures) -> None:
    assert figures.department == "丰台区政务服务管理局"
    assert figures.year == 2021
    assert figures.basic.annual_budget == Decimal("696.85")
    assert figures.basic.executed == Decimal("673.06")
    assert figures.project.annual_budget == Decimal("3452.50")
    assert figures.project.executed == Decimal("3452.88")
    assert figures.total("annual_budget") == Decimal("4149.35")
    assert figures.total("executed") == Decimal("4125.94")


def test_english_keys_read_the_same_as_chinese_ones() -> None:
    chinese = parse_figures(
        '"年度" = 2021\n["基本支出"]\n"全年预算数" = "696.85"\n"执行数" = 673.06\n'
    )
    english = parse_figures('year = 2021\n[basic]\nannual_budget = "696.85"\nexecuted = 673.06\n')
    assert chinese == english
    assert english.basic.executed == Decimal("673.06")  # a TOML float keeps its written digits


def test_the_figures_survive_a_round_trip_through_toml(figures: DepartmentFigures) -> None:
    assert parse_figures(figures.to_toml()) == figures


def test_a_wrong_amount_names_the_file_and_the_field(tmp_path: Path) -> None:
    path = tmp_path / "部门.toml"
    path.write_text('["项目支出"]\n"执行数" = "三千"\n', encoding="utf-8")
    with pytest.raises(FiguresError) as caught:
        load_figures(path)
    assert str(path) in caught.value.message
    assert "项目支出·执行数：应为数字" in caught.value.message


def test_an_unknown_key_is_named_with_the_keys_that_exist() -> None:
    with pytest.raises(FiguresError) as caught:
        parse_figures('["基本支出"]\n"预算" = "1"\n', "x.toml")
    assert "基本支出·预算：不认识的项" in caught.value.message
    assert "全年预算数" in caught.value.message


def test_a_negative_amount_is_refused() -> None:
    with pytest.raises(FiguresError, match="年末结转结余：金额不能为负数"):
        parse_figures('"年末结转结余" = "-1"\n')


def test_an_unquoted_chinese_key_gets_a_hint() -> None:
    with pytest.raises(FiguresError, match="中文键名要加引号"):
        parse_figures("全年预算数 = 1\n", "x.toml")


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FiguresError, match="无法读取部门数据文件"):
        load_figures(tmp_path / "没有.toml")
