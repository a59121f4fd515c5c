"""The set-up template: written, filled in with openpyxl, read back, planned and applied."""

from __future__ import annotations

import io

import openpyxl
import pytest
import xlwt
from django.contrib.auth import get_user_model
from setup_sheet_world import (
    BUREAU_CODE,
    ORGANISATIONS,
    PEOPLE,
    administrator,
    bureau,
    filled_template,
    workbook,
)

from jixiao.web.orgs.models import AuditEvent, Membership, Organisation
from jixiao.web.setup_sheet import services
from jixiao.web.setup_sheet.sheet import read_sheet, write_template


def test_it_writes_the_two_data_sheets_with_headers_drop_downs_and_instructions() -> None:
    out = io.BytesIO()
    write_template(out, BUREAU_CODE, "某区财政局")
    book = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
    assert book.sheetnames == ["填写说明", "机构", "人员"]
    organisations, people = book["机构"], book["人员"]
    assert [c.value for c in organisations[1]] == ["单位编码", "名称", "上级编码", "类型"]
    assert [c.value for c in people[1]] == ["用户名", "姓名", "电子邮箱", "机构编码", "角色"]
    assert organisations.freeze_panes == people.freeze_panes == "A2"
    assert organisations["A1"].font.bold
    for data in (organisations, people):  # headers only: nothing for the reader to mistake
        assert not [c.value for row in data.iter_rows(min_row=2) for c in row if c.value]
    kinds = organisations.data_validations.dataValidation[0]
    roles = people.data_validations.dataValidation[0]
    assert kinds.formula1 == '"财政局,主管部门,预算单位"' and "D2" in str(kinds.sqref)
    assert roles.formula1 == '"填报人,审核人,管理员"' and "E2" in str(roles.sqref)
    assert organisations["A2"].number_format == "@"  # codes keep their leading zeros
    notes = "\n".join(str(c.value) for row in book["填写说明"].iter_rows() for c in row if c.value)
    assert "单位编码 110106000" in notes and "一个人有几个角色就填几行" in notes
    assert "某区第一中学" in notes  # the examples are here, not on the data sheets


def test_an_empty_template_reads_as_a_sheet_with_nothing_to_import() -> None:
    out = io.BytesIO()
    write_template(out)
    with pytest.raises(services.SheetError) as refused:
        read_sheet("模板.xlsx", out.getvalue())
    assert refused.value.message == "模板.xlsx：“机构”和“人员”工作表中都没有填写数据"


def test_it_reads_a_filled_template_and_applies_it(db, data_dir) -> None:
    bureau()
    admin = administrator()
    sheet = read_sheet("设置.xlsx", filled_template(ORGANISATIONS, PEOPLE))
    assert [r.row for r in sheet.organisations] == [2, 3, 4]
    assert sheet.people[1].org_code == "110106001" and sheet.people[2].org_code == BUREAU_CODE

    plan = services.plan(sheet)
    assert plan.ok, plan.problems
    assert plan.counts == {
        "新建机构": 3,
        "修改机构": 0,
        "新建人员": 3,
        "修改姓名或邮箱": 0,
        "增加角色": 4,
        "无变化": 0,
        "有误": 0,
    }
    # the department listed after its unit is made first
    assert [s.code for s in plan.organisation_steps][0] == "110106001"
    assert [o.action for o in plan.people] == ["新建人员", "新建人员", "增加角色", "新建人员"]

    result = services.apply(plan, admin)
    school = Organisation.objects.get(code="110106001001")
    assert school.parent.code == "110106001" and school.parent.parent.code == BUREAU_CODE
    assert school.kind == "unit" and school.name == "某区第一中学"
    lisi = get_user_model().objects.get(username="lisi")
    assert sorted(lisi.memberships.values_list("organisation__code", "role")) == [
        (BUREAU_CODE, "reviewer"),
        ("110106001", "reviewer"),
    ]
    assert lisi.first_name == "李四" and lisi.profile.must_change_password
    zhangsan = get_user_model().objects.get(username="zhangsan")
    assert zhangsan.email == "zhangsan@example.gov.cn"
    passwords = {p.username: p for p in result.passwords}
    assert sorted(passwords) == ["lisi", "wangwu", "zhangsan"]
    assert zhangsan.check_password(passwords["zhangsan"].password)
    assert passwords["zhangsan"].name == "张三"
    summary = AuditEvent.objects.get(action="setup_sheet")
    assert summary.target == "设置.xlsx" and summary.organisation.code == BUREAU_CODE
    assert summary.detail["organisations_created"] == 3 and summary.detail["roles_granted"] == 4
    assert AuditEvent.objects.filter(action="org_create").count() == 3 + 1  # with the bureau
    assert Membership.objects.count() == 4


def test_it_accepts_headers_with_spaces_full_width_brackets_and_notes(db) -> None:
    data = workbook(
        {
            "机构表": [
                ["机构与人员设置"],
                [" 单位 编码 ", "名称（必填）", "上级编码(可空)", "＊类型"],
                ["110106001", " 某区  教育委员会 ", BUREAU_CODE, "主管部门"],
                [None, None, None, None],
                [110106002, "某区卫生健康委员会", int(BUREAU_CODE), " 主管部门 "],
            ],
            "人员": [
                ["登录名", "姓名", "邮箱", "所属机构编码", "角色【必填】"],
                ["lisi", "李四", None, "110106001", "审核人"],
            ],
        }
    )
    sheet = read_sheet("设置.xlsx", data)
    assert [(r.row, r.code, r.name, r.parent_code) for r in sheet.organisations] == [
        (3, "110106001", "某区 教育委员会", BUREAU_CODE),
        (5, "110106002", "某区卫生健康委员会", BUREAU_CODE),
    ]
    assert sheet.people[0].username == "lisi" and sheet.people[0].email == ""
    bureau()
    assert services.plan(sheet).ok


def test_it_reads_a_legacy_xls_workbook(db) -> None:
    book = xlwt.Workbook(encoding="utf-8")
    for name, rows in (
        (
            "机构",
            [
                ["单位编码", "名称", "上级编码", "类型"],
                ["110106001", "某区教育委员会", BUREAU_CODE, "主管部门"],
            ],
        ),
        (
            "人员",
            [
                ["用户名", "姓名", "电子邮箱", "机构编码", "角色"],
                ["lisi", "李四", "", "110106001", "审核人"],
            ],
        ),
    ):
        sheet = book.add_sheet(name)
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                sheet.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    read = read_sheet("设置.xls", out.getvalue())
    assert read.organisations[0].name == "某区教育委员会"
    assert read.people[0].role == "审核人"
