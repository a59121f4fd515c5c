"""Return comments that get done: shown at the top, at their cell and beside the field; the clerk
marks each 已修改 with a note, a reviewer confirms or reopens it; the list counts the open ones."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from jixiao.web.forms.models import Comment, FormRecord
from jixiao.web.inbox.models import Notification
from jixiao.web.orgs.models import AuditEvent
from jixiao.web.services.comments import field_of
from jixiao.web.services.tokens import create_token

RATE = "funds.execution_rate"
CELL = "indicators.0.actual"


def act(client, record, action: str, **data: str):
    return client.post(reverse("forms:action", args=[record.pk, action]), data, follow=True)


def on_comment(client, comment: Comment, action: str, **data: str):
    url = reverse("forms:comment_action", args=[comment.record_id, comment.pk, action])
    return client.post(url, data, follow=True)


def page(client, record: FormRecord) -> str:
    return client.get(reverse("forms:detail", args=[record.pk])).content.decode()


def returned(world) -> tuple[Comment, Comment]:
    """Form A handed in and sent back by its department's reviewer with a comment on the
    execution-rate finding and one typed in an indicator's 实际完成值 cell."""
    act(world.client(world.filler_a), world.form_a, "submit")
    answer = act(
        world.client(world.reviewer_a),
        world.form_a,
        "return",
        **{f"finding:{RATE}": "执行率应为 90.10%，请改", f"cell:{CELL}": "实际完成值请写明数量"},
    )
    assert "已退回填报单位" in answer.content.decode()
    world.form_a.refresh_from_db()
    assert world.form_a.status == "returned"
    comments = world.form_a.comments
    return comments.get(path=RATE), comments.get(path=CELL)


def rate_finding(record: FormRecord) -> str:
    return next(f["message"] for f in record.latest.findings if f["path"] == RATE)


def test_a_return_comment_shows_in_the_banner_with_the_findings_wording(world) -> None:
    rate, cell = returned(world)
    assert rate.state == cell.state == Comment.State.OPEN
    shown = page(world.client(world.filler_a), world.form_a)
    banner = shown[shown.index('id="comments-banner"') : shown.index('class="paper"')]
    assert "待修改 2" in banner
    assert "执行率应为 90.10%，请改" in banner and "实际完成值请写明数量" in banner
    assert rate_finding(world.form_a) in banner  # the wording, not only FUNDS_RATE_MISMATCH
    assert 'href="#cell-funds.execution_rate"' in banner and "查看位置" in banner
    assert f'href="#cell-{CELL}"' in banner
    assert f'id="fixed-{rate.pk}"' in banner  # the clerk's 已修改 button with its note field
    assert f'id="confirm-{rate.pk}"' not in banner


def test_each_comment_is_marked_at_its_cell(world) -> None:
    rate, cell = returned(world)
    shown = page(world.client(world.filler_a), world.form_a)
    for comment in (rate, cell):
        td = re.search(rf'<td id="cell-{re.escape(comment.path)}"[^>]*>.*?</td>', shown, re.S)
        assert td is not None
        assert "has-comment" in td.group(0) and "💬" in td.group(0)
        assert comment.text in td.group(0) and f'href="#comment-{comment.pk}"' in td.group(0)


def test_a_reviewer_who_can_return_gets_a_comment_input_in_each_cell(world) -> None:
    act(world.client(world.filler_a), world.form_a, "submit")
    reviewer = page(world.client(world.reviewer_a), world.form_a)
    assert 'name="cell:funds.total.executed" form="return-form"' in reviewer
    assert f'name="cell:{CELL}" form="return-form"' in reviewer
    assert 'id="return-form"' in reviewer
    assert 'name="cell:' not in page(world.client(world.filler_a), world.form_a)


def test_the_clerk_marks_a_comment_fixed_with_a_note(world) -> None:
    rate, _ = returned(world)
    clerk = world.client(world.filler_a)
    refused = on_comment(clerk, rate, "fixed", note="  ").content.decode()
    assert "请说明如何修改的" in refused
    rate.refresh_from_db()
    assert rate.state == Comment.State.OPEN
    done = on_comment(clerk, rate, "fixed", note="已按资金重算执行率为 90.10%").content.decode()
    assert "已标记为已修改" in done
    rate.refresh_from_db()
    assert rate.state == Comment.State.FIXED and rate.fixed_by == world.filler_a
    assert rate.fix_note == "已按资金重算执行率为 90.10%" and rate.fixed_at is not None
    assert "修改说明：已按资金重算执行率为 90.10%" in done and "待确认 1" in done
    world.form_a.refresh_from_db()
    assert world.form_a.open_comments == 2  # fixed but not yet confirmed still counts
    told = Notification.objects.get(user=world.reviewer_a, kind="comment_fixed")
    assert "已按资金重算" in told.text and told.url.endswith(f"#comment-{rate.pk}")
    assert not Notification.objects.filter(user=world.bureau_reviewer, kind="comment_fixed")
    event = AuditEvent.objects.get(action="comment_fixed")
    assert event.user == world.filler_a and event.detail["note"] == "已按资金重算执行率为 90.10%"


def test_a_reviewer_confirms_a_fixed_comment(world) -> None:
    rate, cell = returned(world)
    on_comment(world.client(world.filler_a), rate, "fixed", note="已改")
    reviewer = world.client(world.reviewer_a)
    assert f'id="confirm-{rate.pk}"' in page(reviewer, world.form_a)
    done = on_comment(reviewer, rate, "confirm").content.decode()
    assert "已确认修改" in done
    rate.refresh_from_db()
    assert rate.state == Comment.State.CONFIRMED and rate.confirmed_by == world.reviewer_a
    world.form_a.refresh_from_db()
    assert world.form_a.open_comments == 1
    assert AuditEvent.objects.filter(action="comment_confirmed", user=world.reviewer_a).exists()
    # an open comment cannot be confirmed before the clerk has marked it
    early = on_comment(reviewer, cell, "confirm").content.decode()
    assert "标记已修改后才能确认" in early
    cell.refresh_from_db()
    assert cell.state == Comment.State.OPEN


def test_a_reviewer_reopens_a_comment_and_the_clerk_is_told(world) -> None:
    rate, _ = returned(world)
    on_comment(world.client(world.filler_a), rate, "fixed", note="已改为 90%")
    done = on_comment(
        world.client(world.bureau_reviewer), rate, "reopen", text="应保留两位小数"
    ).content.decode()
    assert "已重新打开这条意见" in done
    rate.refresh_from_db()
    assert rate.state == Comment.State.OPEN and rate.fix_note == "" and rate.fixed_at is None
    assert "应保留两位小数" in rate.text and "上次修改说明：已改为 90%" in rate.text
    assert rate.text.startswith("执行率应为 90.10%，请改")
    told = Notification.objects.get(user=world.filler_a, kind="comment_reopened")
    assert "应保留两位小数" in told.text
    assert AuditEvent.objects.filter(action="comment_reopened").exists()
    world.form_a.refresh_from_db()
    assert world.form_a.open_comments == 2
    # the clerk can mark it again
    on_comment(world.client(world.filler_a), rate, "fixed", note="已改为 90.10%")
    rate.refresh_from_db()
    assert rate.state == Comment.State.FIXED


def test_who_may_do_what(world) -> None:
    rate, _ = returned(world)
    clerk, reviewer = world.client(world.filler_a), world.client(world.reviewer_a)
    assert on_comment(reviewer, rate, "fixed", note="我来改").status_code == 403
    on_comment(clerk, rate, "fixed", note="已改")
    assert on_comment(clerk, rate, "confirm").status_code == 403
    assert on_comment(clerk, rate, "reopen").status_code == 403
    rate.refresh_from_db()
    assert rate.state == Comment.State.FIXED
    # an administrator may do both sides
    admin = world.client(world.admin)
    on_comment(admin, rate, "confirm")
    rate.refresh_from_db()
    assert rate.state == Comment.State.CONFIRMED


def test_a_comment_is_marked_fixed_only_while_the_form_is_back_with_the_unit(world) -> None:
    rate, cell = returned(world)
    clerk = world.client(world.filler_a)
    on_comment(clerk, rate, "fixed", note="已改")
    act(clerk, world.form_a, "submit")
    world.form_a.refresh_from_db()
    assert world.form_a.status == "submitted"
    refused = on_comment(clerk, cell, "fixed", note="已改").content.decode()
    assert "退回后才能修改" in refused
    cell.refresh_from_db()
    assert cell.state == Comment.State.OPEN
    # the reviewer confirms the fixed one after the resubmission
    on_comment(world.client(world.reviewer_a), rate, "confirm")
    rate.refresh_from_db()
    assert rate.state == Comment.State.CONFIRMED


def test_the_list_shows_the_open_comments_per_form(world) -> None:
    rate, cell = returned(world)
    listed = world.client(world.filler_a).get(reverse("forms:list")).content.decode()
    assert "意见 2 待处理" in listed
    on_comment(world.client(world.filler_a), rate, "fixed", note="已改")
    on_comment(world.client(world.reviewer_a), rate, "confirm")
    listed = world.client(world.reviewer_a).get(reverse("forms:list")).content.decode()
    assert "意见 1 待处理" in listed


def test_the_edit_page_shows_each_open_comment_beside_its_field(world) -> None:
    rate, cell = returned(world)
    edit = world.client(world.filler_a).get(reverse("forms:edit", args=[world.form_a.pk]))
    assert edit.status_code == 200
    html = edit.content.decode()
    top = html[html.index('id="edit-comments"') : html.index('id="edit-form"')]
    assert "审核意见（2 条待处理）" in top and rate_finding(world.form_a) in top
    field = re.search(
        r'name="funds\.execution_rate"[^>]*>(<div class="field-comment[^"]*"[^>]*>.*?</div>)',
        html,
        re.S,
    )
    assert field is not None
    assert "执行率应为 90.10%，请改" in field.group(1) and rate_finding(
        world.form_a
    ) in field.group(1)
    beside_cell = re.search(
        rf'name="{re.escape(CELL)}"[^>]*>[^<]*</textarea>(<div class="field-comment.*?</div>)',
        html,
        re.S,
    )
    assert beside_cell is not None and "实际完成值请写明数量" in beside_cell.group(1)
    # a confirmed comment is done: no longer beside its field
    on_comment(world.client(world.filler_a), rate, "fixed", note="已改")
    on_comment(world.client(world.reviewer_a), rate, "confirm")
    html = world.client(world.filler_a).get(reverse("forms:edit", args=[world.form_a.pk]))
    assert "执行率应为 90.10%，请改" not in html.content.decode()


def test_the_history_shows_each_comments_state(world) -> None:
    rate, _ = returned(world)
    on_comment(world.client(world.filler_a), rate, "fixed", note="已改")
    shown = page(world.client(world.reviewer_a), world.form_a)
    history = shown[shown.index("审核意见（全部）") :]
    assert "已修改" in history and "修改说明：已改" in history and "待修改" in history


def test_another_tenant_cannot_touch_a_comment(world) -> None:
    rate, _ = returned(world)
    other = world.client(world.filler_b)
    for action, data in (("fixed", {"note": "x"}), ("confirm", {}), ("reopen", {"text": "x"})):
        assert on_comment(other, rate, action, **data).status_code == 404
    rate.refresh_from_db()
    assert rate.state == Comment.State.OPEN
    # nor through a form of their own: the comment must belong to the form in the URL
    url = reverse("forms:comment_action", args=[world.form_b.pk, rate.pk, "fixed"])
    assert other.post(url, {"note": "x"}).status_code == 404
    rate.refresh_from_db()
    assert rate.state == Comment.State.OPEN


def test_unknown_actions_and_gets_are_refused(world) -> None:
    rate, _ = returned(world)
    clerk = world.client(world.filler_a)
    assert on_comment(clerk, rate, "delete").status_code == 404
    url = reverse("forms:comment_action", args=[world.form_a.pk, rate.pk, "fixed"])
    assert clerk.get(url).status_code == 405
    missing = reverse("forms:comment_action", args=[world.form_a.pk, 999999, "fixed"])
    assert clerk.post(missing, {"note": "x"}).status_code == 404


def test_the_clerks_todo_shows_each_comments_state(world) -> None:
    returned(world)
    todo = world.client(world.filler_a).get(reverse("inbox:page")).content.decode()
    assert "意见 2 待处理" in todo and "待修改" in todo and "实际完成值请写明数量" in todo


def api(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {create_token(user, 'test')}"}


def test_the_api_lists_comments_and_changes_their_state(world, client) -> None:
    rate, _ = returned(world)
    url = f"/api/forms/{world.form_a.pk}/comments"
    listed = client.get(url, **api(world.filler_a)).json()
    first = next(c for c in listed if c["id"] == rate.pk)
    assert first["state"] == "open" and first["state_label"] == "待修改"
    assert first["finding"] == rate_finding(world.form_a) and first["field"] == RATE
    refused = client.post(
        f"{url}/{rate.pk}/fixed",
        {"note": ""},
        content_type="application/json",
        **api(world.filler_a),
    )
    assert refused.status_code == 409 and "请说明如何修改的" in refused.json()["detail"]
    fixed = client.post(
        f"{url}/{rate.pk}/fixed",
        {"note": "已重算"},
        content_type="application/json",
        **api(world.filler_a),
    ).json()
    assert fixed["state"] == "fixed" and fixed["fix_note"] == "已重算"
    as_clerk = client.post(
        f"{url}/{rate.pk}/confirm", {}, content_type="application/json", **api(world.filler_a)
    )
    assert as_clerk.status_code == 403
    confirmed = client.post(
        f"{url}/{rate.pk}/confirm", {}, content_type="application/json", **api(world.reviewer_a)
    ).json()
    assert confirmed["state"] == "confirmed"
    reopened = client.post(
        f"{url}/{rate.pk}/reopen",
        {"text": "再看看"},
        content_type="application/json",
        **api(world.reviewer_a),
    ).json()
    assert reopened["state"] == "open" and "再看看" in reopened["text"]


def test_the_api_keeps_another_tenants_comments_out_of_reach(world, client) -> None:
    rate, _ = returned(world)
    other = api(world.filler_b)
    assert client.get(f"/api/forms/{world.form_a.pk}/comments", **other).status_code == 404
    for form in (world.form_a, world.form_b):
        answer = client.post(
            f"/api/forms/{form.pk}/comments/{rate.pk}/fixed",
            {"note": "x"},
            content_type="application/json",
            **other,
        )
        assert answer.status_code == 404
    rate.refresh_from_db()
    assert rate.state == Comment.State.OPEN


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("funds.execution_rate", "funds.execution_rate"),
        ("funds.total.executed", "funds.total.executed"),
        ("indicators.3.score", "indicators.3.score"),
        ("indicators.3", "indicators.3.name"),
        ("indicators", ""),
        ("", ""),
        ("total_score", "total_score"),
        ("project_name", "project_name"),
        ("stated_weights.产出指标", ""),
        ("funds.total.nonsense", ""),
    ],
)
def test_one_mapping_from_a_path_to_its_cell_and_field(path: str, field: str) -> None:
    assert field_of(path) == field
