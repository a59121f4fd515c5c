"""The 绩效目标申报表 fixtures (tests/fixtures/targets/*.toml) read from .docx, .xlsx and .pdf:
every header field, the funds and their unit, both goals, every indicator (levels, name, target,
分值, 备注), the split target's parts and the 审核意见, each with its cell.

A PDF cannot tell a typed line break from a wrap in a narrow column, so PDF values are compared
with their whitespace left out (as tests/extract/test_regions.py does).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fixtures.targets.build import NAMES, spec

from jixiao.extract.targets import extract_targets
from jixiao.model.targets import TargetsForm
from jixiao.read import read_file

KINDS = ("docx", "xlsx", "pdf")
CASES = [(name, kind) for name in NAMES for kind in KINDS]
IDS = [f"{n}-{k}" for n, k in CASES]
HEADER = (
    "title",
    "project_name",
    "project_code",
    "department",
    "implementing_unit",
    "attribute",
    "period",
    "long_term_goal",
    "annual_goal",
)


def read_targets(files: dict[tuple[str, str], Path], name: str, kind: str) -> TargetsForm:
    if (name, kind) not in files:
        pytest.skip("LibreOffice (soffice) is not installed")
    found = extract_targets(read_file(files[name, kind]))
    assert len(found) == 1, f"{name}.{kind} gives {len(found)} 申报表"
    return found[0]


def same(kind: str, value: Any) -> Any:
    if kind == "pdf" and isinstance(value, str):
        return re.sub(r"\s+", "", value)
    if isinstance(value, list):
        return [same(kind, v) for v in value]
    return value


@pytest.mark.parametrize(("name", "kind"), CASES, ids=IDS)
def test_it_reads_every_header_field_and_the_funds(targets_files, name: str, kind: str) -> None:
    expected = spec(name).expected
    t = read_targets(targets_files, name, kind)
    assert t.year == expected["year"]
    assert t.layout == "targets"
    for field in HEADER:
        assert same(kind, getattr(t, field).text) == same(kind, expected[field]), field
    for field in ("manager", "phone", "basis"):
        assert same(kind, getattr(t, field).text) == same(kind, expected.get(field, "")), field
    assert t.funds.total.text == expected["funds_total"]
    assert t.funds.appropriation.text == expected["funds_appropriation"]
    assert t.funds.other.text == expected["funds_other"]
    assert t.funds.unit.text == expected["funds_unit"]


@pytest.mark.parametrize(("name", "kind"), CASES, ids=IDS)
def test_it_reads_every_indicator_with_its_levels(targets_files, name: str, kind: str) -> None:
    expected = spec(name).expected
    t = read_targets(targets_files, name, kind)
    got = [
        [i.level1, i.level2, i.name.text, i.target.text, i.weight.text, i.note.text]
        for i in t.indicators
    ]
    assert same(kind, got) == same(kind, expected["indicators"])


@pytest.mark.parametrize("kind", KINDS)
def test_it_keeps_the_parts_of_a_split_target(targets_files, kind: str) -> None:
    t = read_targets(targets_files, "split", kind)
    for index, (nature, value, unit) in spec("split").expected["parts"].items():
        parts = t.indicators[int(index)].target_parts
        assert (parts["nature"].text, parts["value"].text, parts["unit"].text) == (
            nature,
            value,
            unit,
        )
    assert t.opinions["department"].text == "同意申报。"
    assert t.opinions["finance"].text == ""  # the empty 财政部门审核意见 cell, located
    assert t.opinions["finance"].loc is not None


@pytest.mark.parametrize(("name", "kind"), CASES, ids=IDS)
def test_every_value_remembers_its_cell(targets_files, name: str, kind: str) -> None:
    t = read_targets(targets_files, name, kind)
    where = t.locations()
    for path in ("project_name", "department", "funds.total", "annual_goal", "indicators.0.target"):
        assert path in where, path
    # the 项目名称 value sits right of its label, on the 申报表's first table row
    name_cell = t.project_name.loc
    assert name_cell is not None and name_cell.col == 1
    target = t.indicators[0].target.loc
    assert target is not None and target.row > name_cell.row
    if kind == "pdf":
        assert name_cell.page == 1 and name_cell.box is not None
    if kind == "xlsx":
        assert name_cell.sheet == spec(name).data["sheet"]


@pytest.mark.parametrize("name", NAMES)
def test_the_json_document_loads_back_with_its_cells(targets_files, name: str) -> None:
    t = read_targets(targets_files, name, "docx")
    again = TargetsForm.from_json_dict(t.to_json_dict())
    assert again == t
    assert again.locations() == t.locations()


@pytest.mark.parametrize("kind", KINDS)
def test_of_two_indicator_tables_it_reads_the_years(targets_files, kind: str) -> None:
    # 宁乡: 长期绩效指标 then 年度绩效指标, nine rows each; the 年度 table starts on grid row 22
    t = read_targets(targets_files, "ningxiang", kind)
    assert len(t.indicators) == 9
    first, name = t.indicators[0].name.loc, t.project_name.loc
    assert first is not None and name is not None
    assert first.row - name.row == 22
    assert t.indicators[-1].level2_text.text == "社会公众或服务对象满意度指标"
    assert t.indicators[-1].level2 == "服务对象满意度指标"
