"""TARGETS_FUNDS_SOURCES_MISMATCH: 财政拨款 + 其他资金 = 年度资金总额."""

from __future__ import annotations

from jixiao.model.form import Declared


def test_it_flags_sources_that_do_not_add_up(declared, findings) -> None:
    t = declared["mof"].model_copy(deep=True)
    t.funds = t.funds.model_copy(update={"appropriation": Declared(text="400.00")})
    (found,) = findings(t, "TARGETS_FUNDS_SOURCES_MISMATCH")
    assert (
        found.message
        == "财政拨款“400.00”加其他资金“30.00”等于 430 万元，与年度资金总额“480.00”万元不符。"
    )
    assert found.location.startswith("项目资金·年度资金总额，第1个表格第4行")


def test_sources_that_add_up_pass(declared, findings) -> None:
    for name in ("mof", "split", "anzhen"):  # 450 + 30 = 480; 860,000.00 + 0.00; 2175.9657 + 0
        assert findings(declared[name], "TARGETS_FUNDS_SOURCES_MISMATCH") == [], name
