"""CHAIN_FORECAST_FAR: the December actual far from the July 全年预计完成值."""

from __future__ import annotations

from chain_documents import anzhen, of, read_monitoring

from jixiao.model.form import Declared
from jixiao.review.chain import check_chain
from jixiao.scoring.policy import parse_policy


def test_forecasts_close_to_the_december_actuals_are_fine(monitoring_files) -> None:
    """July forecast 满意度≥95%, December 满意度100%: 5.26 % apart."""
    july = read_monitoring(monitoring_files, "seed004_july")
    assert of(check_chain(anzhen(), monitoring=july), "CHAIN_FORECAST_FAR") == []


def test_it_flags_an_actual_far_from_the_forecast(monitoring_files) -> None:
    july = read_monitoring(monitoring_files, "seed004_july")
    july.indicators[8] = july.indicators[8].model_copy(
        update={"forecast": Declared(text="满意度≥70%")}
    )
    (found,) = of(check_chain(anzhen(), monitoring=july), "CHAIN_FORECAST_FAR")
    # December 满意度100% against 70 %: (100 − 70) ÷ 70 = 42.86 %
    assert (found.path, found.related_path) == ("indicators.8.actual", "indicators.8.forecast")
    assert (
        "满意度100%" in found.message
        and "满意度≥70%" in found.message
        and "42.86%" in found.message
    )


def test_the_gap_is_policy_data(monitoring_files) -> None:
    july = read_monitoring(monitoring_files, "seed004_july")
    tight = parse_policy('name = "t"\ntitle = "t"\n[monitoring]\nforecast_gap = "0.05"\n')
    found = of(check_chain(anzhen(), monitoring=july, policy=tight), "CHAIN_FORECAST_FAR")
    assert [f.path for f in found] == [
        "indicators.8.actual",
        "indicators.9.actual",
    ]  # 5.26 %, 11.11 %
