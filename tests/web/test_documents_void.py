"""A 绩效目标申报表 or 绩效运行监控表 is voided and restored as a 自评表 is: from its page or the
API, with a reason, by its unit's 填报人 while a 草稿 or by an administrator at any time. A voided
one leaves the lists and is no longer what the project's self-evaluations are checked against
(their chain findings go, and come back when it is restored); it is kept, opened by its id, and
cannot be restored over another active one of its project."""

from __future__ import annotations

from django.urls import reverse
from documents_world import only, upload

from jixiao.model.form import Declared, Form
from jixiao.web.forms.models import FormRecord
from jixiao.web.orgs.models import AuditEvent
from jixiao.web.services import workflow
from jixiao.web.services.tokens import create_token
from jixiao.web.services.versions import save_version


def _chain_codes(record: FormRecord) -> set[str]:
    record.refresh_from_db()
    return {f["code"] for f in record.latest.findings if f.get("related_kind") == "targets"}


def _with_targets(world, targets_files) -> FormRecord:
    """Unit A's 申报表 of 2020 (a draft), and its self-evaluation changing a target it set."""
    upload(world.client(world.filler_a), targets_files["anzhen", "docx"], world.unit_a.pk)
    form = Form.from_json_dict(world.form_a.latest.data)
    form.indicators[0] = form.indicators[0].model_copy(
        update={"target": Declared(text="保障10个社区148名社工的工资、五险一金缴纳支出")}
    )
    save_version(world.form_a, form, world.filler_a, note="年底修改")
    assert _chain_codes(world.form_a) == {"CHAIN_TARGET_CHANGED"}
    return only("targets", unit=world.unit_a)


def _act(client, record: FormRecord, action: str, **data: str) -> str:
    url = reverse("documents:action", args=[record.kind, record.pk, action])
    return client.post(url, data, follow=True).content.decode()


def test_a_filler_voids_a_draft_from_its_page_and_restores_it(world, targets_files) -> None:
    targets = _with_targets(world, targets_files)
    client = world.client(world.filler_a)
    page = client.get(reverse("documents:detail", args=["targets", targets.pk])).content.decode()
    assert "作废这张绩效目标申报表…" in page and 'id="void-confirm"' in page
    assert targets.pk in [r.pk for r in client.get("/targets/").context["records"]]

    page = _act(client, targets, "void", reason="重复上传")
    assert "已作废：这张绩效目标申报表不再计入列表和统计" in page
    assert 'id="voided-banner"' in page and "原因：重复上传" in page and 'id="unvoid"' in page
    targets.refresh_from_db()
    assert targets.voided_at is not None and targets.voided_by == world.filler_a
    assert targets.pk not in [r.pk for r in client.get("/targets/").context["records"]]
    # the project's self-evaluation is no longer checked against it
    assert _chain_codes(world.form_a) == set()
    assert AuditEvent.objects.filter(action="void_document", detail__reason="重复上传").exists()

    page = _act(client, targets, "restore")
    assert "已恢复：这张绩效目标申报表重新计入列表和统计" in page
    assert 'id="voided-banner"' not in page
    assert _chain_codes(world.form_a) == {"CHAIN_TARGET_CHANGED"}
    assert AuditEvent.objects.filter(action="restore_document").exists()


def test_a_reason_is_required(world, targets_files) -> None:
    targets = _with_targets(world, targets_files)
    page = _act(world.client(world.filler_a), targets, "void", reason="  ")
    assert "作废时请写明原因。" in page
    targets.refresh_from_db()
    assert targets.voided_at is None


def test_a_submitted_one_is_voided_by_an_administrator_not_by_the_filler(
    world, targets_files
) -> None:
    targets = _with_targets(world, targets_files)
    workflow.submit_form(targets, world.filler_a)
    filler = world.client(world.filler_a)
    page = filler.get(reverse("documents:detail", args=["targets", targets.pk])).content.decode()
    assert 'id="void-confirm"' not in page  # not offered
    page = _act(filler, targets, "void", reason="项目取消")
    assert "填报人只能作废或恢复草稿状态的绩效目标申报表" in page
    targets.refresh_from_db()
    assert targets.voided_at is None

    _act(world.client(world.admin), targets, "void", reason="项目取消")
    targets.refresh_from_db()
    assert targets.voided_at is not None and targets.status == FormRecord.Status.SUBMITTED
    # the unit's filler is told, with a link to the page
    notice = world.filler_a.notifications.get(kind="voided")
    assert "绩效目标申报表《" in notice.text and notice.url == f"/targets/{targets.pk}/"


def test_it_cannot_be_restored_over_a_new_one_of_its_project(world, targets_files) -> None:
    targets = _with_targets(world, targets_files)
    client = world.client(world.filler_a)
    _act(client, targets, "void", reason="要重新上传")
    # the same 申报表 typed again (another file: not the upload seen before)
    data = targets_files["anzhen", "docx"].read_bytes() + b"\0"
    client.post(reverse("forms:upload"), {"unit": world.unit_a.pk, "files": _named(data)})
    newer = only("targets", unit=world.unit_a)
    assert newer.pk != targets.pk
    page = _act(client, targets, "restore")
    assert f"已有项目《{newer.project_name}》的绩效目标申报表（第{newer.pk}号），不能有两张" in page
    targets.refresh_from_db()
    assert targets.voided_at is not None


def test_the_api_voids_and_restores_within_the_callers_scope(world, targets_files) -> None:
    targets = _with_targets(world, targets_files)
    token = create_token(world.filler_a)
    client = world.client(world.filler_a)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    url = f"/api/targets/{targets.pk}"
    answer = client.post(f"{url}/void", {"reason": "重复上传"}, "application/json", **auth)
    assert answer.status_code == 200
    assert answer.json()["voided"] is True and answer.json()["void_reason"] == "重复上传"
    again = client.post(f"{url}/void", {"reason": "再来"}, "application/json", **auth)
    assert again.status_code == 409 and "已经作废" in again.json()["detail"]
    assert client.post(f"{url}/restore", **auth).json()["voided"] is False
    # another unit's filler: as if there were no such 申报表
    other = {"HTTP_AUTHORIZATION": f"Bearer {create_token(world.filler_b)}"}
    refused = world.client(world.filler_b).post(
        f"{url}/void", {"reason": "x"}, "application/json", **other
    )
    assert refused.status_code == 404
    wrong_kind = client.post(
        f"/api/monitoring/{targets.pk}/void", {"reason": "x"}, "application/json", **auth
    )
    assert wrong_kind.status_code == 404


def _named(data: bytes):  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("安贞_再次.docx", data)
