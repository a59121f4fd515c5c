"""Lists and figures that do not grow with the data: the same number of queries for a few forms
as for many, one page of rows whatever the total, the dashboard counted by the database."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jixiao.web.forms.clones import clone_forms
from jixiao.web.forms.models import FormRecord
from jixiao.web.inbox.todo import WAITING_SHOWN
from jixiao.web.paging import PAGE_SIZE
from jixiao.web.scope import forms_for
from jixiao.web.services import workflow
from jixiao.web.services.stats import dashboard
from jixiao.web.services.tokens import create_token

SMALL, LARGE = 3, 3 + PAGE_SIZE + 20  # the large one spans two pages of the list


def grow_to(world, n: int, submit: bool = True) -> None:
    """The world's three forms copied until there are ``n`` copies; two in three submitted."""
    have = FormRecord.objects.count() - 3
    clone_forms([world.form_a, world.form_b], [world.unit_a, world.unit_b], n - have, start=have)
    if submit:  # copies go to unit A and B in turn: both units have forms waiting
        copies = FormRecord.objects.filter(project_name__contains="副本").order_by("pk")
        chosen = [r.pk for i, r in enumerate(copies) if i % 3 != 2]
        FormRecord.objects.filter(pk__in=chosen).update(status=FormRecord.Status.SUBMITTED)


def queries(call: Callable[[], object]) -> int:
    cache.clear()  # the figures kept per scope are computed anew: the cold path is counted
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


def measured(world, call: Callable[[], object]) -> tuple[int, int]:
    grow_to(world, SMALL)
    small = queries(call)
    grow_to(world, LARGE)
    assert FormRecord.objects.count() >= LARGE
    return small, queries(call)


@pytest.mark.parametrize("who", ["admin", "reviewer_a", "filler_a"])
def test_the_forms_list_costs_the_same_queries_for_a_few_forms_as_for_many(world, who) -> None:
    client = world.client(getattr(world, who))
    page = lambda: client.get(reverse("forms:list"))  # noqa: E731
    small, large = measured(world, page)
    assert small == large


def test_the_list_shows_one_page_and_says_how_many_there_are(world) -> None:
    grow_to(world, LARGE)
    client = world.client(world.admin)
    total = FormRecord.objects.count()
    first = client.get(reverse("forms:list")).content.decode()
    assert first.count('<a href="/forms/') - first.count('<a href="/forms/new') <= PAGE_SIZE + 5
    assert f"（{total} 张）" in first and 'rel="next"' in first
    last = client.get(reverse("forms:list") + "?page=2").content.decode()
    assert f"第 {PAGE_SIZE + 1}–{total} 张" in last and 'rel="next"' not in last


def test_the_list_csv_streams_every_form_in_the_same_queries(world) -> None:
    client = world.client(world.admin)

    def export() -> list[list[str]]:
        response = client.get(reverse("forms:list") + "?export=csv")
        assert response.streaming
        return list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))

    small, large = measured(world, export)
    assert small == large
    rows = export()
    assert len(rows) - 1 == FormRecord.objects.count()
    assert any(r[1].startswith("公共服务经费（副本") and r[7] == "90.10%" for r in rows)


def test_the_api_list_pages_in_the_same_queries(world) -> None:
    token = create_token(world.admin, "scale")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    small, large = measured(world, lambda: world.client(world.admin).get("/api/forms", **auth))
    assert small == large
    answer = world.client(world.admin).get("/api/forms?limit=50&offset=20&sort=-score", **auth)
    assert answer.status_code == 200 and len(answer.json()) == 50
    scores = [f["total_score"] for f in answer.json() if f["total_score"] is not None]
    assert scores == sorted(scores, reverse=True)
    assert world.client(world.admin).get("/api/forms?limit=5000", **auth).status_code == 422


def test_the_dashboard_costs_the_same_queries_for_a_few_forms_as_for_many(world) -> None:
    client = world.client(world.admin)
    small, large = measured(world, lambda: client.get(reverse("dashboard")))
    assert small == large


def test_the_dashboard_counts_in_the_database_what_python_would_count(world) -> None:
    grow_to(world, LARGE)
    records = list(forms_for(world.admin))
    figures = dashboard(forms_for(world.admin))
    codes: dict[str, int] = {}
    for r in records:
        for code in filter(None, r.finding_codes.split(",")):
            codes[code] = codes.get(code, 0) + 1
    assert dict(figures["codes"]) == codes
    assert [n for _, n in figures["codes"]] == sorted(codes.values(), reverse=True)
    grades = {g["grade"]: g["count"] for g in figures["grades"]}
    assert grades == {g: sum(1 for r in records if r.grade == g) for g in grades}
    assert sum(b["count"] for b in figures["score_bands"]) == sum(
        1 for r in records if r.total_score is not None
    )


def test_a_new_or_submitted_form_shows_on_the_dashboard_and_list_at_once(world) -> None:
    client = world.client(world.admin)

    def figures() -> tuple[int, int, str]:
        totals = client.get(reverse("dashboard")).context["figures"]["totals"]
        statuses = client.get(reverse("dashboard")).context["figures"]["statuses"]
        listed = client.get(reverse("forms:list")).context["count"]
        submitted = next(s["count"] for s in statuses if s["status"] == "submitted")
        return totals["forms"], submitted, listed

    forms, submitted, listed = figures()
    grow_to(world, 1, submit=False)
    assert figures() == (forms + 1, submitted, listed + 1)
    workflow.submit_form(world.form_b, world.filler_b)
    assert figures() == (forms + 1, submitted + 1, listed + 1)


def test_the_review_queue_shows_one_page_in_the_same_queries(world) -> None:
    client = world.client(world.admin)
    small, large = measured(world, lambda: client.get(reverse("forms:queue")))
    assert small == large
    FormRecord.objects.filter(project_name__contains="副本").update(
        status=FormRecord.Status.SUBMITTED
    )
    page = client.get(reverse("forms:queue"))
    waiting = FormRecord.documents.filter(status=FormRecord.Status.SUBMITTED).count()
    assert waiting > PAGE_SIZE and page.context["count"] == waiting
    assert len(page.context["records"]) == PAGE_SIZE
    second = client.get(reverse("forms:queue") + "?page=2").context["records"]
    assert len(second) == waiting - PAGE_SIZE


def test_the_inbox_lists_the_first_forms_waiting_and_counts_them_all(world) -> None:
    client = world.client(world.admin)
    small, large = measured(world, lambda: client.get(reverse("inbox:page")))
    assert small == large
    FormRecord.objects.filter(project_name__contains="副本").update(
        status=FormRecord.Status.SUBMITTED
    )
    todo = client.get(reverse("inbox:page")).context["todo"]
    waiting = FormRecord.documents.filter(status=FormRecord.Status.SUBMITTED).count()
    assert todo.waiting_count == waiting > len(todo.waiting) == WAITING_SHOWN
    assert "waiting-more" in client.get(reverse("inbox:page")).content.decode()


@pytest.mark.parametrize("who", ["reviewer_a", "bureau_reviewer"])
def test_a_reviewers_queue_is_chosen_by_the_database_in_the_same_queries(world, who) -> None:
    reviewer = getattr(world, who)
    client = world.client(reviewer)
    small, large = measured(world, lambda: client.get(reverse("forms:queue")))
    assert small == large
    waiting = set(workflow.waiting_for(reviewer).values_list("pk", flat=True))
    one_by_one = {
        r.pk
        for r in FormRecord.documents.filter(status=FormRecord.Status.SUBMITTED)
        if (at := workflow.stage(r)) is not None and at.has(reviewer)
    }
    assert waiting == one_by_one and len(waiting) > 3


def test_the_dashboard_of_a_scope_without_units_counts_nothing(world) -> None:
    figures = dashboard(FormRecord.objects.filter(unit_id__in=[]))
    assert figures["totals"]["forms"] == 0 and figures["codes"] == []
