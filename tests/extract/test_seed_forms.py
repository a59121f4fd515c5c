"""All 50 seed forms: header, funds block and totals exactly as the documents declare them.

The expected values in fixtures/seed_forms.tsv were checked by hand against the seed text,
mistakes of the documents included (`145.40556.6`, 总分 `1000`, an empty 年初预算数).
"""

from __future__ import annotations

import csv

import pytest
from seeds import FIXTURES, seed_forms

with (FIXTURES / "seed_forms.tsv").open(encoding="utf-8") as fh:
    EXPECTED = list(csv.DictReader(fh, delimiter="\t"))


def test_it_finds_all_fifty_forms() -> None:
    counts = {p: len(seed_forms(p)) for p in ("000", "002", "003", "004")}
    assert counts == {"000": 1, "002": 18, "003": 29, "004": 2}
    assert len(EXPECTED) == 50


@pytest.mark.parametrize(
    "row",
    EXPECTED,
    ids=[f"{r['file'][:3]}-{r['index']}-{r['project_name'][:12]}" for r in EXPECTED],
)
def test_it_reads_header_funds_and_totals(row: dict[str, str]) -> None:
    form = seed_forms(row["file"][:3])[int(row["index"])]
    assert form.source.index == int(row["index"])
    assert form.year == int(row["year"])
    for field in ("project_name", "department", "implementing_unit", "manager", "phone"):
        assert getattr(form, field).text == row[field], field
    for key in ("total", "appropriation", "carryover", "other"):
        funds_row = getattr(form.funds, key)
        for column in ("initial_budget", "annual_budget", "executed"):
            assert getattr(funds_row, column).text == row[f"{key}.{column}"], f"{key}.{column}"
    assert form.funds.weight.text == row["funds.weight"]
    assert form.funds.execution_rate.text == row["funds.execution_rate"]
    assert form.funds.score.text == row["funds.score"]
    assert form.total_weight.text == row["total_weight"]
    assert form.total_score.text == row["total_score"]
    assert len(form.indicators) == int(row["indicators"])
