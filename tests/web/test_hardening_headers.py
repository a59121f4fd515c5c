"""Every answer carries a Content-Security-Policy with a fresh nonce and `Cache-Control:
no-store`; the templates run no script the policy would refuse."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

import jixiao.web
from jixiao.web.orgs.models import Membership, Organisation
from jixiao.web.services.tokens import create_token

WEB = Path(jixiao.web.__file__).parent
TEMPLATES = sorted(WEB.rglob("templates/**/*.html"))


@pytest.fixture
def client(db) -> Client:
    bureau = Organisation.objects.create(name="某区财政局", kind=Organisation.Kind.BUREAU)
    admin = get_user_model().objects.create_superuser(username="admin", password="x")
    Membership.objects.create(user=admin, organisation=bureau, role=Membership.Role.ADMIN)
    client = Client()
    client.force_login(admin)
    return client


def nonce_of(response) -> str:
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert (
        "frame-ancestors 'none'" in policy
        and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    )
    return re.search(r"script-src 'self' 'nonce-([^']+)'", policy).group(1)


def test_a_page_gets_a_fresh_nonce_that_its_inline_scripts_carry(client) -> None:
    first, second = client.get("/dashboard/"), client.get("/dashboard/")
    assert first.status_code == 200
    nonce = nonce_of(first)
    assert nonce != nonce_of(second)
    html = first.content.decode()
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    scripts = [a for a in inline if 'type="application/json"' not in a]  # data, not run
    assert scripts, "the dashboard has an inline script"
    assert all(f'nonce="{nonce}"' in attributes for attributes in scripts)


def test_pages_of_a_logged_in_person_are_not_stored(client) -> None:
    for url in ("/forms/", "/dashboard/", "/orgs/people/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url


def test_api_answers_are_not_stored(client) -> None:
    token = create_token(get_user_model().objects.get(username="admin"))
    response = Client().get("/api/forms", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_a_download_is_not_stored(client) -> None:
    response = client.get("/exports/template.xlsx")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


def test_the_login_page_has_the_policy_too() -> None:
    response = Client().get("/login/")
    assert response.status_code == 200
    nonce_of(response)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(WEB)))
def test_no_template_has_a_script_the_policy_refuses(template: Path) -> None:
    text = template.read_text(encoding="utf-8")
    assert not re.search(r"\son[a-z]+\s*=\s*[\"']", text), "an event-handler attribute"
    assert "javascript:" not in text
    for attributes in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", text):
        if 'type="application/json"' not in attributes:
            assert 'nonce="{{ request.csp_nonce }}"' in attributes
