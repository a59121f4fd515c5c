"""The 绩效运行监控表 fixtures (tests/fixtures/monitoring/*.toml) read from .docx, .xlsx and .pdf:
header, period, the money to date and the forecast, the goals, every indicator with its 1–7月
actual, forecast, 完成目标可能性 (text or a tick in 136号's columns), 偏差原因 and 纠偏措施, and the
cell each value came from.

A PDF cannot tell a typed line break from a wrap in a narrow column, so PDF values are compared
with their whitespace left out (as tests/extract/test_regions.py does).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fixtures.monitoring.build import specs

from jixiao.extract.monitoring import extract_monitoring
from jixiao.model.monitoring import MonitoringForm
from jixiao.read import read_file

SPECS = {spec.id: spec for spec in specs()}
KINDS = ("docx", "xlsx", "pdf")
CASES = [(name, kind) for name in SPECS for kind in KINDS]
IDS = [f"{n}-{k}" for n, k in CASES]


def read_one(files: dict[tuple[str, str], Path], name: str, kind: str) -> MonitoringForm:
    if (name, kind) not in files:
        pytest.skip("LibreOffice (soffice) is not installed")
    found = extract_monitoring(read_file(files[name, kind]))
    assert len(found) == 1, f"{name}.{kind} gives {len(found)} monitoring tables"
    return found[0]


def same(kind: str, value: Any) -> Any:
    if kind == "pdf" and isinstance(value, str):
        return re.sub(r"\s+", "", value)
    if isinstance(value, list):
        return [same(kind, v) for v in value]
    return value


@pytest.mark.parametrize(("name", "kind"), CASES, ids=IDS)
def test_it_reads_the_header_money_and_goals(monitoring_files, name: str, kind: str) -> None:
    expected = SPECS[name].expected
    m = read_one(monitoring_files, name, kind)
    assert m.layout == "monitoring"
    assert (m.year, m.period.text) == (expected["year"], expected["period"])
    for field in ("title", "project_name", "department", "implementing_unit", "annual_goal"):
        assert same(kind, getattr(m, field).text) == same(kind, expected[field]), field
    assert same(kind, m.progress.text) == same(kind, expected["progress"])
    assert same(kind, m.rectification.text) == same(kind, expected["rectification"])
    funds = m.funds
    assert funds.annual_budget.text == expected["annual_budget"]
    assert funds.executed.text == expected["executed"]
    assert funds.execution_rate.text == expected["execution_rate"]
    assert funds.forecast.text == expected["forecast"]
    assert same(kind, funds.reason.text) == same(kind, expected["reason"])
    assert funds.unit.text == expected.get("unit", "万元")
    assert m.project_code.text == expected.get("project_code", "")


@pytest.mark.parametrize(("name", "kind"), CASES, ids=IDS)
def test_it_reads_every_indicator_with_its_forecast_and_likelihood(
    monitoring_files, name: str, kind: str
) -> None:
    m = read_one(monitoring_files, name, kind)
    got = [
        [
            i.level1,
            i.level2,
            i.name.text,
            i.target.text,
            i.actual.text,
            i.forecast.text,
            i.likelihood.text,
            i.cause.text,
            i.measures.text,
        ]
        for i in m.indicators
    ]
    assert same(kind, got) == same(kind, SPECS[name].expected["indicators"])
    if "needs_rectification" in SPECS[name].expected:  # the 一体化 table's 是否需要整改
        flags = [i.needs_rectification.text for i in m.indicators]
        assert flags == SPECS[name].expected["needs_rectification"]


@pytest.mark.parametrize(("name", "kind"), CASES, ids=IDS)
def test_every_value_keeps_its_cell(monitoring_files, name: str, kind: str) -> None:
    m = read_one(monitoring_files, name, kind)
    places = m.locations()
    for path in ("project_name", "funds.annual_budget", "funds.executed", "funds.forecast"):
        assert path in places, path
    for i, ind in enumerate(m.indicators):
        for field in ("name", "target", "actual", "forecast", "likelihood"):
            assert getattr(ind, field).loc is not None, (i, field)
            assert f"indicators.{i}.{field}" in places
    if kind == "pdf":
        assert all("box" in places[p] and "page" in places[p] for p in places)
    if kind == "xlsx":
        assert all("sheet" in places[p] for p in places)


def test_a_tick_is_read_as_its_column_and_located_at_the_tick(monitoring_files) -> None:
    """136号's tick columns: the 有可能 and 人员保障 answers sit where the "√" is, not at the label."""
    m = read_one(monitoring_files, "tick_2023", "xlsx")
    at_risk = m.indicators[1]
    assert (at_risk.likelihood.text, at_risk.cause.text) == ("有可能", "人员保障")
    label_row = 11  # two title rows, then the 9th and 10th table rows are the two header rows
    assert at_risk.likelihood.loc is not None and at_risk.likelihood.loc.row > label_row
    assert at_risk.likelihood.loc.col == 13  # the 有可能 column
    assert at_risk.cause.loc is not None and at_risk.cause.loc.col == 9  # 人员保障


def test_the_json_document_round_trips_with_locations(monitoring_files) -> None:
    m = read_one(monitoring_files, "seed004_july", "docx")
    back = MonitoringForm.from_json_dict(m.to_json_dict())
    assert back == m
    assert back.indicators[0].likelihood.loc == m.indicators[0].likelihood.loc


def test_a_self_evaluation_form_is_no_monitoring_table() -> None:
    from seeds import SEED_FILES

    for path in SEED_FILES[:3]:
        assert extract_monitoring(read_file(path)) == []


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_a_targets_form_is_no_monitoring_table(targets_files, kind: str) -> None:
    """H1's 申报表 fixtures have indicators and money but no forecast, likelihood or title."""
    for name in ("anzhen", "mof", "split"):
        assert extract_monitoring(read_file(targets_files[name, kind])) == []


def test_two_tables_in_one_file_are_two_with_their_own_titles(monitoring_files) -> None:
    """A unit's file with the 监控表 of two projects, one after the other."""
    first = read_file(monitoring_files["seed004_july", "docx"])
    second = read_file(monitoring_files["tick_2023", "docx"])
    first.blocks = first.blocks + second.blocks
    one, two = extract_monitoring(first)
    assert (one.title.text, one.year, one.project_name.text) == (
        "朝阳区项目支出绩效运行监控表",
        2020,
        "公共服务经费",
    )
    assert (two.title.text, two.year, len(two.indicators)) == (
        "项目支出绩效目标执行监控表",
        2023,
        7,
    )
    assert len(one.indicators) == 10 and (one.source.index, two.source.index) == (0, 1)
