"""Every status change of a form tells the people who act next, in the app and by mail."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from jixiao.web.inbox.models import Notification
from jixiao.web.inbox.services import notify
from jixiao.web.services.workflow import approve_form, return_form, submit_form


def texts(user: object) -> list[str]:
    return list(Notification.objects.filter(user=user).values_list("text", flat=True))


@pytest.fixture
def mail_on(settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.JIXIAO_SEND_EMAIL = True


def test_it_tells_the_first_levels_reviewers_of_a_submission(world) -> None:
    submit_form(world.form_a, world.filler_a)
    note = Notification.objects.get(user=world.reviewer_a)  # the department reviews first
    assert note.kind == "submitted"
    assert note.text == "甲社区建设办公室 提交了《公共服务经费》（2020年度）"
    assert note.url == reverse("forms:detail", args=[world.form_a.pk])
    assert texts(world.bureau_reviewer) == []  # told once the department has passed it
    assert texts(world.filler_b) == []
    assert texts(world.filler_a) == []


def test_passing_a_level_tells_the_next_level_and_the_unit(world) -> None:
    submit_form(world.form_a, world.filler_a)
    approve_form(world.form_a, world.reviewer_a, reason="错误已核实")
    assert texts(world.bureau_reviewer) == [
        "甲社区建设办公室 的《公共服务经费》（2020年度）已通过主管部门审核，等待您审核"
    ]
    assert texts(world.filler_a) == [
        "《公共服务经费》（2020年度）已通过主管部门审核，等待财政局审核。"
    ]


def test_it_says_when_a_returned_form_is_submitted_again(world) -> None:
    submit_form(world.form_a, world.filler_a)
    return_form(world.form_a, world.reviewer_a, "请补充佐证材料")
    submit_form(world.form_a, world.filler_a)
    latest = Notification.objects.filter(user=world.reviewer_a).latest("pk")
    assert latest.kind == "resubmitted"
    assert "重新提交了《公共服务经费》" in latest.text


def test_it_gives_the_unit_the_reviewers_comments_on_a_return(world) -> None:
    submit_form(world.form_a, world.filler_a)
    return_form(
        world.form_a,
        world.reviewer_a,
        "执行率请按资金重算",
        {"funds.execution_rate": "应为 90.10%"},
    )
    note = Notification.objects.get(user=world.filler_a)
    assert note.kind == "returned"
    assert "被reviewer_a退回" in note.text
    assert "执行率请按资金重算" in note.text
    assert "[FUNDS_RATE_MISMATCH] 应为 90.10%" in note.text
    assert note.url == reverse("forms:detail", args=[world.form_a.pk])
    assert texts(world.filler_b) == []


def test_it_tells_the_unit_of_an_approval(world) -> None:
    submit_form(world.form_a, world.filler_a)
    approve_form(world.form_a, world.reviewer_a, reason="错误已核实")
    approve_form(world.form_a, world.bureau_reviewer, "很好", reason="错误已核实")
    assert texts(world.filler_a)[-1] == "《公共服务经费》（2020年度）已审核通过，审核意见：很好"


def test_it_mails_people_with_an_address_when_mail_is_on(
    world, mail_on, django_capture_on_commit_callbacks
) -> None:
    world.reviewer_a.email = "reviewer_a@example.gov.cn"
    world.reviewer_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        submit_form(world.form_a, world.filler_a)
    assert [m.to for m in mail.outbox] == [["reviewer_a@example.gov.cn"]]
    message = mail.outbox[0]
    assert "提交了《公共服务经费》" in message.subject
    assert f"/forms/{world.form_a.pk}/" in message.body
    # the bureau reviews later: not told of the submission
    assert Notification.objects.filter(user=world.bureau_reviewer).count() == 0


def test_it_mails_nobody_when_mail_is_off(world, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.JIXIAO_SEND_EMAIL = False
    world.reviewer_a.email = "reviewer_a@example.gov.cn"
    world.reviewer_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        submit_form(world.form_a, world.filler_a)
    assert mail.outbox == []
    assert Notification.objects.filter(user=world.reviewer_a).count() == 1


def test_it_mails_nothing_when_the_change_is_rolled_back(
    world, mail_on, django_capture_on_commit_callbacks
) -> None:
    world.filler_a.email = "filler_a@example.gov.cn"
    world.filler_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            notify([world.filler_a], "round", "将被撤销的通知")
            raise RuntimeError("保存失败")
    assert mail.outbox == []
    assert texts(world.filler_a) == []


def test_it_tells_each_active_person_once(world) -> None:
    world.filler_b.is_active = False
    world.filler_b.save()
    told = notify([world.filler_a, world.filler_a, world.filler_b, None], "round", "通知")
    assert told == 1
    assert texts(world.filler_a) == ["通知"]
    assert texts(world.filler_b) == []


def test_it_tells_them_when_the_form_page_is_used(world) -> None:
    url = reverse("forms:action", args=[world.form_a.pk, "submit"])
    assert world.client(world.filler_a).post(url).status_code == 302
    assert texts(world.reviewer_a) == ["甲社区建设办公室 提交了《公共服务经费》（2020年度）"]
