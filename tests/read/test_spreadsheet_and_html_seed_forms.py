"""Every seed form, written as .xlsx, .xls and HTML and read back, is the same form again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import xlwt
from seeds import SEED_FILES, seed_forms

from jixiao.extract import extract_forms
from jixiao.model.form import Form
from jixiao.model.grid import Table
from jixiao.read import read_file
from jixiao.write.html_grid import write_html
from jixiao.write.layout import form_table
from jixiao.write.xlsx_grid import write_xlsx

PREFIXES = [p.name[:3] for p in SEED_FILES]


def _declared(forms: list[Form]) -> list[dict[str, Any]]:
    return [f.model_dump(exclude={"source"}) for f in forms]


def _tables(forms: list[Form]) -> list[Table]:
    return [form_table(f, i) for i, f in enumerate(forms)]


def _read_back(path: Path) -> list[dict[str, Any]]:
    return _declared(extract_forms(read_file(path)))


def _write_xls(tables: list[Table], path: Path) -> None:
    """One sheet per table, spans as merges, through xlwt as old Excel would."""
    book = xlwt.Workbook(encoding="utf-8")
    for i, table in enumerate(tables):
        sheet = book.add_sheet(f"表{i + 1}")
        for c in table.cells:
            last_row, last_col = c.row + c.rowspan - 1, c.col + c.colspan - 1
            if (last_row, last_col) != (c.row, c.col):
                sheet.write_merge(c.row, last_row, c.col, last_col, c.text)
            elif c.text:
                sheet.write(c.row, c.col, c.text)
    book.save(str(path))


@pytest.mark.parametrize("prefix", PREFIXES)
def test_seed_forms_survive_an_xlsx_with_one_sheet_per_form(prefix: str, tmp_path: Path) -> None:
    forms = seed_forms(prefix)
    path = tmp_path / "forms.xlsx"
    write_xlsx(_tables(forms), path)
    assert _read_back(path) == _declared(forms)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_seed_forms_survive_being_stacked_on_one_xlsx_sheet(prefix: str, tmp_path: Path) -> None:
    forms = seed_forms(prefix)
    path = tmp_path / "stacked.xlsx"
    write_xlsx(_tables(forms), path, one_sheet=True)
    assert _read_back(path) == _declared(forms)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_seed_forms_survive_one_html_page_per_seed_file(prefix: str, tmp_path: Path) -> None:
    forms = seed_forms(prefix)
    path = tmp_path / "forms.html"
    path.write_text(write_html(_tables(forms)), encoding="utf-8")
    assert _read_back(path) == _declared(forms)


def test_a_few_seed_forms_survive_a_legacy_xls(tmp_path: Path) -> None:
    forms = seed_forms("000") + seed_forms("003")[:3] + seed_forms("004")
    path = tmp_path / "forms.xls"
    _write_xls(_tables(forms), path)
    assert _read_back(path) == _declared(forms)
