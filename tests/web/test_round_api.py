"""/api/rounds: list, open, one round, its progress, and declaring no projects, all in scope."""

from __future__ import annotations

import datetime

from django.test import Client

from jixiao.web.rounds.models import Task
from jixiao.web.rounds.services import open_round
from jixiao.web.services.tokens import create_token
from jixiao.web.services.workflow import approve_form, submit_form

DUE = datetime.date.today() + datetime.timedelta(days=20)


class Api:
    def __init__(self, user: object) -> None:
        self.client = Client()
        self.auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user, 'test')}"}

    def get(self, url: str):  # type: ignore[no-untyped-def]
        return self.client.get(url, **self.auth)

    def post(self, url: str, data: dict[str, object]):  # type: ignore[no-untyped-def]
        return self.client.post(url, data, content_type="application/json", **self.auth)


def test_it_opens_a_round_by_codes_and_reports_what_was_skipped(world) -> None:
    open_round(world.admin, owner=world.dept_a, year=2020, deadline=DUE, scope=[world.dept_a])
    answer = Api(world.bureau_reviewer).post(
        "/api/rounds",
        {
            "owner": world.bureau.code,
            "year": 2020,
            "deadline": DUE.isoformat(),
            "scope": [world.dept_a.code, world.dept_b.code],
            "policy": "mof-2020",
        },
    )
    assert answer.status_code == 201
    data = answer.json()
    assert data["tasks"] == 1
    assert [s["code"] for s in data["skipped"]] == [world.unit_a.code]
    assert data["round"]["owner"] == world.bureau.code and data["round"]["policy"] == "mof-2020"
    assert data["round"]["units"] == 1  # the new round's own tasks


def test_it_answers_bad_input_with_422_in_chinese(world) -> None:
    api = Api(world.admin)
    base = {
        "owner": world.bureau.code,
        "year": 2020,
        "deadline": DUE.isoformat(),
        "scope": [world.dept_a.code],
    }
    cases = [
        ({"deadline": "3月3日"}, "截止日期“3月3日”应写作 2025-03-03"),
        ({"year": "二〇二〇"}, "年度“二〇二〇”应是四位数字"),
        ({"year": 1800}, "应在 2000 至 2100 之间"),
        ({"scope": ["NO-SUCH"]}, "范围：没有编码为“NO-SUCH”的启用机构"),
        ({"scope": []}, "请选择参加本次自评的主管部门或预算单位"),
        ({"layout": "a4"}, "没有名为“a4”的表样"),
    ]
    for change, message in cases:
        answer = api.post("/api/rounds", {**base, **change})
        assert answer.status_code == 422, change
        assert message in answer.json()["detail"]
    assert not Task.objects.exists()


def test_a_department_reviewer_may_not_open_for_another_department(world) -> None:
    answer = Api(world.reviewer_a).post(
        "/api/rounds",
        {
            "owner": world.dept_b.code,
            "year": 2024,
            "deadline": DUE.isoformat(),
            "scope": [world.dept_b.code],
        },
    )
    assert answer.status_code == 403
    assert "审核人" in answer.json()["detail"]


def test_it_gives_the_progress_per_department_and_unit(world) -> None:
    found = world.open_round(deadline=DUE)
    forms = list(world.unit_a.forms.filter(year=2020))
    for form in forms:
        submit_form(form, world.filler_a)
    for reviewer in (world.reviewer_a, world.bureau_reviewer):  # both levels
        approve_form(forms[0], reviewer, reason="错误已核实，不影响结论")
    data = Api(world.bureau_reviewer).get(f"/api/rounds/{found.pk}/progress").json()
    assert data["days_left"] == 20 and data["statuses"]["submitted"] == "已提交"
    assert data["total"]["units"] == 2 and data["total"]["forms"] == 2
    departments = {d["code"]: d for d in data["departments"]}
    assert departments[world.dept_a.code]["counts"]["submitted"] == 1
    assert departments[world.dept_a.code]["percentages"]["submitted"] == 100.0
    assert departments[world.dept_b.code]["percentages"]["not_started"] == 100.0
    units = {u["code"]: u for u in data["units"]}
    assert units[world.unit_a.code]["status"] == "submitted"
    assert units[world.unit_a.code]["forms"] == 2
    assert units[world.unit_a.code]["forms_by_status"] == {"submitted": 1, "approved": 1}
    assert units[world.unit_b.code]["status_label"] == "未开始"

    one = Api(world.bureau_reviewer).get(f"/api/rounds/{found.pk}").json()
    assert one["counts"]["submitted"] == 1 and one["completion"] == 0.0
    assert sorted(one["scope"]) == sorted([world.dept_a.code, world.dept_b.code])
    listed = Api(world.bureau_reviewer).get("/api/rounds").json()
    assert [r["id"] for r in listed] == [found.pk]


def test_a_department_reviewer_sees_only_their_scope(world) -> None:
    bureau = world.open_round(deadline=DUE)
    theirs = open_round(
        world.admin, owner=world.dept_b, year=2024, deadline=DUE, scope=[world.dept_b]
    ).round
    api = Api(world.reviewer_a)
    assert [r["id"] for r in api.get("/api/rounds").json()] == [bureau.pk]
    data = api.get(f"/api/rounds/{bureau.pk}/progress").json()
    assert [d["code"] for d in data["departments"]] == [world.dept_a.code]
    assert [u["code"] for u in data["units"]] == [world.unit_a.code]
    for url in (f"/api/rounds/{theirs.pk}", f"/api/rounds/{theirs.pk}/progress"):
        assert api.get(url).status_code == 404
    assert Api(world.filler_a).get(f"/api/rounds/{theirs.pk}").status_code == 404


def test_a_filler_declares_no_projects_for_their_own_unit_only(world) -> None:
    found = open_round(
        world.admin,
        owner=world.bureau,
        year=2024,
        deadline=DUE,
        scope=[world.dept_a, world.dept_b],
    ).round
    url = f"/api/rounds/{found.pk}/tasks/{world.unit_a.code}/no-projects"
    assert Api(world.filler_b).post(url, {"reason": "无"}).status_code == 404
    assert Api(world.reviewer_a).post(url, {"reason": "无"}).status_code == 403
    empty = Api(world.filler_a).post(url, {"reason": ""})
    assert empty.status_code == 422 and "原因" in empty.json()["detail"]
    done = Api(world.filler_a).post(url, {"reason": "本年度未安排项目"})
    assert done.status_code == 200
    assert done.json()["status"] == "no_projects"
    assert done.json()["no_projects_reason"] == "本年度未安排项目"
    has_forms = Api(world.filler_b).post(
        f"/api/rounds/{found.pk}/tasks/{world.unit_b.code}/no-projects", {"reason": "无"}
    )
    assert has_forms.status_code == 422 and "已有本年度的自评表" in has_forms.json()["detail"]
    withdrawn = Api(world.filler_a).client.delete(url, **Api(world.filler_a).auth)
    assert withdrawn.json()["status"] == "not_started"


def test_it_refuses_requests_without_a_token(world) -> None:
    assert Client().get("/api/rounds").status_code == 401
