"""Issue 11's endpoints, each asked by the other tenant: a 404 and nothing changed.

Every route of the forms app that names a form is listed here (a test fails when a new one is
not), and so is every API route under /api/forms/{form_id}; each is asked for unit B's form by
unit A's filler and by department A's reviewer.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from jixiao.web.forms.models import Comment, FormRecord
from jixiao.web.services.tokens import create_token

ASKERS = ["filler_a", "reviewer_a"]
# route name → (method, extra url args after the form id)
PAGES: dict[str, tuple[str, tuple[object, ...]]] = {
    "detail": ("get", ()),
    "version": ("get", (1,)),
    "edit": ("post", ()),
    "preview": ("post", ()),
    "original": ("get", ()),
    "cell_image": ("get", ()),
    "print": ("get", ()),
    "autosave": ("post", ()),
    "compare": ("get", ()),
    "restore_version": ("post", (1,)),
    "reviewed_scores": ("post", ()),
    "void": ("post", ()),
    "unvoid": ("post", ()),
    "comment_action": ("post", ("COMMENT", "fixed")),
    "action": ("post", ("approve",)),
}
API: list[tuple[str, str, dict[str, object]]] = [
    ("get", "/api/forms/{id}", {}),
    ("put", "/api/forms/{id}", {"project_name": "越权修改"}),
    ("post", "/api/forms/{id}/approve", {"comment": "", "reason": "越权"}),
    ("post", "/api/forms/{id}/reopen", {"reason": "越权"}),
    ("post", "/api/forms/{id}/void", {"reason": "越权"}),
    ("post", "/api/forms/{id}/restore", {}),
    ("get", "/api/forms/{id}/comments", {}),
    ("post", "/api/forms/{id}/comments/COMMENT/fixed", {"note": "越权"}),
    ("get", "/api/forms/{id}/reviewed-scores", {}),
    ("post", "/api/forms/{id}/reviewed-scores", {"scores": {"funds": "1"}}),
]


def _form_routes() -> set[str]:
    forms = get_resolver().namespace_dict["forms"][1]
    return {p.name for p in forms.url_patterns if p.name and "pk" in str(p.pattern)}


def test_every_route_naming_a_form_is_asked_here() -> None:
    assert _form_routes() == set(PAGES)


@pytest.fixture
def comment_b(world) -> Comment:
    version = world.form_b.latest
    return Comment.objects.create(
        record=world.form_b,
        version=version,
        author=world.bureau_reviewer,
        text="请改",
        state="open",
    )


def _snapshot(record: FormRecord) -> tuple[object, ...]:
    record = FormRecord.all_objects.get(pk=record.pk)
    return (
        record.status,
        record.voided_at,
        record.reviewed_total,
        record.versions.count(),
        record.review_steps.count(),
        record.drafts.count(),
        tuple(record.comments.values_list("state", flat=True)),
    )


@pytest.mark.parametrize("asker", ASKERS)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_other_tenants_pages_answer_404(world, comment_b, asker: str, name: str) -> None:
    method, extra = PAGES[name]
    args = [world.form_b.pk, *(comment_b.pk if a == "COMMENT" else a for a in extra)]
    before = _snapshot(world.form_b)
    client = world.client(getattr(world, asker))
    response = getattr(client, method)(reverse(f"forms:{name}", args=args), {"reason": "越权"})
    assert response.status_code == 404
    assert _snapshot(world.form_b) == before


@pytest.mark.parametrize("asker", ASKERS)
@pytest.mark.parametrize(("method", "path", "body"), API)
def test_the_other_tenants_api_answers_404(world, comment_b, asker, method, path, body) -> None:
    api = Client(headers={"Authorization": f"Bearer {create_token(getattr(world, asker), 't')}"})
    url = path.replace("{id}", str(world.form_b.pk)).replace("COMMENT", str(comment_b.pk))
    before = _snapshot(world.form_b)
    response = getattr(api, method)(url, body, content_type="application/json")
    assert response.status_code == 404
    assert _snapshot(world.form_b) == before


@pytest.mark.parametrize("asker", ASKERS)
def test_a_batch_naming_the_other_tenants_form_changes_nothing(world, asker: str) -> None:
    from jixiao.web.services.workflow import submit_form

    submit_form(world.form_b, world.filler_b)
    before = _snapshot(world.form_b)
    api = Client(headers={"Authorization": f"Bearer {create_token(getattr(world, asker), 't')}"})
    api.post(
        "/api/forms/batch",
        {"ids": [world.form_b.pk], "action": "approve", "comment": "", "reason": "越权"},
        content_type="application/json",
    )
    world.client(getattr(world, asker)).post(
        reverse("forms:queue"), {"ids": [world.form_b.pk], "action": "approve", "reason": "越权"}
    )
    assert _snapshot(world.form_b) == before


# the control: the same requests by the administrator reach the routes (not 404), so the
# refusals above are the scope's, not a mistyped address's
@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_pages_exist_for_the_administrator(world, comment_b, name: str) -> None:
    method, extra = PAGES[name]
    args = [world.form_b.pk, *(comment_b.pk if a == "COMMENT" else a for a in extra)]
    response = getattr(world.client(world.admin), method)(
        reverse(f"forms:{name}", args=args), {"reason": "管理员"}
    )
    assert response.status_code != 404


@pytest.mark.parametrize(("method", "path", "body"), API)
def test_the_api_routes_exist_for_the_administrator(world, comment_b, method, path, body) -> None:
    api = Client(headers={"Authorization": f"Bearer {create_token(world.admin, 't')}"})
    url = path.replace("{id}", str(world.form_b.pk)).replace("COMMENT", str(comment_b.pk))
    response = getattr(api, method)(url, body, content_type="application/json")
    assert response.status_code != 404, response.content.decode()
