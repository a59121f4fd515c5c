"""Notifications on the 待办 page: unread first, opened (and so read) by their owner only."""

from __future__ import annotations

from django.urls import reverse

from jixiao.web.inbox.models import Notification
from jixiao.web.inbox.services import notifications_for, notify
from jixiao.web.services.workflow import submit_form


def test_it_lists_unread_notifications_first_and_newest_first(world) -> None:
    for text in ("第一条", "第二条", "第三条"):
        notify([world.filler_a], "round", text, "/rounds/1/")
    Notification.objects.filter(text="第三条").update(read_at="2026-01-01T00:00:00Z")
    assert [n.text for n in notifications_for(world.filler_a)] == ["第二条", "第一条", "第三条"]
    page = world.client(world.filler_a).get(reverse("inbox:page")).content.decode()
    assert page.index("第二条") < page.index("第一条") < page.index("第三条")
    assert "2 条未读" in page


def test_it_shows_at_most_fifty(world) -> None:
    notify([world.filler_a], "round", "旧通知")
    Notification.objects.bulk_create(
        Notification(user=world.filler_a, kind="round", text=f"通知{i}") for i in range(60)
    )
    assert len(notifications_for(world.filler_a)) == 50


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(world) -> None:
    submit_form(world.form_a, world.filler_a)
    note = Notification.objects.get(user=world.reviewer_a)
    response = world.client(world.reviewer_a).get(reverse("inbox:open", args=[note.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("forms:detail", args=[world.form_a.pk])
    note.refresh_from_db()
    assert note.read_at is not None


def test_opening_another_persons_notification_is_404(world) -> None:
    submit_form(world.form_a, world.filler_a)
    note = Notification.objects.get(user=world.reviewer_a)
    for user in (world.filler_b, world.bureau_reviewer, world.filler_a):
        response = world.client(user).get(reverse("inbox:open", args=[note.pk]))
        assert response.status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_it_never_sends_anyone_off_the_site(world) -> None:
    notify([world.filler_a], "round", "外部链接", "//evil.example.com/")
    note = Notification.objects.get(user=world.filler_a)
    response = world.client(world.filler_a).get(reverse("inbox:open", args=[note.pk]))
    assert response["Location"] == reverse("inbox:page")


def test_it_marks_all_read_by_post_only(world) -> None:
    notify([world.filler_a, world.filler_b], "round", "请提交")
    client = world.client(world.filler_a)
    assert client.get(reverse("inbox:read_all")).status_code == 405
    response = client.post(reverse("inbox:read_all"), follow=True)
    assert "已将 1 条通知标为已读" in response.content.decode()
    assert not Notification.objects.filter(user=world.filler_a, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=world.filler_b, read_at__isnull=True).count() == 1
