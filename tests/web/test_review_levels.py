"""Review levels as data: the department, then the bureau; batch decisions, reasons, reopening,
blocking codes.

The world: unit A under department A (reviewer_a) under the bureau (bureau_reviewer); unit B
under department B, which has no reviewer, so unit B's forms go straight to the bureau.
form_a has 3 error findings; unit A's other form (民生家园建设经费) has none.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jixiao.web.forms.models import Comment, FormRecord, ReviewStep
from jixiao.web.inbox.models import Notification
from jixiao.web.orgs.models import AuditEvent, Membership, Organisation
from jixiao.web.services import workflow
from jixiao.web.services.tokens import create_token
from jixiao.web.services.workflow import (
    approve_form,
    reopen_form,
    return_form,
    stage,
    status_label,
    submit_form,
)

BLOCKING_POLICY = Path(__file__).resolve().parent.parent / "fixtures/policies/review_blocking.toml"
REASON = "错误系填报口径问题，已电话核实，不影响结论"


def act(client: Client, record: FormRecord, action: str, **data: str):
    return client.post(reverse("forms:action", args=[record.pk, action]), data, follow=True)


def clean_form(world) -> FormRecord:
    """Unit A's form without error findings."""
    return FormRecord.objects.get(unit=world.unit_a, project_name="民生家园建设经费")


def texts(user: object) -> list[str]:
    return list(
        Notification.objects.filter(user=user).order_by("pk").values_list("text", flat=True)
    )


def fresh(record: FormRecord) -> FormRecord:
    return FormRecord.objects.get(pk=record.pk)


# ---- two levels --------------------------------------------------------------------------------


def test_a_form_passes_the_department_then_the_bureau(world) -> None:
    record = clean_form(world)
    submit_form(record, world.filler_a)
    record = fresh(record)
    assert stage(record).name == "department"
    assert status_label(record) == "已提交 · 待主管部门审核"
    assert texts(world.reviewer_a) and texts(world.bureau_reviewer) == []  # first level only

    page = act(world.client(world.reviewer_a), record, "approve", comment="同意").content.decode()
    assert "已审核通过。现在：已提交 · 待财政局审核" in page
    record = fresh(record)
    assert (record.status, record.review_level, record.reviewed_by) == (
        "submitted",
        1,
        world.reviewer_a,
    )
    assert stage(record).name == "bureau"
    assert texts(world.bureau_reviewer)[-1].endswith("已通过主管部门审核，等待您审核")
    assert "已通过主管部门审核，等待财政局审核" in texts(world.filler_a)[-1]

    # the department sees it read-only now; the bureau decides
    assert act(world.client(world.reviewer_a), record, "approve").status_code == 403
    detail = world.client(world.reviewer_a).get(reverse("forms:detail", args=[record.pk]))
    assert 'id="approve"' not in detail.content.decode()
    assert "待财政局审核" in detail.content.decode()
    bureau_page = world.client(world.bureau_reviewer).get(reverse("forms:detail", args=[record.pk]))
    assert 'id="approve"' in bureau_page.content.decode()

    act(world.client(world.bureau_reviewer), record, "approve")
    record = fresh(record)
    assert (record.status, record.review_level, record.reviewed_by) == (
        "approved",
        2,
        world.bureau_reviewer,
    )
    steps = list(record.review_steps.values_list("level", "level_name", "action", "user"))
    assert steps == [
        (1, "department", "pass", world.reviewer_a.pk),
        (2, "bureau", "approve", world.bureau_reviewer.pk),
    ]
    assert "已审核通过。" in texts(world.filler_a)[-1]
    actions = set(AuditEvent.objects.filter(target=str(record)).values_list("action", flat=True))
    assert {"提交", "review_pass", "审核通过"} <= actions


def test_a_level_without_reviewers_is_passed_over(world) -> None:
    # department B has no reviewer: unit B's form waits for the bureau at once
    world.form_b.status = "draft"
    submit_form(world.form_b, world.filler_b)
    record = fresh(world.form_b)
    assert stage(record).name == "bureau"
    assert status_label(record) == "已提交 · 待财政局审核"
    assert texts(world.bureau_reviewer)  # told at once
    approve_form(record, world.bureau_reviewer, reason=REASON)
    record = fresh(record)
    assert record.status == "approved"
    assert list(record.review_steps.values_list("level_name", "action")) == [("bureau", "approve")]


def test_when_the_bureau_has_no_reviewer_the_department_approves(world) -> None:
    Membership.objects.filter(user=world.bureau_reviewer).delete()
    record = clean_form(world)
    submit_form(record, world.filler_a)
    approve_form(fresh(record), world.reviewer_a)
    assert fresh(record).status == "approved"


def test_the_wrong_level_is_refused(world) -> None:
    record = clean_form(world)
    submit_form(record, world.filler_a)
    with pytest.raises(PermissionDenied, match="正等待主管部门审核"):
        approve_form(fresh(record), world.bureau_reviewer)
    with pytest.raises(PermissionDenied):
        return_form(fresh(record), world.bureau_reviewer, "越级退回")
    assert act(world.client(world.bureau_reviewer), record, "approve").status_code == 403
    assert fresh(record).review_level == 0 and fresh(record).status == "submitted"
    # an administrator may decide at any level
    approve_form(fresh(record), world.admin)
    assert fresh(record).review_level == 1


def test_the_bureau_returns_to_the_unit_and_a_resubmission_starts_again(world) -> None:
    record = clean_form(world)
    submit_form(record, world.filler_a)
    approve_form(fresh(record), world.reviewer_a)
    page = act(
        world.client(world.bureau_reviewer),
        fresh(record),
        "return",
        comment="请补充佐证材料",
        **{"cell:indicators.1.actual": "实际完成值与佐证不符"},
    ).content.decode()
    assert "已退回填报单位" in page
    record = fresh(record)
    assert (record.status, record.review_level, record.open_comments) == ("returned", 0, 2)
    comments = list(record.comments.values_list("path", "text", "state"))
    assert ("", "请补充佐证材料", "open") in comments
    assert ("indicators.1.actual", "实际完成值与佐证不符", "open") in comments
    step = record.review_steps.last()
    assert (step.level_name, step.action) == ("bureau", "return")
    assert "请补充佐证材料" in texts(world.filler_a)[-1]

    submit_form(record, world.filler_a)
    record = fresh(record)
    assert record.review_level == 0 and stage(record).name == "department"


def test_return_comments_on_findings_carry_their_code(world) -> None:
    submit_form(world.form_a, world.filler_a)
    return_form(
        fresh(world.form_a),
        world.reviewer_a,
        "",
        {"funds.execution_rate": "应为 90.10%", "total_score": "  "},
    )
    only = Comment.objects.get(record=world.form_a)
    assert (only.finding_code, only.state, only.path) == (
        "FUNDS_RATE_MISMATCH",
        "open",
        "funds.execution_rate",
    )


# ---- a reason for errors -----------------------------------------------------------------------


def test_approving_a_form_with_errors_needs_a_reason(world) -> None:
    submit_form(world.form_a, world.filler_a)
    reviewer = world.client(world.reviewer_a)
    detail = reviewer.get(reverse("forms:detail", args=[world.form_a.pk])).content.decode()
    assert "这张表有 3 条错误，审核通过须写明理由" in detail and 'id="approve-reason"' in detail
    page = act(reviewer, world.form_a, "approve").content.decode()
    assert "这张表有 3 条错误，审核通过须写明理由" in page
    assert fresh(world.form_a).review_level == 0

    act(reviewer, world.form_a, "approve", reason=REASON)
    record = fresh(world.form_a)
    assert record.review_level == 1
    step = record.review_steps.get()
    assert (step.reason, step.errors) == (REASON, 3)
    kept = Comment.objects.get(record=record)
    assert REASON in kept.text and kept.state == ""
    shown = reviewer.get(reverse("forms:detail", args=[record.pk])).content.decode()
    assert REASON in shown


# ---- the queue and batches ---------------------------------------------------------------------


def test_the_queue_shows_only_the_forms_at_the_users_level(world) -> None:
    clean = clean_form(world)
    submit_form(world.form_a, world.filler_a)
    submit_form(clean, world.filler_a)
    world.form_b.status = "draft"
    submit_form(world.form_b, world.filler_b)  # straight to the bureau
    approve_form(fresh(clean), world.reviewer_a)  # now at the bureau

    department = world.client(world.reviewer_a).get(reverse("forms:queue")).content.decode()
    assert "公共服务经费" in department
    assert "民生家园建设经费" not in department and "市民服务中心工作经费" not in department
    bureau = world.client(world.bureau_reviewer).get(reverse("forms:queue")).content.decode()
    assert "民生家园建设经费" in bureau and "市民服务中心工作经费" in bureau
    assert "公共服务经费" not in bureau
    assert "已提交 · 待财政局审核" in bureau

    # the inbox 待办 agrees, and links to the queue
    inbox = world.client(world.reviewer_a).get(reverse("inbox:page")).content.decode()
    waiting = inbox.split('id="waiting"')[1].split("</table>")[0]
    assert "公共服务经费" in waiting and "民生家园建设经费" not in waiting
    assert "已提交 · 待主管部门审核" in waiting
    assert reverse("forms:queue") in inbox
    # the forms list shows the stage in the status column
    listed = world.client(world.bureau_reviewer).get(reverse("forms:list")).content.decode()
    assert "已提交 · 待主管部门审核" in listed and "已提交 · 待财政局审核" in listed
    # a clerk has no queue
    assert world.client(world.filler_a).get(reverse("forms:queue")).status_code == 403


def test_batch_approve_skips_an_erroneous_form_without_a_reason(world) -> None:
    clean = clean_form(world)
    submit_form(world.form_a, world.filler_a)
    submit_form(clean, world.filler_a)
    reviewer = world.client(world.reviewer_a)
    queue = reverse("forms:queue")
    ids = [str(world.form_a.pk), str(clean.pk)]

    page = reviewer.post(queue, {"ids": ids, "action": "approve"}, follow=True).content.decode()
    assert "批量通过：已通过 1 张，跳过 1 张" in page
    assert "跳过《公共服务经费》：这张表有 3 条错误，审核通过须写明理由" in page
    assert fresh(clean).review_level == 1 and fresh(world.form_a).review_level == 0

    page = reviewer.post(
        queue, {"ids": [str(world.form_a.pk)], "action": "approve", "reason": REASON}, follow=True
    ).content.decode()
    assert "批量通过：已通过 1 张。" in page
    record = fresh(world.form_a)
    assert record.review_level == 1
    assert record.review_steps.get().reason == REASON


def test_batch_return_needs_a_comment(world) -> None:
    clean = clean_form(world)
    submit_form(world.form_a, world.filler_a)
    submit_form(clean, world.filler_a)
    reviewer = world.client(world.reviewer_a)
    ids = [str(world.form_a.pk), str(clean.pk)]
    page = reviewer.post(
        reverse("forms:queue"), {"ids": ids, "action": "return"}, follow=True
    ).content.decode()
    assert "批量退回须写明意见" in page
    assert fresh(clean).status == "submitted"

    page = reviewer.post(
        reverse("forms:queue"),
        {"ids": ids, "action": "return", "return_comment": "请统一按新口径重填"},
        follow=True,
    ).content.decode()
    assert "批量退回：已退回 2 张。" in page
    for record in (world.form_a, clean):
        record = fresh(record)
        assert record.status == "returned"
        assert record.comments.get().text == "请统一按新口径重填"


def test_batch_through_the_api(world) -> None:
    clean = clean_form(world)
    submit_form(world.form_a, world.filler_a)
    submit_form(clean, world.filler_a)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(world.reviewer_a, 'test')}"}
    answer = Client().post(
        "/api/forms/batch",
        {"ids": [world.form_a.pk, clean.pk], "action": "approve"},
        content_type="application/json",
        **auth,
    )
    assert answer.status_code == 200
    body = answer.json()
    assert body["done"] == [clean.pk]
    assert body["skipped"][0]["id"] == world.form_a.pk
    assert "审核通过须写明理由" in body["skipped"][0]["reason"]


# ---- reopening ---------------------------------------------------------------------------------


def _approved(world) -> FormRecord:
    record = clean_form(world)
    submit_form(record, world.filler_a)
    approve_form(fresh(record), world.reviewer_a)
    approve_form(fresh(record), world.bureau_reviewer)
    assert fresh(record).status == "approved"
    return fresh(record)


def test_a_reviewer_reopens_an_approved_form_at_their_level(world) -> None:
    record = _approved(world)
    reviewer = world.client(world.reviewer_a)
    detail = reviewer.get(reverse("forms:detail", args=[record.pk])).content.decode()
    assert 'id="reopen-reason"' in detail
    page = act(reviewer, record, "reopen").content.decode()
    assert "重新打开须写明理由" in page
    assert fresh(record).status == "approved"

    act(reviewer, record, "reopen", reason="发现执行数填错")
    record = fresh(record)
    assert (record.status, record.review_level) == ("submitted", 0)
    assert stage(record).name == "department"
    step = record.review_steps.last()
    assert (step.action, step.level_name, step.reason) == ("reopen", "department", "发现执行数填错")
    assert "重新打开" in texts(world.filler_a)[-1] and "发现执行数填错" in texts(world.filler_a)[-1]
    assert AuditEvent.objects.filter(action="reopen", target=str(record)).exists()


def test_the_bureau_and_an_administrator_reopen_at_the_last_level(world) -> None:
    record = _approved(world)
    reopen_form(record, world.bureau_reviewer, "抽查复核")
    assert stage(fresh(record)).name == "bureau"
    approve_form(fresh(record), world.bureau_reviewer)
    reopen_form(fresh(record), world.admin, "年终复核")
    record = fresh(record)
    assert (record.status, record.review_level, stage(record).name) == ("submitted", 1, "bureau")
    with pytest.raises(ValidationError, match="只有已审核的自评表可以重新打开|不能重新打开"):
        reopen_form(record, world.admin, "再开一次")


def test_a_clerk_cannot_reopen(world) -> None:
    record = _approved(world)
    assert act(world.client(world.filler_a), record, "reopen", reason="想再改").status_code == 403
    assert fresh(record).status == "approved"


# ---- blocking codes ----------------------------------------------------------------------------


def test_blocking_codes_stop_a_submission(world, settings) -> None:
    settings.JIXIAO_POLICY = str(BLOCKING_POLICY)  # the site's policy: a file of our own
    assert workflow.policy(world.unit_a.pk, 2020).review.blocking == [
        "FUNDS_RATE_MISMATCH",
        "TOTAL_SCORE_MISMATCH",
    ]
    page = act(world.client(world.filler_a), world.form_a, "submit").content.decode()
    assert "以下问题须先修改才能提交" in page
    message = next(
        f["message"] for f in world.form_a.latest.findings if f["code"] == "TOTAL_SCORE_MISMATCH"
    )
    assert message in page
    assert fresh(world.form_a).status == "draft"
    # a form without those findings goes through
    submit_form(clean_form(world), world.filler_a)
    assert fresh(clean_form(world)).status == "submitted"


# ---- scope: another tenant ---------------------------------------------------------------------


@pytest.fixture
def stranger(world) -> object:
    """A reviewer of another bureau altogether."""
    other = Organisation.objects.create(name="另一区财政局", kind="bureau")
    user = get_user_model().objects.create_user(username="stranger")
    Membership.objects.create(user=user, organisation=other, role=Membership.Role.REVIEWER)
    return user


@pytest.mark.parametrize("asker", ["stranger", "reviewer_b_side"])
def test_another_tenants_reviewer_gets_404_and_changes_nothing(world, stranger, asker) -> None:
    # "reviewer_b_side": department A's reviewer asking for unit B's form
    user, target = (
        (stranger, world.form_a) if asker == "stranger" else (world.reviewer_a, world.form_b)
    )
    target.status = "draft"
    target.save(update_fields=["status"])
    filler = world.filler_a if target == world.form_a else world.filler_b
    submit_form(target, filler)
    client = world.client(user)
    queue = reverse("forms:queue")
    assert (
        client.post(
            queue, {"ids": [str(target.pk)], "action": "approve", "reason": "x"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            queue, {"ids": [str(target.pk)], "action": "return", "return_comment": "x"}
        ).status_code
        == 404
    )
    assert target.project_name not in client.get(queue).content.decode()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user, 'test')}"}
    api = Client()
    batch = api.post(
        "/api/forms/batch",
        {"ids": [target.pk], "action": "approve", "reason": "x"},
        content_type="application/json",
        **auth,
    )
    assert batch.status_code == 404
    # reopen, on an approved form
    target = fresh(target)
    FormRecord.objects.filter(pk=target.pk).update(status="approved")
    assert act(client, target, "reopen", reason="x").status_code == 404
    answer = api.post(
        f"/api/forms/{target.pk}/reopen",
        {"reason": "x"},
        content_type="application/json",
        **auth,
    )
    assert answer.status_code == 404
    target = fresh(target)
    assert target.status == "approved" and not ReviewStep.objects.filter(record=target).exists()


def test_a_decision_from_a_stale_page_is_refused(world) -> None:
    record = clean_form(world)
    submit_form(record, world.filler_a)
    first, second = fresh(record), fresh(record)  # two tabs, opened while it waited
    approve_form(first, world.reviewer_a)
    with pytest.raises(PermissionDenied, match="正等待财政局审核"):
        approve_form(second, world.reviewer_a)
    assert fresh(record).review_steps.count() == 1


def test_the_stages_of_many_forms_take_a_few_queries(world) -> None:
    for record in FormRecord.objects.all():
        submit_form(record, world.filler_a if record.unit == world.unit_a else world.filler_b)
    records = list(FormRecord.objects.select_related("unit"))
    with CaptureQueriesContext(connection) as one:
        workflow.label_stages(records[:1])
    with CaptureQueriesContext(connection) as all_:
        labelled = workflow.label_stages(records)
    assert len(all_.captured_queries) == len(one.captured_queries) <= 5
    assert {r.stage_label for r in labelled} == {"已提交 · 待主管部门审核", "已提交 · 待财政局审核"}


def test_a_form_no_reviewer_can_decide_is_announced_to_the_administrators(world) -> None:
    from jixiao.web.orgs.models import Membership

    Membership.objects.filter(role=Membership.Role.REVIEWER).delete()
    workflow.submit_form(world.form_a, world.filler_a)
    told = Notification.objects.filter(user=world.admin, kind="submitted")
    assert told.count() == 1
    assert world.form_a.project_name in told.get().text
