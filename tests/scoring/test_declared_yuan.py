"""A funds block whose label declares 元 is read as 元: converted to 万元, no finding against it."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from seeds import SEED_FILES

from jixiao.extract import extract_forms
from jixiao.read import read_bytes, read_file
from jixiao.scoring.policy import load_policy
from jixiao.services.check import check_forms
from jixiao.write.forms import write_forms_docx

SEED = next(p for p in SEED_FILES if p.name.startswith("000"))


def _forms(tmp_path: Path, label: str):
    text = SEED.read_text(encoding="utf-8").replace("项目资金\n（万元）", f"项目资金\n{label}")
    path = tmp_path / SEED.name
    path.write_text(text, encoding="utf-8")
    return extract_forms(read_file(path))


def test_the_label_s_unit_is_kept_as_declared(tmp_path: Path) -> None:
    assert [f.funds.unit.text for f in extract_forms(read_file(SEED))] == ["万元"]
    assert [f.funds.unit.text for f in _forms(tmp_path, "（元）")] == ["元"]
    assert [f.funds.unit.text for f in _forms(tmp_path, "（单位：元）")] == ["元"]
    assert [f.funds.unit.text for f in _forms(tmp_path, "")] == [""]


def test_declared_yuan_is_converted_and_explained_without_a_finding(tmp_path: Path) -> None:
    (checked,) = check_forms(_forms(tmp_path, "（元）"), load_policy("beijing"))
    assert checked.computed.funds_unit == "元"
    assert checked.computed.annual_budget == Decimal("30.78")
    assert "UNIT_FUNDS_IN_YUAN" not in {f.code for f in checked.findings}
    text = str(checked.to_json_dict()["computed"])
    assert "表中注明金额单位为元，换算为万元：307800 ÷ 10000 = 30.78" in text


def test_yuan_under_a_wanyuan_label_is_still_a_finding() -> None:
    (checked,) = check_forms(extract_forms(read_file(SEED)), load_policy("beijing"))
    assert checked.computed.annual_budget == Decimal("30.78")
    assert "UNIT_FUNDS_IN_YUAN" in {f.code for f in checked.findings}


def test_a_written_form_keeps_its_declared_unit(tmp_path: Path) -> None:
    buf = io.BytesIO()
    write_forms_docx(_forms(tmp_path, "（元）"), buf, "beijing")
    (back,) = extract_forms(read_bytes(buf.getvalue(), "元.docx"))
    assert back.funds.unit.text == "元"
