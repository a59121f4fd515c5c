"""A template pre-filled from a form (last year's, or one sent back) carries every typed value
of that form, and computes the rest with its own formulas."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from seeds import all_seed_forms, seed_forms
from template_filling import recalculated, row_of

from jixiao.extract import extract_forms
from jixiao.model.form import Form
from jixiao.read import read_file
from jixiao.values import parse_number
from jixiao.write.template_xlsx import write_template

HEADER = ("project_name", "department", "implementing_unit", "manager", "phone")
INDICATOR = ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation")


def text(value: object) -> str:
    return getattr(value, "text", value)  # type: ignore[return-value]


def read_back(path: Path) -> Form:
    forms = extract_forms(read_file(path))
    assert len(forms) == 1
    return forms[0]


@pytest.mark.parametrize("index", range(50))
def test_every_seed_form_comes_back_from_its_template(tmp_path: Path, index: int) -> None:
    form = all_seed_forms()[index]
    write_template(tmp_path / "t.xlsx", form=form)
    back = read_back(tmp_path / "t.xlsx")
    assert back.year == form.year
    assert [text(getattr(back, f)) for f in HEADER] == [text(getattr(form, f)) for f in HEADER]
    for row in ("total", "appropriation", "carryover", "other"):
        for column in ("initial_budget", "annual_budget", "executed"):
            was = text(getattr(getattr(form.funds, row), column))
            now = text(getattr(getattr(back.funds, row), column))
            # a plain number may lose trailing zeros (30.7800 → 30.78), nothing else changes
            assert now == was or parse_number(now) == parse_number(was.replace(",", "")), (
                row,
                column,
            )
    assert back.goals.expected.text == form.goals.expected.text
    assert back.goals.achieved.text == form.goals.achieved.text
    assert len(back.indicators) == len(form.indicators)
    for was_row, now_row in zip(form.indicators, back.indicators, strict=True):
        for field in INDICATOR:
            was, now = text(getattr(was_row, field)), text(getattr(now_row, field))
            assert now == was or (
                field in ("weight", "score") and parse_number(now) == parse_number(was)
            ), (field, was, now)


def test_it_grows_to_hold_every_indicator_of_the_form(tmp_path: Path) -> None:
    form = seed_forms("004")[0]  # 公共服务经费, 10 indicators
    assert len(form.indicators) == 10
    write_template(tmp_path / "t.xlsx", form=form, indicator_rows=3)
    sheet = load_workbook(tmp_path / "t.xlsx")["自评表"]
    assert row_of(sheet, "A", "总分") == 14 + 10


def test_its_formulas_replace_the_rate_and_score_the_form_got_wrong(tmp_path: Path) -> None:
    """Seed 004 公共服务经费 declares 100% and 10 points for 1960.5869 of 2175.9657 万元:
    by hand 1960.5869 ÷ 2175.9657 = 90.10%, and 10 × 0.90101 = 9.01."""
    form = seed_forms("004")[0]
    assert (form.funds.execution_rate.text, form.funds.score.text) == ("100%", "10")
    write_template(tmp_path / "公共服务经费.xlsx", form=form)
    back = read_back(recalculated(tmp_path / "公共服务经费.xlsx"))
    assert back.project_name.text == "公共服务经费"
    assert back.funds.execution_rate.text == "90.10%"
    assert back.funds.score.text == "9.01"
    assert back.total_weight.text == "100"


def test_it_keeps_text_that_is_not_a_number_as_written(tmp_path: Path) -> None:
    """003 2023年第一批疫情防控资金 writes 年初预算数 “145.40556.6”: kept, for review to flag."""
    form = next(f for f in seed_forms("003") if f.funds.total.initial_budget.text == "145.40556.6")
    write_template(tmp_path / "t.xlsx", form=form)
    sheet = load_workbook(tmp_path / "t.xlsx")["自评表"]
    assert sheet["D7"].value == "145.40556.6"
    assert read_back(tmp_path / "t.xlsx").funds.total.initial_budget.text == "145.40556.6"


def test_it_makes_rows_tall_enough_for_long_pre_filled_text(tmp_path: Path) -> None:
    """Seed 000 writes about 130 characters into one 年度指标值 cell, 13 characters wide."""
    form = seed_forms("000")[0]
    assert len(form.indicators[0].target.text) > 120
    write_template(tmp_path / "t.xlsx", form=form)
    sheet = load_workbook(tmp_path / "t.xlsx")["自评表"]
    assert sheet.row_dimensions[14].height > 200
    # “满意度达到95%以上。” is 19 columns wide: two lines of 14 points, plus 4
    assert sheet.row_dimensions[16].height == 32
    assert sheet.row_dimensions[17].height == 30  # an empty row
