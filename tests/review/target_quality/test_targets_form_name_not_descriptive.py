"""TARGETS_NAME_NOT_DESCRIPTIVE: a 三级指标 that is empty, a row number or a bare number."""

from __future__ import annotations

from jixiao.model.form import Declared


def test_it_flags_placeholder_numbers_as_names(declared, findings) -> None:
    # the published 宁乡 form: 指标内容 “88” (68, 20) and 指标值 “100” on every row
    found = findings(declared["ningxiang"], "TARGETS_NAME_NOT_DESCRIPTIVE")
    assert [f.path for f in found] == [f"indicators.{i}.name" for i in range(9)]
    assert found[0].message.startswith("三级指标只写“88”，看不出考核什么")


def test_it_flags_row_numbers_and_empty_names(declared, findings) -> None:
    found = findings(declared["anzhen"], "TARGETS_NAME_NOT_DESCRIPTIVE")  # “指标1：” ×9, “指标2：”
    assert len(found) == 10
    t = declared["mof"].model_copy(deep=True)
    t.indicators[1] = t.indicators[1].model_copy(update={"name": Declared(text="")})
    (empty,) = findings(t, "TARGETS_NAME_NOT_DESCRIPTIVE")
    assert empty.message.startswith("三级指标没有填写")


def test_named_indicators_pass_even_after_a_row_number(declared, findings) -> None:
    assert findings(declared["mof"], "TARGETS_NAME_NOT_DESCRIPTIVE") == []
    t = declared["mof"].model_copy(deep=True)
    named = Declared(text="指标1：建立居民健康档案人数")
    t.indicators[0] = t.indicators[0].model_copy(update={"name": named})
    assert findings(t, "TARGETS_NAME_NOT_DESCRIPTIVE") == []
