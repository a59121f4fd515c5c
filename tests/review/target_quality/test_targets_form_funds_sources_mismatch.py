"""TARGETS_FUNDS_SOURCES_MISMATCH: 财政拨款 + 其他资金 = 年度资金总额, compared in 万元."""

from __future__ import annotations

from jixiao.model.form import Declared


def test_it_flags_sources_that_do_not_add_up(declared, findings) -> None:
    t = declared["mof"].model_copy(deep=True)
    t.funds = t.funds.model_copy(update={"appropriation": Declared(text="400.00")})
    (found,) = findings(t, "TARGETS_FUNDS_SOURCES_MISMATCH")
    assert found.message == (
        "财政拨款“400.00”加其他资金“30.00”合计 430 万元，与年度资金总额 480.00 万元不符。"
    )
    assert found.location.startswith("项目资金·年度资金总额，第1个表格第4行")


def test_amounts_that_write_their_unit_are_compared_in_wan(declared, findings) -> None:
    t = declared["ningxiang"].model_copy(deep=True)  # 总额 10606.7522万元
    t.funds = t.funds.model_copy(update={"other": Declared(text="3683397元")})  # 368.3397 万元
    (found,) = findings(t, "TARGETS_FUNDS_SOURCES_MISMATCH")
    assert "合计 7291.6949 万元，与年度资金总额 10606.7522万元不符" in found.message


def test_sources_in_yuan_are_converted_like_the_total(declared, findings) -> None:
    t = declared["split"].model_copy(deep=True)  # 项目资金（元）: 860,000.00
    t.funds = t.funds.model_copy(update={"other": Declared(text="10,000.00")})
    (found,) = findings(t, "TARGETS_FUNDS_SOURCES_MISMATCH")
    assert (
        "合计 87 万元，与年度资金总额 860,000.00 元 = 86 万元（按 1 万元 = 10000 元换算）不符"
        in (found.message)
    )


def test_sources_that_add_up_pass(declared, findings) -> None:
    # 450 + 30 = 480; 860,000.00 + 0.00 元; 2175.9657 + 0; 6923.3552万元 + 3683.3970万元
    for name in ("mof", "split", "anzhen", "ningxiang"):
        assert findings(declared[name], "TARGETS_FUNDS_SOURCES_MISMATCH") == [], name
