"""TARGETS_WEIGHTS_NOT_TOTAL: 分值 add up to 100 (or 90 with 预算执行 apart), when there are any."""

from __future__ import annotations

from jixiao.model.form import Declared


def test_it_flags_weights_that_add_up_to_neither(declared, findings) -> None:
    (found,) = findings(declared["split"], "TARGETS_WEIGHTS_NOT_TOTAL")
    assert found.message == (
        "各指标分值合计 20+20+15+5+10+15+10 = 95，应为 100（或预算执行另计 10 分时的 90）。"
    )


def test_it_flags_a_row_without_weight_among_weighted_ones(declared, findings) -> None:
    t = declared["split"].model_copy(deep=True)
    t.indicators[3] = t.indicators[3].model_copy(update={"weight": Declared(text="")})
    got = findings(t, "TARGETS_WEIGHTS_NOT_TOTAL")
    assert got[0].path == "indicators.3.weight"
    assert got[0].message.startswith("6 条指标写了分值，1 条没有写")


def test_weights_of_90_or_100_and_no_weights_pass(declared, findings) -> None:
    t = declared["split"].model_copy(deep=True)
    t.indicators[3] = t.indicators[3].model_copy(update={"weight": Declared(text="0")})  # 90
    assert findings(t, "TARGETS_WEIGHTS_NOT_TOTAL") == []
    t.indicators[3] = t.indicators[3].model_copy(update={"weight": Declared(text="10")})  # 100
    assert findings(t, "TARGETS_WEIGHTS_NOT_TOTAL") == []
    assert findings(declared["mof"], "TARGETS_WEIGHTS_NOT_TOTAL") == []  # no 分值 column
