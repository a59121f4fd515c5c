"""Applying a set-up sheet: all or nothing, changes to what exists, and twice is once."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from setup_sheet_world import (
    BUREAU_CODE,
    ORGANISATIONS,
    PEOPLE,
    administrator,
    bureau,
    filled_template,
)

from jixiao.web.orgs import services as orgs
from jixiao.web.orgs.models import AuditEvent, Membership, Organisation
from jixiao.web.setup_sheet import services
from jixiao.web.setup_sheet.sheet import read_sheet

pytestmark = pytest.mark.django_db


def planned(organisations=(), people=()) -> services.Plan:
    return services.plan(read_sheet("设置.xlsx", filled_template(organisations, people)))


def snapshot() -> tuple[int, int, int, int]:
    return (
        Organisation.objects.count(),
        get_user_model().objects.count(),
        Membership.objects.count(),
        AuditEvent.objects.count(),
    )


def test_nothing_is_applied_while_any_row_is_bad() -> None:
    bureau()
    admin = administrator()
    before = snapshot()
    plan = planned(ORGANISATIONS, [*PEOPLE, ["zhaoliu", "赵六", "", "110106001", "填报人"]])
    assert [(p.sheet, p.row) for p in plan.problems] == [("人员", 6)]
    with pytest.raises(ValidationError):
        services.apply(plan, admin)
    assert snapshot() == before


def test_the_whole_sheet_is_one_transaction(monkeypatch) -> None:
    bureau()
    admin = administrator()
    before = snapshot()
    plan = planned(ORGANISATIONS, PEOPLE)
    granted = []

    def fail_on_the_third_role(user, person, organisation, role):
        granted.append(role)
        if len(granted) == 3:
            raise RuntimeError("数据库连接中断")
        return real_grant(user, person, organisation, role)

    real_grant = orgs.grant_role
    monkeypatch.setattr(orgs, "grant_role", fail_on_the_third_role)
    with pytest.raises(RuntimeError):
        services.apply(plan, admin)
    assert len(granted) == 3  # organisations and two people were made before it failed …
    assert snapshot() == before  # … and are gone with their audit lines
    assert not Organisation.objects.filter(code="110106001").exists()


def test_importing_the_same_sheet_twice_changes_nothing_the_second_time() -> None:
    bureau()
    admin = administrator()
    services.apply(planned(ORGANISATIONS, PEOPLE), admin)
    before = snapshot()
    again = planned(ORGANISATIONS, PEOPLE)
    assert again.ok and not again.has_changes
    assert {o.action for o in (*again.organisations, *again.people)} == {"无变化"}
    assert again.counts["无变化"] == len(ORGANISATIONS) + len(PEOPLE)
    result = services.apply(again, admin)
    assert result.passwords == [] and set(result.counts.values()) == {0}
    assert snapshot() == before  # not even a summary line in the log


def test_it_renames_moves_and_updates_what_is_already_there() -> None:
    top = bureau()
    admin = administrator()
    education = orgs.create_organisation(
        None, code="110106001", name="某区教育委员会", kind="department", parent=top
    )
    health = orgs.create_organisation(
        None, code="110106002", name="某区卫生健康委员会", kind="department", parent=top
    )
    clinic = orgs.create_organisation(
        None, code="110106001009", name="某区校医所", kind="unit", parent=education
    )
    person = orgs.create_person(None, username="lisi", name="李四", email="old@example.gov.cn").user
    orgs.grant_role(None, person, education, "reviewer")
    plan = planned(
        [
            ["110106001009", "某区社区卫生服务中心", "110106002", "预算单位"],
            ["110106002", "某区卫生健康委员会", BUREAU_CODE, "主管部门"],
        ],
        [
            ["lisi", "李斯", "new@example.gov.cn", "110106001", "审核人"],
            ["lisi", "李斯", "", "110106002", "审核人"],
        ],
    )
    assert plan.ok, plan.problems
    assert [(o.action, o.details) for o in plan.organisations] == [
        (
            "修改机构",
            [
                "名称：某区校医所 → 某区社区卫生服务中心",
                "上级：某区教育委员会（110106001） → 某区卫生健康委员会（110106002）",
            ],
        ),
        ("无变化", []),
    ]
    assert [(o.action, o.details) for o in plan.people] == [
        (
            "修改姓名或邮箱",
            ["姓名：李四 → 李斯", "电子邮箱：old@example.gov.cn → new@example.gov.cn"],
        ),
        ("增加角色", ["角色：审核人 · 某区卫生健康委员会（110106002）"]),
    ]
    result = services.apply(plan, admin)
    assert result.passwords == []  # nobody new, nobody's password touched
    clinic.refresh_from_db()
    person.refresh_from_db()
    assert clinic.name == "某区社区卫生服务中心" and clinic.parent == health
    assert (person.first_name, person.email) == ("李斯", "new@example.gov.cn")
    assert set(person.memberships.values_list("organisation__code", flat=True)) == {
        "110106001",
        "110106002",
    }
    actions = list(AuditEvent.objects.filter(user=admin).values_list("action", flat=True))
    assert sorted(actions) == sorted(
        ["org_update", "org_move", "person_update", "role_grant", "setup_sheet"]
    )


def test_the_sheet_takes_nothing_away_and_an_empty_e_mail_changes_nothing() -> None:
    top = bureau()
    admin = administrator()
    person = orgs.create_person(None, username="lisi", name="李四", email="li@example.gov.cn").user
    orgs.grant_role(None, person, top, "admin")
    plan = planned([], [["lisi", "李四", "", BUREAU_CODE, "审核人"]])
    assert [o.action for o in plan.people] == ["增加角色"]
    services.apply(plan, admin)
    person.refresh_from_db()
    assert person.email == "li@example.gov.cn"
    assert sorted(person.memberships.values_list("role", flat=True)) == ["admin", "reviewer"]


def test_new_people_must_change_their_temporary_password() -> None:
    bureau()
    result = services.apply(planned(ORGANISATIONS, PEOPLE), administrator())
    for password in result.passwords:
        person = get_user_model().objects.get(username=password.username)
        assert person.profile.must_change_password
        assert person.check_password(password.password) and len(password.password) == 12
