"""Every server error is logged with its request (method, path, user), DEBUG off as in
production: the `django.request` handlers that settings.LOGGING configures write it."""

from __future__ import annotations

import io
import logging
import logging.handlers

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path

from jixiao.web.orgs.models import Membership, Organisation


def _boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("测试用的故障")


urlpatterns = [
    path("boom/", _boom),
    path("", include("jixiao.web.urls")),
]


@pytest.fixture
def logged() -> io.StringIO:
    """What the configured handlers of `django.request` write, caught in memory."""
    out = io.StringIO()
    handlers = [
        h
        for h in logging.getLogger("django.request").handlers
        if type(h) in (logging.StreamHandler, logging.handlers.WatchedFileHandler)
    ]
    assert handlers, "settings.LOGGING gives django.request no handler"
    streams = [(handler, handler.setStream(out)) for handler in handlers]
    yield out
    for handler, stream in streams:
        handler.setStream(stream)


@pytest.mark.urls(__name__)
def test_a_view_that_raises_is_logged_with_its_request(db, settings, logged) -> None:
    assert settings.DEBUG is False
    bureau = Organisation.objects.create(name="某区财政局", kind=Organisation.Kind.BUREAU)
    user = get_user_model().objects.create_user(username="tianbao", password="x")
    Membership.objects.create(user=user, organisation=bureau, role=Membership.Role.REVIEWER)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    response = client.post("/boom/?year=2025")
    assert response.status_code == 500
    text = logged.getvalue()
    assert "ERROR django.request POST /boom/?year=2025 user=tianbao" in text
    assert "RuntimeError: 测试用的故障" in text  # with the traceback


@pytest.mark.urls(__name__)
def test_an_anonymous_request_is_logged_too(db, logged) -> None:
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert "GET /boom/ user=-" in logged.getvalue()


def test_a_missing_page_is_not_an_error(db, logged) -> None:
    assert Client().get("/no-such-page/").status_code in (302, 404)
    assert logged.getvalue() == ""
