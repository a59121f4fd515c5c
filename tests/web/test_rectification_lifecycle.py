"""A rectification item from a reviewer's finding to its confirmation: who may do each step,
evidence kept like originals, stale steps refused, every step in the item's history."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from jixiao.web.rectification import services
from jixiao.web.rectification.models import RectificationItem
from jixiao.web.services import audit

DUE = datetime.date(2031, 6, 30)


def _first_finding(record) -> dict:
    return record.latest.findings[0]


@pytest.fixture
def item(world) -> RectificationItem:
    finding = _first_finding(world.form_a)
    [made] = services.from_findings(
        world.form_a,
        [services.finding_key(finding)],
        due=DUE,
        requirement="按评分规则重新计算并修改自评表",
        user=world.reviewer_a,
    )
    return made


def test_it_makes_an_item_for_the_forms_unit_from_the_chosen_finding(world, item) -> None:
    finding = _first_finding(world.form_a)
    assert item.unit == world.unit_a
    assert item.title == finding["message"]
    assert item.finding_code == finding["code"]
    assert item.record == world.form_a
    assert item.year == 2020
    assert item.source == RectificationItem.Source.FINDING
    assert item.status == RectificationItem.Status.PENDING
    assert item.due == DUE
    assert item.requirement == "按评分规则重新计算并修改自评表"


def test_it_does_not_make_the_same_open_item_twice(world, item) -> None:
    again = services.from_findings(
        world.form_a,
        [services.finding_key(_first_finding(world.form_a))],
        due=DUE,
        requirement="",
        user=world.reviewer_a,
    )
    assert again == []
    assert RectificationItem.objects.filter(record=world.form_a).count() == 1


def test_it_refuses_a_finding_not_in_the_latest_version(world) -> None:
    with pytest.raises(ValidationError, match="不在这张表的最新版本中"):
        services.from_findings(
            world.form_a, ["NO_SUCH_RULE@x"], due=DUE, requirement="", user=world.reviewer_a
        )


def test_only_a_reviewer_over_the_unit_makes_items(world) -> None:
    key = services.finding_key(_first_finding(world.form_a))
    for person in (world.filler_a, world.filler_b):
        with pytest.raises(PermissionDenied):
            services.from_findings(world.form_a, [key], due=DUE, requirement="", user=person)
    assert not RectificationItem.objects.exists()


def test_the_unit_rectifies_with_evidence_and_the_reviewer_confirms(world, item) -> None:
    services.start(item, world.filler_a)
    assert item.status == "in_progress"
    evidence = services.Upload("整改报告.pdf", b"%PDF-1.4 rectified")
    services.report_done(item, "已修改执行率和得分", [evidence], world.filler_a)
    item.refresh_from_db()
    assert item.status == "done"
    assert item.done_note == "已修改执行率和得分"
    assert item.done_by == world.filler_a
    [kept] = item.evidence.select_related("file")
    sha = hashlib.sha256(b"%PDF-1.4 rectified").hexdigest()
    assert kept.file.sha256 == sha
    assert kept.file.name == "整改报告.pdf"
    assert services.evidence_path(kept).read_bytes() == b"%PDF-1.4 rectified"
    services.confirm(item, world.reviewer_a, "同意")
    item.refresh_from_db()
    assert item.status == "confirmed"
    assert item.confirmed_by == world.reviewer_a
    actions = [audit.action_label(e.action) for e in services.history(item)]
    assert actions == ["提出整改要求", "开始整改", "报告整改完成", "确认整改"]


def test_reporting_done_needs_a_note_and_evidence(world, item) -> None:
    with pytest.raises(ValidationError, match="整改情况"):
        services.report_done(item, "  ", [], world.filler_a)
    with pytest.raises(ValidationError, match="佐证材料"):
        services.report_done(item, "改好了", [], world.filler_a)
    item.refresh_from_db()
    assert item.status == "pending"


def test_the_unit_may_not_confirm_and_the_reviewer_may_not_report_done(world, item) -> None:
    with pytest.raises(PermissionDenied):
        services.report_done(item, "改好了", [services.Upload("a.txt", b"a")], world.reviewer_a)
    services.add_evidence(item, [services.Upload("a.txt", b"a")], world.filler_a)
    services.report_done(item, "改好了", [], world.filler_a)
    with pytest.raises(PermissionDenied):
        services.confirm(item, world.filler_a)
    item.refresh_from_db()
    assert item.status == "done"


def test_a_stale_step_is_refused_not_applied_twice(world, item) -> None:
    seen_twice = RectificationItem.objects.get(pk=item.pk)
    services.start(item, world.filler_a)
    with pytest.raises(ValidationError, match="整改中"):
        services.start(seen_twice, world.filler_a)
    with pytest.raises(ValidationError, match="不能确认"):
        services.confirm(seen_twice, world.reviewer_a)
    assert services.history(item).filter(action="rectification_start").count() == 1


def test_reopening_needs_a_reason_and_sends_the_item_back(world, item) -> None:
    services.report_done(item, "改好了", [services.Upload("a.txt", b"a")], world.filler_a)
    services.confirm(item, world.reviewer_a)
    with pytest.raises(ValidationError, match="原因"):
        services.reopen(item, world.reviewer_a, "")
    services.reopen(item, world.reviewer_a, "佐证材料与问题无关")
    item.refresh_from_db()
    assert item.status == "in_progress"
    assert item.confirmed_at is None
    last = services.history(item).last()
    assert last.detail["reason"] == "佐证材料与问题无关"


def test_another_units_item_is_out_of_reach(world, item) -> None:
    with pytest.raises(Http404):
        services.item_for(world.filler_b, item.pk)
    assert services.item_for(world.filler_a, item.pk) == item
    assert services.item_for(world.bureau_reviewer, item.pk) == item
    assert list(services.items_for(world.filler_b)) == []


def test_overdue_means_past_due_and_not_yet_done(world, item) -> None:
    on = DUE + datetime.timedelta(days=5)
    assert services.days_late(item, on) == 5
    assert RectificationItem.objects.filter(services.overdue_q(on)).count() == 1
    services.report_done(item, "改好了", [services.Upload("a.txt", b"a")], world.filler_a)
    item.refresh_from_db()
    assert services.days_late(item, on) == 0
    assert RectificationItem.objects.filter(services.overdue_q(on)).count() == 0


def test_the_reviewers_items_to_confirm_are_those_of_the_units_they_review(world, item) -> None:
    services.report_done(item, "改好了", [services.Upload("a.txt", b"a")], world.filler_a)
    assert list(services.to_confirm(world.reviewer_a)) == [item]
    assert list(services.to_confirm(world.bureau_reviewer)) == [item]
    assert list(services.to_confirm(world.admin)) == [item]
    assert list(services.to_confirm(world.filler_a)) == []  # a clerk confirms nothing
    assert list(services.to_rectify([world.unit_a.pk])) == []  # done: no longer to do


def test_a_voided_form_gives_no_items(world) -> None:
    from jixiao.web.services.voiding import void_form

    key = services.finding_key(_first_finding(world.form_a))
    void_form(world.form_a, world.filler_a, "重复上传")
    world.form_a.refresh_from_db()
    with pytest.raises(ValidationError, match="已作废"):
        services.from_findings(world.form_a, [key], due=DUE, requirement="", user=world.reviewer_a)
    assert not RectificationItem.objects.exists()
