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


# ---- 绩效目标申报表 and 绩效运行监控表 (issue 13): every route naming a document, asked by the
# other tenant; the document is stored directly, as a save would store it

DOCUMENT_PAGES: dict[str, tuple[str, tuple[object, ...]]] = {
    "detail": ("get", ()),
    "version": ("get", (1,)),
    "edit": ("post", ()),
    "original": ("get", ()),
    "download": ("get", ("json",)),
    "action": ("post", ("approve",)),
    "compare": ("get", ()),
    "autosave": ("post", ()),
}


def _document_routes() -> set[str]:
    documents = get_resolver().namespace_dict["documents"][1]
    return {p.name for p in documents.url_patterns if p.name and "pk" in str(p.pattern)}


def test_every_route_naming_a_document_is_asked_here() -> None:
    assert _document_routes() == set(DOCUMENT_PAGES)


@pytest.fixture
def documents_b(world) -> dict[str, FormRecord]:
    from documents_world import monitoring, targets

    from jixiao.web.forms.models import FormVersion

    made = {}
    for kind, document in (("targets", targets()), ("monitoring", monitoring())):
        record = FormRecord.all_objects.create(
            unit=world.unit_b, kind=kind, year=2020, project_name="公共服务经费", status="submitted"
        )
        FormVersion.objects.create(record=record, number=1, data=document.to_json_dict(), policy="")
        made[kind] = record
    return made


@pytest.mark.parametrize("kind", ["targets", "monitoring"])
@pytest.mark.parametrize("asker", ASKERS)
@pytest.mark.parametrize("name", sorted(DOCUMENT_PAGES))
def test_the_other_tenants_documents_answer_404(world, documents_b, kind, asker, name) -> None:
    record = documents_b[kind]
    method, extra = DOCUMENT_PAGES[name]
    before = _snapshot(record)
    client = world.client(getattr(world, asker))
    url = reverse(f"documents:{name}", args=[kind, record.pk, *extra])
    response = getattr(client, method)(url, {"reason": "越权", "comment": "越权"})
    assert response.status_code == 404
    assert _snapshot(record) == before


@pytest.mark.parametrize("kind", ["targets", "monitoring"])
@pytest.mark.parametrize("name", ["detail", "download"])
def test_the_document_pages_exist_for_the_administrator(world, documents_b, kind, name) -> None:
    record = documents_b[kind]
    _, extra = DOCUMENT_PAGES[name]
    url = reverse(f"documents:{name}", args=[kind, record.pk, *extra])
    assert world.client(world.admin).get(url).status_code == 200


def test_a_document_is_not_reached_as_another_kind(world, documents_b) -> None:
    record = documents_b["targets"]
    url = reverse("documents:detail", args=["monitoring", record.pk])
    assert world.client(world.admin).get(url).status_code == 404
    assert (
        world.client(world.admin).get(reverse("forms:detail", args=[record.pk])).status_code == 404
    )


# ---- 整改事项 (issue 13): every route naming an item, asked by the other tenant (unit A's
# filler and department A's reviewer ask for unit B's item): a 404 and nothing changed

RECTIFICATION_PAGES: dict[str, tuple[str, tuple[object, ...]]] = {
    "detail": ("get", ()),
    "evidence": ("get", ("EVIDENCE",)),
    "action": ("post", ("confirm",)),
    "from_form": ("post", ()),  # its id is a form's: unit B's form
    "from_panel": ("post", ()),  # its id is a panel's: unit B's panel
    "from_department": ("post", (2020,)),  # its id is a department's: department B
    "from_document": ("post", ()),  # kind and id of unit B's 监控表
}
RECTIFICATION_API: list[tuple[str, str, dict[str, object]]] = [
    ("get", "/api/rectification/{item}", {}),
    ("post", "/api/rectification/{item}/confirm", {"comment": "越权"}),
    ("post", "/api/rectification/{item}/reopen", {"reason": "越权"}),
    ("post", "/api/rectification/from-form/{form}", {"findings": ["X@"], "due": "2031-01-01"}),
    ("get", "/api/targets/{targets}", {}),
    ("get", "/api/monitoring/{monitoring}", {}),
    ("get", "/api/rectification/panel-problems/{panel}", {}),
    ("post", "/api/rectification/from-panel/{panel}", {"problems": [0], "due": "2031-01-01"}),
    (
        "post",
        "/api/rectification/from-document/monitoring/{monitoring}",
        {"findings": ["X@"], "due": "2031-01-01"},
    ),
]


def _rectification_routes() -> set[str]:
    routes = get_resolver().namespace_dict["rectification"][1]
    return {p.name for p in routes.url_patterns if p.name and "pk" in str(p.pattern)}


def test_every_route_naming_an_item_is_asked_here() -> None:
    assert _rectification_routes() == set(RECTIFICATION_PAGES)


@pytest.fixture
def item_b(world):
    from jixiao.web.panels.models import Panel
    from jixiao.web.rectification import services

    services.from_findings(
        world.form_b,
        [services.finding_key(world.form_b.latest.findings[0])],
        due=None,
        requirement="",
        user=world.admin,
    )
    item = world.form_b.rectification_items.get()
    services.report_done(item, "已整改", [services.Upload("b.txt", b"b")], world.filler_b)
    panel = Panel.objects.create(
        project="乙项目",
        organisation=world.unit_b,
        report_text="（五）存在的问题\n（1）缺少实施方案。\n（六）有关建议\n1、完善实施方案。",
    )
    return item, item.evidence.get(), panel


def _item_snapshot(item) -> tuple[object, ...]:
    from jixiao.web.rectification.models import RectificationItem

    fresh = RectificationItem.objects.get(pk=item.pk)
    return (fresh.status, fresh.confirmed_at, RectificationItem.objects.count())


@pytest.mark.parametrize("asker", ASKERS)
@pytest.mark.parametrize("name", sorted(RECTIFICATION_PAGES))
def test_the_other_tenants_items_answer_404(
    world, item_b, documents_b, asker: str, name: str
) -> None:
    item, evidence, panel = item_b
    method, extra = RECTIFICATION_PAGES[name]
    first = {
        "from_form": world.form_b.pk,
        "from_panel": panel.pk,
        "from_department": world.dept_b.pk,
    }
    args = [first.get(name, item.pk), *(evidence.pk if a == "EVIDENCE" else a for a in extra)]
    if name == "from_document":
        args = ["monitoring", documents_b["monitoring"].pk]
    before = _item_snapshot(item)
    client = world.client(getattr(world, asker))
    body = {"due": "2031-01-01", "problem": ["0"], "finding": ["X@"], "reason": "越权"}
    response = getattr(client, method)(reverse(f"rectification:{name}", args=args), body)
    assert response.status_code == 404
    assert _item_snapshot(item) == before


def _cycle_url(path: str, world, item_b, documents: dict[str, FormRecord]) -> str:
    item, _, panel = item_b
    return (
        path.replace("{item}", str(item.pk))
        .replace("{panel}", str(panel.pk))
        .replace("{form}", str(world.form_b.pk))
        .replace("{targets}", str(documents["targets"].pk))
        .replace("{monitoring}", str(documents["monitoring"].pk))
    )


@pytest.mark.parametrize("asker", ASKERS)
@pytest.mark.parametrize(("method", "path", "body"), RECTIFICATION_API)
def test_the_other_tenants_items_and_documents_answer_404_over_the_api(
    world, item_b, documents_b, asker, method, path, body
) -> None:
    item = item_b[0]
    api = Client(headers={"Authorization": f"Bearer {create_token(getattr(world, asker), 't')}"})
    before = _item_snapshot(item)
    url = _cycle_url(path, world, item_b, documents_b)
    response = getattr(api, method)(url, body, content_type="application/json")
    assert response.status_code == 404
    assert _item_snapshot(item) == before


@pytest.mark.parametrize(("method", "path", "body"), RECTIFICATION_API)
def test_the_cycle_api_routes_exist_for_the_administrator(
    world, item_b, documents_b, method, path, body
) -> None:
    api = Client(headers={"Authorization": f"Bearer {create_token(world.admin, 't')}"})
    url = _cycle_url(path, world, item_b, documents_b)
    response = getattr(api, method)(url, body, content_type="application/json")
    assert response.status_code != 404, response.content.decode()
