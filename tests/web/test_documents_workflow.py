"""A 申报表 or 监控表 is submitted, reviewed at the same levels and approved like a form: it waits
in the department reviewer's queue and inbox with its kind, passes to the bureau, is approved;
the notifications lead to its own page."""

from __future__ import annotations

from django.urls import reverse
from documents_world import monitoring

from jixiao.web.inbox.models import Notification
from jixiao.web.services.documents import create_document, detail_url


def test_a_monitoring_table_goes_through_both_levels(world) -> None:
    record = create_document(world.unit_a, "monitoring", monitoring(), world.filler_a, note="新建")
    filler = world.client(world.filler_a)
    filler.post(reverse("documents:action", args=["monitoring", record.pk, "submit"]))
    record.refresh_from_db()
    assert record.status == "submitted"

    reviewer = world.client(world.reviewer_a)
    queue = reviewer.get(reverse("forms:queue")).content.decode()
    row = queue.split(f'data-id="{record.pk}"')[1].split("</tr>")[0]
    assert "绩效运行监控表" in row and detail_url(record) in row
    inbox = reviewer.get(reverse("inbox:page")).content.decode()
    assert detail_url(record) in inbox and "绩效运行监控表" in inbox
    told = Notification.objects.filter(user=world.reviewer_a).latest("pk")
    assert told.url == detail_url(record) and "绩效运行监控表" in told.text

    page = reviewer.get(detail_url(record)).content.decode()
    assert "待主管部门审核" in page and 'id="approve"' in page
    reason = {"reason": "已核实，人员补录已安排"} if record.errors else {}
    reviewer.post(reverse("documents:action", args=["monitoring", record.pk, "approve"]), reason)
    record.refresh_from_db()
    assert record.status == "submitted" and record.review_level == 1  # on to the bureau

    bureau = world.client(world.bureau_reviewer)
    bureau.post(reverse("documents:action", args=["monitoring", record.pk, "approve"]), reason)
    record.refresh_from_db()
    assert record.status == "approved"
    assert [s.action for s in record.review_steps.all()] == ["pass", "approve"]


def test_a_returned_table_goes_back_to_the_unit_with_the_comment(world) -> None:
    record = create_document(world.unit_a, "monitoring", monitoring(), world.filler_a, note="新建")
    world.client(world.filler_a).post(
        reverse("documents:action", args=["monitoring", record.pk, "submit"])
    )
    world.client(world.reviewer_a).post(
        reverse("documents:action", args=["monitoring", record.pk, "return"]),
        {"comment": "请补充纠偏措施"},
    )
    record.refresh_from_db()
    assert record.status == "returned"
    assert record.comments.get().text == "请补充纠偏措施"
    told = Notification.objects.filter(user=world.filler_a).latest("pk")
    assert told.url == detail_url(record) and "请补充纠偏措施" in told.text
    # the unit's inbox lists it with its kind, the comment and the way to its edit page
    inbox = world.client(world.filler_a).get(reverse("inbox:page")).content.decode()
    returned = inbox.split("returned-form")[1].split("</div>")[0]
    assert detail_url(record) in returned and "绩效运行监控表" in returned
    assert "请补充纠偏措施" in returned
    assert reverse("documents:edit", args=["monitoring", record.pk]) in returned
    # and the table's own page shows the comment
    page = world.client(world.filler_a).get(detail_url(record)).content.decode()
    comments = page.split('id="comments"')[1].split("</ol>")[0]
    assert "请补充纠偏措施" in comments and "待修改" in comments


def test_the_other_departments_reviewer_cannot_decide(world) -> None:
    record = create_document(world.unit_b, "monitoring", monitoring(), world.filler_b, note="新建")
    world.client(world.filler_b).post(
        reverse("documents:action", args=["monitoring", record.pk, "submit"])
    )
    response = world.client(world.reviewer_a).post(
        reverse("documents:action", args=["monitoring", record.pk, "approve"]), {"reason": "越权"}
    )
    assert response.status_code == 404
    record.refresh_from_db()
    assert record.status == "submitted" and record.review_level == 0
