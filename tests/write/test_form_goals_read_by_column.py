"""A form whose 预期目标 is empty and whose 实际完成情况 is filled keeps each text in its own
field when written and read back. (The reader used to take the only goals text for the
预期目标; it now reads the two columns under their labels when the form is laid out so.)"""

import io

import pytest
from seeds import seed_forms

from jixiao.extract import extract_forms
from jixiao.model.form import Declared, Goals
from jixiao.read import read_bytes
from jixiao.write.forms import write_forms_docx, write_forms_xlsx


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_an_empty_expected_goal_stays_empty_beside_the_achieved_one(kind: str):
    form = seed_forms("004")[0].model_copy(
        update={"goals": Goals(achieved=Declared(text="全年完成社区服务目标"))}
    )
    buf = io.BytesIO()
    (write_forms_docx if kind == "docx" else write_forms_xlsx)([form], buf, "beijing")
    back = extract_forms(read_bytes(buf.getvalue(), f"目标.{kind}"))[0]
    assert (back.goals.expected.text, back.goals.achieved.text) == ("", "全年完成社区服务目标")


def test_both_goals_still_read_in_order():
    form = seed_forms("004")[0]
    assert form.goals.expected.text.startswith("通过保障社区工作者的待遇")  # samples/004
    buf = io.BytesIO()
    write_forms_docx([form], buf, "mof-2020")
    back = extract_forms(read_bytes(buf.getvalue(), "目标.docx"))[0]
    assert back.goals.model_dump() == form.goals.model_dump()
