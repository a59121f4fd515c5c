"""The full indicator list, goals and stated points of sixteen seed forms, the messy ones among
them (placeholder rows, 不涉及 rows, labels spelled several ways, empty level-1 cells, cells cut
by blank lines). Expected values in fixtures/seed_indicators/ were checked against the seeds."""

from __future__ import annotations

import json

import pytest
from seeds import FIXTURES, all_seed_forms, seed_forms

CASES = sorted((FIXTURES / "seed_indicators").glob("*.json"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_it_reads_every_indicator_of_the_form(path) -> None:
    expected = json.loads(path.read_text(encoding="utf-8"))
    form = seed_forms(expected["file"][:3])[expected["index"]]
    assert form.project_name.text == expected["project_name"]
    assert form.goals.model_dump() == expected["goals"]
    assert {k: v.text for k, v in form.stated_weights.items()} == expected["stated_weights"]
    got = [ind.model_dump(exclude={"level1_text", "level2_text"}) for ind in form.indicators]
    assert len(got) == len(expected["indicators"])
    for i, (g, e) in enumerate(zip(got, expected["indicators"], strict=True)):
        assert g == e, f"indicator {i}"


def test_it_keeps_every_value_beside_its_cell() -> None:
    form = seed_forms("004")[0]
    indicator = form.indicators[0]
    assert indicator.weight.text == "10"
    assert indicator.weight.loc is not None
    assert form.funds.total.executed.loc is not None
    locations = form.locations()
    assert locations["funds.total.executed"]["table"] == form.funds.total.executed.loc.table
    assert "indicators.0.weight" in locations


def test_it_reads_a_row_that_blank_lines_cut_into_four_parts() -> None:
    form = next(f for f in all_seed_forms() if f.project_name.text == "2023年社区公益事业补助资金")
    cost = next(i for i in form.indicators if i.level2 == "成本指标")
    assert cost.name.text == "指标1：项目实际支出成本控制在项目预算数内"
    assert (cost.target.text, cost.actual.text) == ("项目实际支出成本控制在项目预算数内",) * 2
    assert (cost.weight.text, cost.score.text) == ("10", "10")
    assert [i.level1 for i in form.indicators if i.level2 == "社会效益指标"] == ["效益指标"] * 3
