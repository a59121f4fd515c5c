"""What people do to their accounts is logged against their organisation, so the reviewers of
that organisation read it too: logins, failed logins, password changes."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from web_world import PASSWORD

from jixiao.web.orgs.models import AuditEvent
from jixiao.web.orgs.services import password_changed


def test_it_logs_a_login_and_a_failed_one_against_the_persons_unit(world) -> None:
    assert Client().login(username="filler_a", password=PASSWORD)
    assert not Client().login(username="filler_a", password="不对的密码-0000")
    for action in ("login", "login_failed"):
        event = AuditEvent.objects.filter(action=action, target="filler_a").latest("created")
        assert event.organisation == world.unit_a


def test_the_units_reviewer_reads_its_peoples_account_events_and_others_do_not(world) -> None:
    password_changed(world.filler_a)
    password_changed(world.filler_b)
    page = world.client(world.reviewer_a).get(reverse("audit:log")).content.decode()
    assert "filler_a" in page and "修改密码" in page
    assert "filler_b" not in page
