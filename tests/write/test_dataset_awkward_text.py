"""Awkward text in a form: line breaks, quotes, control characters, very long cells, and text
that a spreadsheet would run as a formula (= + - @). CSV prefixes such cells with ' (the OWASP
mitigation), xlsx writes them as text cells (never formulas), Parquet keeps them as they are."""

from __future__ import annotations

import csv
import io
import zipfile
from functools import cache
from pathlib import Path

import pyarrow.parquet as pq
from openpyxl import load_workbook
from seeds import seed_forms

from jixiao.model.form import Declared
from jixiao.scoring.policy import load_policy
from jixiao.services.check import CheckedForm, check_forms
from jixiao.write.datasets import write_dataset_csv, write_dataset_parquet, write_dataset_xlsx

HYPERLINK = '=HYPERLINK("http://example.invalid","点我")'
DEVIATION = '第一行\n第二行，含逗号,和"引号"'
LONG = "长" * 40000


@cache
def awkward() -> list[CheckedForm]:
    form = seed_forms("004")[0]
    first = form.indicators[0].model_copy(
        update={
            "name": Declared(text=HYPERLINK),
            "target": Declared(text="+1"),
            "actual": Declared(text="-5"),
            "score": Declared(text="@SUM(A1:A2)"),
            "deviation": Declared(text=DEVIATION),
        }
    )
    form = form.model_copy(
        update={
            "project_name": Declared(text="=1+1"),
            "department": Declared(text="控制\x0b字符"),
            "implementing_unit": Declared(text=LONG),
            "manager": Declared(text="#N/A"),
            "indicators": [first, *form.indicators[1:]],
        }
    )
    return check_forms([form], load_policy("beijing"))


def csv_rows(tmp_path: Path, table: str) -> list[dict[str, str]]:
    out = tmp_path / f"{table}.csv"
    write_dataset_csv(awkward(), out, table=table)
    with out.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_csv_prefixes_text_a_spreadsheet_would_run_as_a_formula(tmp_path: Path) -> None:
    form = csv_rows(tmp_path, "forms")[0]
    assert form["project_name"] == "'=1+1"
    indicator = csv_rows(tmp_path, "indicators")[0]
    assert indicator["name"] == "'" + HYPERLINK
    assert indicator["target"] == "'+1" and indicator["actual"] == "'-5"
    assert indicator["score"] == "'@SUM(A1:A2)"
    assert indicator["project_name"] == "'=1+1"  # the keys too


def test_csv_keeps_line_breaks_quotes_and_long_text(tmp_path: Path) -> None:
    indicator = csv_rows(tmp_path, "indicators")[0]
    assert indicator["deviation"] == DEVIATION
    form = csv_rows(tmp_path, "forms")[0]
    assert form["implementing_unit"] == LONG and form["department"] == "控制\x0b字符"
    assert form["manager"] == "#N/A"


def test_xlsx_writes_formula_like_text_as_text_cells(tmp_path: Path) -> None:
    out = tmp_path / "数据集.xlsx"
    write_dataset_xlsx(awkward(), out)
    book = load_workbook(out)
    forms, indicators = book["自评表"], book["绩效指标"]
    assert forms["C2"].value == "=1+1" and forms["C2"].data_type == "s"
    header = [c.value for c in indicators[1]]
    row = {title: indicators.cell(2, i + 1) for i, title in enumerate(header)}
    assert row["三级指标"].value == HYPERLINK and row["三级指标"].data_type == "s"
    assert row["年度指标值（填报）"].value == "+1" and row["实际完成值（填报）"].value == "-5"
    assert row["偏差原因分析及改进措施"].value == DEVIATION
    with zipfile.ZipFile(out) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert all(b"<f>" not in archive.read(n) for n in sheets)  # no formula anywhere


def test_xlsx_drops_control_characters_and_cuts_overlong_cells(tmp_path: Path) -> None:
    stream = io.BytesIO()
    write_dataset_xlsx(awkward(), stream)
    forms = load_workbook(io.BytesIO(stream.getvalue()))["自评表"]
    header = [c.value for c in forms[1]]
    row = {title: forms.cell(2, i + 1) for i, title in enumerate(header)}
    assert row["主管部门"].value == "控制字符"
    unit = row["实施单位"].value
    assert len(unit) == 32767 and unit.endswith("…") and unit.startswith("长长")
    assert row["项目负责人"].value == "#N/A" and row["项目负责人"].data_type == "s"


def test_parquet_keeps_every_text_as_it_was_written(tmp_path: Path) -> None:
    out = tmp_path / "forms.parquet"
    write_dataset_parquet(awkward(), out, table="forms")
    form = pq.read_table(out).to_pylist()[0]
    assert form["project_name"] == "=1+1"
    assert form["department"] == "控制\x0b字符" and form["implementing_unit"] == LONG
    write_dataset_parquet(awkward(), out)
    indicator = pq.read_table(out).to_pylist()[0]
    assert (indicator["name"], indicator["target"], indicator["actual"]) == (HYPERLINK, "+1", "-5")
    assert indicator["deviation"] == DEVIATION
