"""Budget execution: r = 全年执行数 ÷ 全年预算数, score = 10 × min(r, 1), two decimals half-up."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal

import pytest
from seeds import FIXTURES, all_seed_forms, seed_forms

from jixiao.model.form import Declared, Form, FormSource, Funds, FundsRow
from jixiao.scoring.engine import score_form
from jixiao.scoring.policy import load_policy

BEIJING = load_policy("beijing")
with (FIXTURES / "seed_forms.tsv").open(encoding="utf-8") as fh:
    ROWS = list(csv.DictReader(fh, delimiter="\t"))


def form_named(name: str) -> Form:
    return next(f for f in all_seed_forms() if f.project_name.text == name)


def test_it_scores_004_public_service_funds_at_9_01_not_the_declared_10() -> None:
    form = form_named("公共服务经费")
    computed = score_form(form, BEIJING)
    assert computed.execution_rate == Decimal("0.9010")
    assert computed.funds_score == Decimal("9.01")
    assert form.funds.score.text == "10"  # the declared value is left as it is
    assert "1960.5869 ÷ 2175.9657 = 90.10%" in computed.explanations["execution_rate"]
    assert "= 9.01" in computed.explanations["funds_score"]


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['file'][:3]}-{r['index']}" for r in ROWS])
def test_every_seed_form_gets_the_funds_score_the_policy_gives(row: dict[str, str]) -> None:
    # the expectation is computed here from the hand-checked TSV, not by the engine's code
    budget, executed = Decimal(row["total.annual_budget"]), Decimal(row["total.executed"])
    expected = (10 * min(executed / budget, Decimal(1))).quantize(Decimal("0.01"), ROUND_HALF_UP)
    form = seed_forms(row["file"][:3])[int(row["index"])]
    for policy in ("beijing", "mof-2020"):
        assert score_form(form, load_policy(policy)).funds_score == expected


def test_it_caps_the_score_when_more_was_spent_than_budgeted() -> None:
    form = Form(
        source=FormSource(file="t", sha256="0", format="text", index=0),
        funds=Funds(
            total=FundsRow(annual_budget=Declared(text="100"), executed=Declared(text="120"))
        ),
    )
    computed = score_form(form, BEIJING)
    assert computed.execution_rate == Decimal("1.2")
    assert computed.funds_score == Decimal("10.00")


def test_it_falls_back_to_the_source_rows_when_the_total_row_is_blank() -> None:
    form = Form(
        source=FormSource(file="t", sha256="0", format="text", index=0),
        funds=Funds(
            appropriation=FundsRow(annual_budget=Declared(text="80"), executed=Declared(text="70")),
            carryover=FundsRow(annual_budget=Declared(text="20"), executed=Declared(text="20")),
        ),
    )
    computed = score_form(form, BEIJING)
    assert computed.execution_rate == Decimal("0.9")
    assert computed.funds_score == Decimal("9.00")
    assert "资金来源各行合计" in computed.explanations["execution_rate"]


@pytest.mark.parametrize(
    ("budget", "said"), [("0", "为 0"), ("", "未填或无法读取"), ("145.40556.6", "未填或无法读取")]
)
def test_it_does_not_compute_a_rate_it_cannot(budget: str, said: str) -> None:
    form = Form(
        source=FormSource(file="t", sha256="0", format="text", index=0),
        funds=Funds(
            total=FundsRow(annual_budget=Declared(text=budget), executed=Declared(text="5"))
        ),
    )
    computed = score_form(form, BEIJING)
    assert computed.execution_rate is None and computed.funds_score is None
    assert said in computed.explanations["execution_rate"]


def test_absurd_numbers_are_not_computed_with_and_do_not_crash() -> None:
    form = Form(
        source=FormSource(file="t", sha256="0", format="text", index=0),
        funds=Funds(
            total=FundsRow(annual_budget=Declared(text="1e40"), executed=Declared(text="5E+30"))
        ),
    )
    computed = score_form(form, BEIJING)
    assert computed.funds_score is None
    assert "无法读取" in computed.explanations["execution_rate"]
