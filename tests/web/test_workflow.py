"""草稿 → 已提交 → 已退回 (with comments) → 已提交 → 主管部门 → 财政局 → 已审核, each step by the
right person. (More on levels, reasons and reopening in test_review_levels.py.)"""

from __future__ import annotations

from django.urls import reverse

from jixiao.web.orgs.models import AuditEvent


def act(client, record, action: str, **data: str):
    return client.post(reverse("forms:action", args=[record.pk, action]), data, follow=True)


def test_the_whole_round(world) -> None:
    record, unit, reviewer = (
        world.form_a,
        world.client(world.filler_a),
        world.client(world.reviewer_a),
    )
    act(unit, record, "submit")
    record.refresh_from_db()
    assert record.status == "submitted"
    queue = reviewer.get(reverse("forms:list") + "?status=submitted").content.decode()
    assert "公共服务经费" in queue
    page = act(
        reviewer,
        record,
        "return",
        comment="执行率请按资金重算",
        **{"finding:funds.execution_rate": "应为 90.10%"},
    ).content.decode()
    assert "已退回填报单位" in page
    record.refresh_from_db()
    assert record.status == "returned"
    seen = unit.get(reverse("forms:detail", args=[record.pk])).content.decode()
    assert "执行率请按资金重算" in seen and "[FUNDS_RATE_MISMATCH] 应为 90.10%" in seen
    act(unit, record, "submit")
    # form_a has error findings: each level passes it with a written reason
    act(reviewer, record, "approve", reason="错误已核实，不影响结论")
    record.refresh_from_db()
    assert (record.status, record.review_level) == ("submitted", 1)  # now the bureau's
    act(world.client(world.bureau_reviewer), record, "approve", reason="同意主管部门意见")
    record.refresh_from_db()
    assert record.status == "approved"
    actions = list(AuditEvent.objects.filter(target=str(record)).values_list("action", flat=True))
    assert {"提交", "退回", "review_pass", "审核通过"} <= set(actions)


def test_a_return_needs_a_comment(world) -> None:
    act(world.client(world.filler_a), world.form_a, "submit")
    page = act(world.client(world.reviewer_a), world.form_a, "return").content.decode()
    assert "退回时请写明意见" in page
    world.form_a.refresh_from_db()
    assert world.form_a.status == "submitted"


def test_a_unit_cannot_approve_its_own_form(world) -> None:
    unit = world.client(world.filler_a)
    act(unit, world.form_a, "submit")
    assert act(unit, world.form_a, "approve").status_code == 403


def test_a_submitted_form_cannot_be_edited(world) -> None:
    unit = world.client(world.filler_a)
    act(unit, world.form_a, "submit")
    assert unit.get(reverse("forms:edit", args=[world.form_a.pk])).status_code == 403
