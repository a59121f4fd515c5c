"""CHAIN_SPENDING_FORECAST_FAR: 全年执行数 far from July's 全年预计执行数, both in 万元."""

from __future__ import annotations

from chain_documents import anzhen, of, read_monitoring

from jixiao.model.form import Declared
from jixiao.review.chain import check_chain


def test_july_forecast_and_december_spending_agree(monitoring_files) -> None:
    """2000.0000 forecast, 1960.5869 spent: 1.97 % apart."""
    july = read_monitoring(monitoring_files, "seed004_july")
    assert of(check_chain(anzhen(), monitoring=july), "CHAIN_SPENDING_FORECAST_FAR") == []


def test_it_flags_spending_far_from_the_forecast(monitoring_files) -> None:
    july = read_monitoring(monitoring_files, "seed004_july")
    july.funds = july.funds.model_copy(update={"forecast": Declared(text="1500")})
    (found,) = of(check_chain(anzhen(), monitoring=july), "CHAIN_SPENDING_FORECAST_FAR")
    # (1960.5869 − 1500) ÷ 1500 = 30.71 %
    assert (found.path, found.related_kind, found.related_path) == (
        "funds.total.executed",
        "monitoring",
        "funds.forecast",
    )
    assert (
        "1960.5869 万元" in found.message
        and "1500 万元" in found.message
        and "30.71%" in found.message
    )


def test_a_forecast_in_yuan_is_converted_and_said(monitoring_files) -> None:
    july = read_monitoring(monitoring_files, "seed004_july")
    july.funds = july.funds.model_copy(
        update={"forecast": Declared(text="15000000"), "unit": Declared(text="元")}
    )
    (found,) = of(check_chain(anzhen(), monitoring=july), "CHAIN_SPENDING_FORECAST_FAR")
    assert "15000000 元即 1500 万元" in found.message
