"""TARGETS_HEADER_MISSING: 项目名称, 实施单位 and 年度目标 must be filled."""

from __future__ import annotations

from pathlib import Path

from fixtures.regions.build import Spec, write_docx
from fixtures.targets.build import spec

from jixiao.extract.targets import extract_targets
from jixiao.model.form import Declared
from jixiao.read import read_file


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


def test_an_empty_goal_cell_is_pointed_at(tmp_path: Path, findings) -> None:
    data = spec("split").data  # its 年度目标 row, with the text left out
    rows = [r if r[0] != "年度目标" else ["年度目标", "", *r[2:]] for r in data["rows"]]
    made = write_docx(Spec("x", data | {"rows": rows}), tmp_path / "x.docx")
    (t,) = extract_targets(read_file(made))
    (found,) = [f for f in findings(t, "TARGETS_HEADER_MISSING") if f.path == "annual_goal"]
    assert found.location == "总体目标·年度目标，第1个表格第10行第2列"
