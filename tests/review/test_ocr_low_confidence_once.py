"""A cell read with low confidence is one finding, even when two values come from it."""

from __future__ import annotations

from jixiao.model.form import Declared, Form, FormSource
from jixiao.model.grid import Loc
from jixiao.scoring.policy import load_policy
from jixiao.services.check import check_forms


def _low(code: str, forms: list[Form]) -> list[str]:
    (checked,) = check_forms(forms, load_policy("beijing"))
    return [f.path for f in checked.findings if f.code == code]


def test_one_finding_per_cell_and_one_per_other_cell() -> None:
    shared = Loc(table=0, row=3, col=1, page=1, confidence=0.55)
    other = Loc(table=0, row=4, col=1, page=1, confidence=0.61)
    clear = Loc(table=0, row=5, col=1, page=1, confidence=0.97)
    form = Form(
        source=FormSource(file="扫描.png", sha256="", format="scan", index=0),
        project_name=Declared(text="社区服务经费", loc=shared),
        department=Declared(text="社区服务经费", loc=shared),
        implementing_unit=Declared(text="社区办", loc=other),
        manager=Declared(text="张三", loc=clear),
    )
    assert _low("OCR_LOW_CONFIDENCE", [form]) == ["project_name", "implementing_unit"]
