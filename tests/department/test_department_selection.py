"""Which forms are the department's: 主管部门 equal to the name or containing it, one department."""

from __future__ import annotations

import pytest

from jixiao.department.evaluation import NoSuchDepartment, select_department
from jixiao.model.form import Declared
from jixiao.services.check import CheckedForm


def test_a_part_of_the_name_finds_the_department_in_all_its_spellings(
    checked: list[CheckedForm],
) -> None:
    name, forms = select_department("政务服务管理局", 2021, checked)
    assert name == "丰台区政务服务管理局"
    assert len(forms) == 13


def test_a_department_of_its_own_name_is_kept_apart(checked: list[CheckedForm]) -> None:
    name, forms = select_department("运行保障中心", 2021, checked)
    assert name == "运行保障中心"
    assert {c.form.project_name.text for c in forms} == {
        "服装费",
        "综窗人员食堂就餐补助",
        "综窗人员综合管理经费",
        "综合窗口人员经费",
        "综合窗口人员体检费",
    }


def test_no_match_lists_the_departments_found(checked: list[CheckedForm]) -> None:
    with pytest.raises(NoSuchDepartment) as caught:
        select_department("朝阳区", 2021, checked)
    assert "丰台区政务服务管理局" in caught.value.message
    assert "运行保障中心" in caught.value.message


def test_the_year_must_match(checked: list[CheckedForm]) -> None:
    with pytest.raises(NoSuchDepartment, match="自评表的年度有"):
        select_department("丰台区政务服务管理局", 2022, checked)


def test_a_name_inside_two_different_departments_is_ambiguous(checked: list[CheckedForm]) -> None:
    first = checked[1]  # seed 002's first form, 丰台区政务服务管理局
    other = CheckedForm(
        first.form.model_copy(update={"department": Declared(text="丰台区科学技术局")}),
        first.computed,
        first.findings,
    )
    with pytest.raises(NoSuchDepartment, match="同时匹配多个主管部门"):
        select_department("丰台区", 2021, [*checked, other])
    name, forms = select_department("丰台区科学技术局", 2021, [*checked, other])
    assert (name, len(forms)) == ("丰台区科学技术局", 1)
