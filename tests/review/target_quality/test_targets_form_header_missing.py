"""TARGETS_HEADER_MISSING: 项目名称, 实施单位 and 年度目标 must be filled."""

from __future__ import annotations

from jixiao.model.form import Declared


def test_it_flags_the_empty_implementing_unit_with_its_cell(declared, findings) -> None:
    (found,) = findings(declared["split"], "TARGETS_HEADER_MISSING")
    assert found.path == "implementing_unit"
    assert found.message == "实施单位没有填写。"
    # the empty cell right of the 实施单位 label, on the 申报表's second row
    assert found.location == "表头·实施单位，第1个表格第2行第7列"
    assert found.severity.value == "error"


def test_it_flags_each_missing_field(declared, findings) -> None:
    blank = Declared(text="")
    t = declared["mof"].model_copy(update={"project_name": blank, "annual_goal": blank})
    got = {f.path: f.message for f in findings(t, "TARGETS_HEADER_MISSING")}
    assert got == {"project_name": "项目名称没有填写。", "annual_goal": "年度目标没有填写。"}


def test_a_complete_header_passes(declared, findings) -> None:
    assert findings(declared["mof"], "TARGETS_HEADER_MISSING") == []
    assert findings(declared["anzhen"], "TARGETS_HEADER_MISSING") == []
