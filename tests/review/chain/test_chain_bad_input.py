"""The chain never crashes on documents read badly or left empty."""

from __future__ import annotations

from chain_documents import anzhen, of

from jixiao.model.form import Declared, FormSource
from jixiao.model.monitoring import MonitoringForm, MonitoringFunds, MonitoringIndicator
from jixiao.model.targets import TargetIndicator, TargetsForm
from jixiao.review.chain import check_chain, check_targets_history

SOURCE = FormSource(file="x.xlsx", sha256="0" * 64, format="xlsx", index=0)


def test_an_empty_targets_form_or_monitoring_table_says_nothing() -> None:
    form = anzhen()
    assert (
        check_chain(
            form, targets=TargetsForm(source=SOURCE), monitoring=MonitoringForm(source=SOURCE)
        )
        == []
    )


def test_unreadable_values_are_passed_over_not_guessed() -> None:
    form = anzhen()
    july = MonitoringForm(
        source=SOURCE,
        funds=MonitoringFunds(forecast=Declared(text="约两千万")),
        indicators=[
            MonitoringIndicator(
                level1="满意度指标",
                level2="服务对象满意度指标",
                name=Declared(text="指标1："),
                forecast=Declared(text="很高"),
                likelihood=Declared(text="？"),
            )
        ],
    )
    assert check_chain(form, monitoring=july) == []
    targets = TargetsForm(
        source=SOURCE,
        indicators=[TargetIndicator(name=Declared(text=""), target=Declared(text="≥≥"))],
    )
    found = check_chain(form, targets=targets)
    assert len(of(found, "CHAIN_INDICATOR_ADDED")) == 10  # nothing of the form is in it
    assert check_targets_history(targets, form) == []
