"""Every bad row of a set-up sheet is named with its sheet, row number and reason."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from setup_sheet_world import BUREAU_CODE, bureau, filled_template

from jixiao.web.orgs import services as orgs
from jixiao.web.setup_sheet import services
from jixiao.web.setup_sheet.sheet import read_sheet

pytestmark = pytest.mark.django_db

DEPARTMENT = ["110106001", "某区教育委员会", BUREAU_CODE, "主管部门"]


def problems(organisations: Sequence = (), people: Sequence = ()) -> list[tuple[str, int, str]]:
    plan = services.plan(read_sheet("设置.xlsx", filled_template(organisations, people)))
    assert not plan.ok
    return [(p.sheet, p.row, p.reason) for p in plan.problems]


@pytest.fixture(autouse=True)
def the_bureau(db) -> None:
    bureau()


def test_it_names_a_parent_code_that_is_nowhere() -> None:
    assert problems([["110106001", "某区教育委员会", "999", "主管部门"]]) == [
        ("机构", 2, "上级编码“999”既不在系统中，也不在本表“机构”工作表中。")
    ]


def test_it_names_a_code_given_twice() -> None:
    assert problems([DEPARTMENT, ["110106001", "某区卫生健康委员会", BUREAU_CODE, "主管部门"]]) == [
        ("机构", 3, "单位编码“110106001”与第 2 行重复。")
    ]


def test_it_names_a_cycle_of_parent_codes() -> None:
    rows = [
        DEPARTMENT,
        ["A1", "甲单位", "B1", "预算单位"],
        ["B1", "乙单位", "A1", "预算单位"],
        ["C1", "丙单位", "C1", "预算单位"],
    ]
    assert problems(rows) == [
        ("机构", 3, "上级编码形成循环：A1 → B1 → A1。"),
        ("机构", 4, "上级编码形成循环：B1 → A1 → B1。"),
        ("机构", 5, "上级编码形成循环：C1 → C1。"),
    ]


def test_it_names_a_cycle_through_an_organisation_already_in_the_system(admin_user) -> None:
    department = orgs.create_organisation(
        None, code="110106001", name="某区教育委员会", kind="department", parent=orgs.the_bureau()
    )
    orgs.create_organisation(None, code="U1", name="甲单位", kind="unit", parent=department)
    # the bureau put under a unit of its own department, which stays where it is
    assert problems([[BUREAU_CODE, "某区财政局", "U1", "财政局"]]) == [
        ("机构", 2, "上级编码形成循环：110106000 → U1 → 110106001 → 110106000。")
    ]


def test_it_names_a_kind_under_the_wrong_kind_of_parent() -> None:
    rows = [
        DEPARTMENT,
        ["110106001001", "某区教育考试中心", "110106001", "主管部门"],
        ["110106002", "某区第一中学", "", "预算单位"],
        ["110106003", "另一财政局", "110106001", "财政局"],
    ]
    assert problems(rows) == [
        ("机构", 3, "主管部门不能放在主管部门“某区教育委员会”之下。"),
        ("机构", 4, "预算单位必须有上级机构。"),
        ("机构", 5, "财政局不能放在主管部门“某区教育委员会”之下。"),
    ]


def test_it_names_an_unknown_kind_an_unknown_role_and_empty_cells() -> None:
    found = problems(
        [DEPARTMENT, ["110106002", "某区体育局", BUREAU_CODE, "部门"], ["110106003", "", "", ""]],
        [["lisi", "李四", "", "110106001", "局长"], ["", "王五", "", "110106001", ""]],
    )
    assert found == [
        ("机构", 3, "未知的机构类型“部门”（应为财政局、主管部门或预算单位）。"),
        ("机构", 4, "请填写名称、类型。"),
        ("人员", 2, "未知的角色“局长”（应为填报人、审核人或管理员）。"),
        ("人员", 3, "请填写用户名、角色。"),
    ]


def test_it_names_two_organisations_of_one_name_under_one_parent() -> None:
    rows = [
        DEPARTMENT,
        ["110106002", "某区教育委员会", BUREAU_CODE, "主管部门"],
        ["110106001001", "某区第一中学", "110106001", "预算单位"],
    ]
    assert problems(rows) == [
        ("机构", 2, "与第 3 行同名：“某区财政局”下不能有两个名为“某区教育委员会”的机构。"),
        ("机构", 3, "与第 2 行同名：“某区财政局”下不能有两个名为“某区教育委员会”的机构。"),
    ]


def test_it_names_a_new_organisation_named_like_one_in_the_system() -> None:
    orgs.create_organisation(
        None, code="110106009", name="某区教育委员会", kind="department", parent=orgs.the_bureau()
    )
    assert problems([DEPARTMENT]) == [
        ("机构", 2, "“某区财政局”下已有名为“某区教育委员会”的机构（编码 110106009）。")
    ]


def test_it_refuses_to_change_the_kind_of_an_organisation() -> None:
    assert problems([["110106000", "某区财政局", "", "主管部门"]]) == [
        ("机构", 2, "“某区财政局”（110106000）在系统中是财政局，类型不能通过导入修改。"),
        ("机构", 2, "主管部门必须有上级机构。"),
    ]


def test_it_names_an_organisation_code_unknown_for_a_person() -> None:
    assert problems([DEPARTMENT], [["lisi", "李四", "", "110106999", "审核人"]]) == [
        ("人员", 2, "机构编码“110106999”既不在系统中，也不在本表“机构”工作表中。")
    ]


def test_it_names_a_role_at_the_wrong_kind_of_organisation() -> None:
    found = problems(
        [DEPARTMENT, ["110106001001", "某区第一中学", "110106001", "预算单位"]],
        [
            ["zhangsan", "张三", "", "110106001", "填报人"],
            ["lisi", "李四", "", "110106001001", "审核人"],
            ["wangwu", "王五", "", "110106001", "管理员"],
        ],
    )
    assert found == [
        ("人员", 2, "填报人只能设在预算单位，“某区教育委员会”是主管部门。"),
        ("人员", 3, "审核人只能设在主管部门、财政局，“某区第一中学”是预算单位。"),
        ("人员", 4, "管理员只能设在财政局，“某区教育委员会”是主管部门。"),
    ]


def test_it_names_a_role_given_twice_and_a_person_named_two_ways() -> None:
    found = problems(
        [DEPARTMENT],
        [
            ["lisi", "李四", "li@example.gov.cn", "110106001", "审核人"],
            ["lisi", "李四", "", "110106001", "审核人"],
            ["lisi", "李斯", "si@example.gov.cn", BUREAU_CODE, "审核人"],
        ],
    )
    assert found == [
        ("人员", 3, "与第 2 行重复（同一用户名、机构编码和角色）。"),
        ("人员", 4, "用户名“lisi”在第 2 行的姓名是“李四”，与本行不同。"),
        ("人员", 4, "用户名“lisi”在第 2 行的电子邮箱是“li@example.gov.cn”，与本行不同。"),
    ]


def test_it_names_a_bad_user_name_and_a_bad_e_mail() -> None:
    found = problems([DEPARTMENT], [["li si", "李四", "not-an-address", "110106001", "审核人"]])
    assert found == [
        ("人员", 2, "用户名“li si”不能含空格，且不超过 150 个字符。"),
        ("人员", 2, "电子邮箱“not-an-address”的格式不对。"),
    ]


def test_good_rows_are_planned_beside_the_bad_ones_but_nothing_can_be_applied(admin_user) -> None:
    sheet = read_sheet(
        "设置.xlsx",
        filled_template([DEPARTMENT, ["X1", "某单位", "999", "预算单位"]]),
    )
    plan = services.plan(sheet)
    assert [o.action for o in plan.organisations] == ["新建机构"]
    assert plan.counts["有误"] == 1 and plan.counts["新建机构"] == 1
    with pytest.raises(services.ValidationError) as refused:
        services.apply(plan, admin_user)
    assert refused.value.messages == ["表中有 1 行有误，请改正后重新上传；未做任何修改。"]
