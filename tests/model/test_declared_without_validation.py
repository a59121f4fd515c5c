"""The extractor makes its Declared values without pydantic's validation (`declared`): what
it makes must be the value validation would have made."""

from __future__ import annotations

from jixiao.model.form import Declared, Form, FormSource, Indicator, declared
from jixiao.model.grid import Loc


def test_a_declared_value_made_directly_equals_the_validated_one() -> None:
    loc = Loc(0, 3, 1)
    fast, validated = declared("年初预算数", loc), Declared(text="年初预算数", loc=loc)
    assert fast == validated
    assert fast.model_fields_set == validated.model_fields_set == {"text", "loc"}
    assert fast.loc is loc
    assert fast.model_dump() == validated.model_dump() == "年初预算数"
    assert hash(fast) == hash(validated)  # (frozen: usable as a key alike)
    assert not declared("", loc) and declared("", loc).loc == loc


def test_a_form_holding_such_values_writes_the_json_a_validated_one_writes() -> None:
    source = FormSource(file="a.docx", sha256="0", format="docx", index=0)
    loc = Loc(0, 2, 2)
    fast = Form(source=source, project_name=declared("市民服务中心工作经费", loc))
    fast.indicators.append(Indicator(level1="产出指标", name=declared("人次", loc)))
    slow = Form(source=source, project_name=Declared(text="市民服务中心工作经费", loc=loc))
    slow.indicators.append(Indicator(level1="产出指标", name=Declared(text="人次", loc=loc)))
    assert fast == slow
    assert fast.to_json_dict() == slow.to_json_dict()
    assert Form.from_json_dict(fast.to_json_dict()) == slow
