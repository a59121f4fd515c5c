"""The organisations and people API: the same services and scope as the pages; out of reach is
404, not allowed is 403, refused is 422 with the Chinese reason; never a password or a hash."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from jixiao.web.orgs.models import Membership, Organisation
from jixiao.web.services.tokens import create_token


class Api:
    def __init__(self, user: object) -> None:
        self.client = Client()
        self.auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user, 'test')}"}

    def get(self, url: str):
        return self.client.get(url, **self.auth)

    def send(self, method: str, url: str, data: dict[str, object]):
        call = getattr(self.client, method)
        return call(url, data=json.dumps(data), content_type="application/json", **self.auth)


def test_it_refuses_requests_without_a_token(world) -> None:
    assert Client().get("/api/organisations").status_code == 401
    assert Client().get("/api/people").status_code == 401


def test_an_administrator_sees_every_organisation_deactivated_too(world) -> None:
    world.unit_b.active = False
    world.unit_b.save()
    rows = {o["code"]: o for o in Api(world.admin).get("/api/organisations").json()}
    assert rows[world.unit_b.code] == {
        "code": world.unit_b.code,
        "name": "乙市民服务中心",
        "kind": "unit",
        "parent_code": world.dept_b.code,
        "active": False,
    }
    assert rows[world.bureau.code]["parent_code"] is None


def test_a_reviewer_sees_their_department_and_its_units_only(world) -> None:
    api = Api(world.reviewer_a)
    codes = {o["code"] for o in api.get("/api/organisations").json()}
    assert codes == {world.dept_a.code, world.unit_a.code}
    assert api.get(f"/api/organisations/{world.unit_a.code}").json()["name"] == "甲社区建设办公室"
    assert api.get(f"/api/organisations/{world.unit_b.code}").status_code == 404


def test_a_filler_sees_their_unit_only(world) -> None:
    api = Api(world.filler_a)
    assert [o["code"] for o in api.get("/api/organisations").json()] == [world.unit_a.code]
    assert api.get(f"/api/organisations/{world.dept_a.code}").status_code == 404


def test_an_administrator_creates_and_changes_an_organisation(world) -> None:
    api = Api(world.admin)
    made = api.send(
        "post",
        "/api/organisations",
        {
            "code": "110101009",
            "name": "甲卫生服务站",
            "kind": "unit",
            "parent_code": world.dept_a.code,
        },
    )
    assert made.status_code == 201 and made.json()["parent_code"] == world.dept_a.code
    changed = api.send(
        "patch",
        "/api/organisations/110101009",
        {"name": "甲卫生站", "code": "110101010", "parent_code": world.dept_b.code},
    )
    assert changed.status_code == 200
    assert changed.json() == {
        "code": "110101010",
        "name": "甲卫生站",
        "kind": "unit",
        "parent_code": world.dept_b.code,
        "active": True,
    }
    off = api.send("patch", "/api/organisations/110101010", {"active": False})
    assert off.json()["active"] is False
    assert not Organisation.objects.get(code="110101010").active


def test_a_refused_change_is_422_with_the_chinese_reason(world) -> None:
    api = Api(world.admin)
    clash = api.send(
        "post",
        "/api/organisations",
        {
            "code": world.unit_a.code,
            "name": "重复",
            "kind": "unit",
            "parent_code": world.dept_a.code,
        },
    )
    assert clash.status_code == 422 and "已被“甲社区建设办公室”使用" in clash.json()["detail"]
    unknown = api.send(
        "post",
        "/api/organisations",
        {"code": "X9", "name": "无上级", "kind": "unit", "parent_code": "NOPE"},
    )
    assert unknown.status_code == 422 and "上级机构编码“NOPE”不存在" in unknown.json()["detail"]
    cycle = api.send(
        "patch", f"/api/organisations/{world.dept_a.code}", {"parent_code": world.unit_a.code}
    )
    assert cycle.status_code == 422 and "主管部门不能放在预算单位" in cycle.json()["detail"]
    world.dept_a.refresh_from_db()
    assert world.dept_a.parent == world.bureau


def test_changes_are_forbidden_to_anyone_but_an_administrator(world) -> None:
    api = Api(world.reviewer_a)
    data = {"code": "Y1", "name": "新单位", "kind": "unit", "parent_code": world.dept_a.code}
    assert api.send("post", "/api/organisations", data).status_code == 403
    own = api.send("patch", f"/api/organisations/{world.unit_a.code}", {"name": "改名"})
    assert own.status_code == 403
    other = api.send("patch", f"/api/organisations/{world.unit_b.code}", {"name": "改名"})
    assert other.status_code == 404
    assert not Organisation.objects.filter(name="改名").exists()


def test_people_come_with_roles_and_never_a_password(world) -> None:
    people = Api(world.admin).get("/api/people")
    assert people.status_code == 200
    rows = {p["username"]: p for p in people.json()}
    assert set(rows) >= {"filler_a", "filler_b", "reviewer_a", "bureau_reviewer", "admin"}
    assert rows["filler_a"]["roles"] == [{"organisation_code": world.unit_a.code, "role": "filler"}]
    assert set(rows["filler_a"]) == {"username", "name", "email", "active", "roles"}
    body = people.content.decode()
    assert "password" not in body and "pbkdf2" not in body


def test_a_reviewer_sees_only_the_people_of_their_department(world) -> None:
    api = Api(world.reviewer_a)
    names = {p["username"] for p in api.get("/api/people").json()}
    assert names == {"filler_a", "reviewer_a"}
    assert api.get("/api/people/filler_b").status_code == 404
    assert api.get("/api/people/filler_a").json()["roles"][0]["role"] == "filler"


def test_a_filler_may_not_list_people(world) -> None:
    assert Api(world.filler_a).get("/api/people").status_code == 403


def test_an_administrator_creates_a_person_and_gets_the_password_once(world) -> None:
    api = Api(world.admin)
    made = api.send(
        "post",
        "/api/people",
        {
            "username": "zhaoliu",
            "name": "赵六",
            "role": "filler",
            "organisation_code": world.unit_b.code,
        },
    )
    assert made.status_code == 201
    data = made.json()
    person = get_user_model().objects.get(username="zhaoliu")
    assert person.check_password(data["temporary_password"])
    assert data["roles"] == [{"organisation_code": world.unit_b.code, "role": "filler"}]
    again = api.get("/api/people/zhaoliu").json()
    assert "temporary_password" not in again and again["name"] == "赵六"


def test_creating_a_person_is_forbidden_to_a_reviewer(world) -> None:
    response = Api(world.bureau_reviewer).send("post", "/api/people", {"username": "mole"})
    assert response.status_code == 403
    assert not get_user_model().objects.filter(username="mole").exists()


def test_roles_are_granted_and_revoked(world) -> None:
    api = Api(world.admin)
    role = {"organisation_code": world.dept_b.code, "role": "reviewer"}
    granted = api.send("post", "/api/people/reviewer_a/roles", role)
    assert granted.status_code == 200 and role in granted.json()["roles"]
    revoked = api.send("delete", "/api/people/reviewer_a/roles", role)
    assert revoked.status_code == 200 and role not in revoked.json()["roles"]
    assert not Membership.objects.filter(user=world.reviewer_a, organisation=world.dept_b).exists()
    missing = api.send("delete", "/api/people/reviewer_a/roles", role)
    assert missing.status_code == 404


def test_a_role_where_it_cannot_be_held_is_422(world) -> None:
    response = Api(world.admin).send(
        "post",
        "/api/people/filler_a/roles",
        {"organisation_code": world.dept_a.code, "role": "filler"},
    )
    assert response.status_code == 422 and "填报人只能设在预算单位" in response.json()["detail"]


@pytest.mark.parametrize("method", ["post", "delete"])
def test_roles_out_of_reach_are_404_and_in_reach_403(world, method: str) -> None:
    api = Api(world.reviewer_a)
    role = {"organisation_code": world.unit_a.code, "role": "filler"}
    assert api.send(method, "/api/people/filler_b/roles", role).status_code == 404
    assert api.send(method, "/api/people/filler_a/roles", role).status_code == 403
    assert Membership.objects.filter(user=world.filler_a, organisation=world.unit_a).exists()
