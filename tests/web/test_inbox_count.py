"""The menu's 待办 count: things to act on plus unread notifications, on every page, cheaply."""

from __future__ import annotations

import datetime
import re

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jixiao.web.inbox.context import inbox as menu
from jixiao.web.inbox.models import Notification
from jixiao.web.inbox.todo import todo_count, todo_for
from jixiao.web.rounds.services import open_round
from jixiao.web.scope import remembering_scope
from jixiao.web.services.workflow import return_form, submit_form


def header_count(world, user, page: str = "forms:list") -> int:
    html = world.client(user).get(reverse(page)).content.decode()
    found = re.search(r'id="nav-inbox">待办(?: <span class="count">(\d+)</span>)?</a>', html)
    assert found, "the menu has no 待办 link"
    return int(found.group(1) or 0)


def test_it_counts_tasks_due_and_returned_forms_for_a_clerk(world) -> None:
    open_round(
        world.admin,
        owner=world.bureau,
        year=2020,
        deadline=timezone.localdate() + datetime.timedelta(days=5),
        scope=[world.dept_a, world.dept_b],
    )
    Notification.objects.update(read_at=timezone.now())  # the round's notices, read
    assert header_count(world, world.filler_a) == 1  # the 2020 task
    submit_form(world.form_a, world.filler_a)
    return_form(world.form_a, world.reviewer_a, "请补充")
    # the task, the returned form, and the unread notice of the return
    assert header_count(world, world.filler_a) == 3
    assert header_count(world, world.filler_b) == 1


def test_it_counts_forms_waiting_for_a_reviewer(world) -> None:
    assert header_count(world, world.reviewer_a) == 0
    submit_form(world.form_a, world.filler_a)
    submit_form(world.form_b, world.filler_b)
    # unit A's form waits for the department first: one form and one notice for its reviewer;
    # unit B's (department B has no reviewer) for the bureau: one and one for the bureau's
    assert header_count(world, world.reviewer_a) == 2
    assert header_count(world, world.bureau_reviewer, "inbox:page") == 2
    Notification.objects.filter(user=world.bureau_reviewer).update(read_at=timezone.now())
    assert header_count(world, world.bureau_reviewer) == 1


def test_it_agrees_with_the_page(world) -> None:
    open_round(
        world.admin,
        owner=world.bureau,
        year=2020,
        deadline=timezone.localdate() - datetime.timedelta(days=1),
        scope=[world.dept_a, world.dept_b],
    )
    submit_form(world.form_a, world.filler_a)
    return_form(world.form_a, world.reviewer_a, "请补充")
    submit_form(world.form_b, world.filler_b)
    for user in (world.filler_a, world.filler_b, world.reviewer_a, world.bureau_reviewer):
        unread = Notification.objects.filter(user=user, read_at__isnull=True).count()
        assert todo_count(user) == todo_for(user).count + unread


def test_it_takes_a_few_queries(world) -> None:
    open_round(
        world.admin,
        owner=world.bureau,
        year=2020,
        deadline=timezone.localdate() + datetime.timedelta(days=5),
        scope=[world.dept_a, world.dept_b],
    )
    for user in (world.filler_a, world.bureau_reviewer, world.admin):
        request = RequestFactory().get("/")
        request.user = user
        page = remembering_scope(menu)  # as on a page: each person's reach worked out once
        with CaptureQueriesContext(connection) as queries:
            page(request)
        # 10, one COUNT of the 整改事项 to do or to confirm, and what says whether anything
        # changed (the latest form, task and 整改事项; the person's units)
        assert len(queries) <= 14, "\n".join(q["sql"][:160] for q in queries)
        # the next page, nothing changed: the person's reach and whether anything changed,
        # then the remembered count (none of the COUNTs of waiting forms, tasks, 整改事项)
        # and the notifications
        with CaptureQueriesContext(connection) as again:
            page(request)
        assert len(again) <= 10, [q["sql"] for q in again]
        assert not any("DISTINCT" in q["sql"] or "rounds_round" in q["sql"] for q in again)


def test_it_gives_a_visitor_no_count(db) -> None:
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert menu(request) == {}
