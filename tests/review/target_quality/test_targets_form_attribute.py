"""TARGETS_ATTRIBUTE_INVALID: 项目属性 is 新增 or 延续 (written, or one option ticked)."""

from __future__ import annotations

import pytest

from jixiao.model.form import Declared
from jixiao.review.target_quality import attribute_choice


def test_it_flags_an_attribute_that_is_neither(declared, findings) -> None:
    (found,) = findings(declared["split"], "TARGETS_ATTRIBUTE_INVALID")
    assert found.message == "项目属性写作“新建”，应为“新增”或“延续”之一。"
    assert found.location == "表头·项目属性，第1个表格第3行第2列"


def test_it_flags_an_empty_attribute(declared, findings) -> None:
    cell = declared["mof"].attribute.loc  # the 项目属性 cell, left empty
    t = declared["mof"].model_copy(update={"attribute": Declared(text="", loc=cell)})
    (found,) = findings(t, "TARGETS_ATTRIBUTE_INVALID")
    assert found.message == "项目属性没有填写，应为“新增”或“延续”之一。"


def test_a_template_without_the_field_is_not_asked_for_it(declared, findings) -> None:
    # the 财政部 参考模板 has no 项目属性 row: nothing was read, nothing to check
    assert declared["reference"].attribute.loc is None
    assert findings(declared["reference"], "TARGETS_ATTRIBUTE_INVALID") == []


def test_a_written_attribute_passes(declared, findings) -> None:
    assert declared["mof"].attribute.text == "延续"
    assert findings(declared["mof"], "TARGETS_ATTRIBUTE_INVALID") == []


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        ("新增项目□ 延续项目√", "延续"),
        ("☑新增 □延续", "新增"),
        ("新增项目", "新增"),
        ("新增项目□ 延续项目□", None),
        ("新增项目√ 延续项目√", None),
        ("新建", None),
    ],
)
def test_it_reads_the_ticked_option(text: str, choice: str | None) -> None:
    assert attribute_choice(text) == choice


def test_a_ticked_option_passes(declared, findings) -> None:
    t = declared["mof"].model_copy(update={"attribute": Declared(text="新增项目□ 延续项目√")})
    assert findings(t, "TARGETS_ATTRIBUTE_INVALID") == []
