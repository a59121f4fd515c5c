"""Other regions' templates (tests/fixtures/regions/*.toml) read from .docx, .xlsx and .pdf:
every indicator's name, target, weight and score, the funds A and B, the total, the layout id,
and the values only that template has (复核分, 四川's funds rows, the text blocks …).

The files are built once per test session (fixtures/regions/build.py); the PDFs are
LibreOffice's rendering of the .docx. A PDF cannot tell a typed line break from a wrap in a
narrow column, so PDF values are compared with their whitespace left out (as
tests/read/test_pdf_seed_forms.py does).
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from fixtures.regions.build import Spec, specs, write_xlsx
from seeds import all_seed_forms

from jixiao.extract import extract_forms
from jixiao.extract.forms import _joined_target
from jixiao.model.form import Declared, Form
from jixiao.model.grid import Cell, Document, Loc, Table
from jixiao.read import read_file

SPECS = {spec.id: spec for spec in specs()}
KINDS = ("docx", "xlsx", "pdf")
CASES = [(name, kind) for name in SPECS for kind in KINDS]


def read_form(files: dict[tuple[str, str], Path], name: str, kind: str) -> Form:
    if (name, kind) not in files:
        pytest.skip("LibreOffice (soffice) is not installed")
    forms = extract_forms(read_file(files[name, kind]))
    assert len(forms) == 1, f"{name}.{kind} gives {len(forms)} forms"
    return forms[0]


def same(kind: str, value: Any) -> Any:
    if kind == "pdf" and isinstance(value, str):
        return re.sub(r"\s+", "", value)
    if isinstance(value, list):
        return [same(kind, v) for v in value]
    return value


def at(data: Any, path: str) -> Any:
    for part in path.split("."):
        if isinstance(data, list):
            data = data[int(part)]
        else:
            data = data.get(part, "")
    return data


@pytest.mark.parametrize(("name", "kind"), CASES, ids=[f"{n}-{k}" for n, k in CASES])
def test_it_reads_the_template_with_every_indicator(region_files, name: str, kind: str) -> None:
    spec: Spec = SPECS[name]
    expected = spec.expected
    form = read_form(region_files, name, kind)
    assert form.layout == expected["layout"]
    assert form.year == expected["year"]
    for field in ("project_name", "department", "implementing_unit"):
        assert same(kind, getattr(form, field).text) == same(kind, expected[field]), field
    assert form.funds.total.annual_budget.text == expected["annual_budget"]  # A
    assert form.funds.total.executed.text == expected["executed"]  # B
    got = [
        [i.level1, i.name.text, i.target.text, i.weight.text, i.score.text] for i in form.indicators
    ]
    assert same(kind, got) == same(kind, expected["indicators"])
    assert (form.total_weight.text, form.total_score.text) == (
        expected["total_weight"],
        expected["total_score"],
    )


@pytest.mark.parametrize(("name", "kind"), CASES, ids=[f"{n}-{k}" for n, k in CASES])
def test_it_keeps_what_only_the_template_has(region_files, name: str, kind: str) -> None:
    data = read_form(region_files, name, kind).model_dump()
    for path, value in SPECS[name].expected.get("values", {}).items():
        assert same(kind, at(data, path)) == same(kind, value), path


@pytest.mark.parametrize("name", list(SPECS))
def test_each_template_survives_its_json_document(region_files, name: str) -> None:
    form = read_form(region_files, name, "docx")
    again = Form.from_json_dict(form.to_json_dict())
    assert again == form
    assert again.layout == SPECS[name].expected["layout"]


def test_every_indicator_cell_keeps_its_place_in_a_split_target(region_files) -> None:
    form = read_form(region_files, "yunnan", "xlsx")
    first = form.indicators[0]
    assert first.target.loc == first.target_parts["value"].loc
    assert first.target_parts["nature"].loc is not None
    locations = form.locations()
    assert "indicators.0.target_parts.unit" in locations
    assert "funds.extra.中央补助.executed" in form_locations(region_files, "transfer")


def form_locations(region_files, name: str) -> dict[str, Any]:
    return read_form(region_files, name, "docx").locations()


@pytest.mark.parametrize(
    ("nature", "value", "unit", "joined"),
    [
        ("≥", "95", "%", "≥95%"),
        ("=", "100", "%", "=100%"),
        ("≤", "3.5", "万元", "≤3.5万元"),
        ("定性", "优", "", "优"),
        ("定量", "12", "个", "12个"),
        ("≥", "95%", "%", "≥95%"),  # the unit written into the value too
        ("≥", "", "%", ""),
    ],
)
def test_it_joins_a_split_target(nature: str, value: str, unit: str, joined: str) -> None:
    parts = {"nature": Declared(text=nature), "value": Declared(text=value)}
    parts["unit"] = Declared(text=unit)
    assert _joined_target(parts).text == joined


def test_the_seed_forms_read_as_the_beijing_layout() -> None:
    assert {f.layout for f in all_seed_forms()} == {"beijing"}


def test_a_form_written_in_the_mof_2020_layout_reads_as_mof_2020() -> None:
    from jixiao.read import read_bytes
    from jixiao.write.forms import write_forms_docx

    buf = io.BytesIO()
    write_forms_docx(all_seed_forms()[:2], buf, "mof-2020")
    back = extract_forms(read_bytes(buf.getvalue(), "自评表.docx"))
    assert [f.layout for f in back] == ["mof-2020", "mof-2020"]


def test_a_beijing_forms_json_has_none_of_the_other_templates_fields() -> None:
    data = all_seed_forms()[0].to_json_dict()
    for key in ("report_number", "total_reviewed_score", "conclusion", "problems", "measures"):
        assert key not in data
    assert set(data["funds"]["total"]) == {
        "initial_budget",
        "annual_budget",
        "executed",
        "execution_rate",
    }
    assert "extra" not in data["funds"] and "reviewed_score" not in data["funds"]
    indicator = data["indicators"][0]
    assert not {"target_parts", "reviewed_score", "group"} & set(indicator)
    assert data["layout"] == "beijing"


def test_it_reads_the_report_number_from_a_row_that_runs_over_empty_cells() -> None:
    """四川 as published: 报表编号 in the first of eleven cells, the others empty."""
    table = Table(index=0)
    lines = [["报表编号：510000_0013zp"] + [""] * 10, ["部门预算项目支出绩效自评表（2023年度）"]]
    lines += [["项目名称", "工资性支出"], ["主管部门", "某局", "实施单位（盖章）", "某局"]]
    lines += [
        ["预算执行情况（10分）", "年度预算数（万元）", "年初预算", "调整后预算数", "预算执行数"]
    ]
    lines += [["", "总额", "1", "2", "2"]]
    for r, texts in enumerate(lines):
        for c, text in enumerate(texts):
            table.cells.append(Cell(text=text, row=r, col=c, loc=Loc(0, r, c)))
    form = extract_forms(Document(file="x.xlsx", sha256="0", format="xlsx", blocks=[table]))[0]
    assert form.report_number.text == "510000_0013zp"
    assert (form.year, form.layout, form.implementing_unit.text) == (2023, "sichuan", "某局")
    assert (form.funds.total.annual_budget.text, form.funds.total.executed.text) == ("2", "2")


@pytest.mark.parametrize(
    ("text", "number"),
    [("215,457.6", "215457.6"), ("215，457.6", "215457.6"), ("1,250,000.00", "1250000.00")],
)
def test_an_amount_in_yuan_with_thousands_separators_reads_as_a_number(text, number) -> None:
    from decimal import Decimal

    from jixiao.values.parse import parse_number

    assert parse_number(text) == Decimal(number)
    assert parse_number("1，2") is None  # not groups of three: not a number


@pytest.mark.parametrize("name", list(SPECS))
def test_two_forms_of_a_template_on_one_sheet_read_as_two(name: str, tmp_path: Path) -> None:
    """Forms stacked on one sheet, each with its title rows (and 四川's 报表编号) as merged rows:
    each form ends where the next one's title starts, with or without a 总分 row."""
    spec = SPECS[name]
    width = len(spec.rows[0])
    head = [[line] + ["<"] * (width - 1) for line in spec.data["before"]]
    stacked = Spec(id=name, data={**spec.data, "before": [], "after": []})
    stacked.data["rows"] = head + spec.rows + head + spec.rows
    forms = extract_forms(read_file(write_xlsx(stacked, tmp_path / f"{name}.xlsx")))
    assert len(forms) == 2
    for form in forms:
        assert form.layout == spec.expected["layout"]
        assert len(form.indicators) == len(spec.expected["indicators"])
        assert form.total_score.text == spec.expected["total_score"]
