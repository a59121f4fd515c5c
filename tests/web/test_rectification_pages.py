"""The 整改 pages: a reviewer turns findings into items on the form's page, the unit rectifies
with evidence from the item's page, the reviewer confirms; the list, the board and the inbox."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jixiao.web.rectification import services
from jixiao.web.rectification.models import RectificationItem
from jixiao.web.rounds.status import today


def _key(record, n: int = 0) -> str:
    return services.finding_key(record.latest.findings[n])


@pytest.fixture
def late_item(world) -> RectificationItem:
    """An item of unit A whose due date passed three days ago."""
    [item] = services.from_findings(
        world.form_a,
        [_key(world.form_a)],
        due=today() - datetime.timedelta(days=3),
        requirement="重新计算执行率",
        user=world.reviewer_a,
    )
    return item


def test_the_reviewer_turns_ticked_findings_into_items_on_the_form_page(world) -> None:
    reviewer = world.client(world.reviewer_a)
    page = reviewer.get(reverse("forms:detail", args=[world.form_a.pk])).content.decode()
    assert 'id="rectification-form"' in page
    keys = [_key(world.form_a, 0), _key(world.form_a, 1)]
    response = reviewer.post(
        reverse("rectification:from_form", args=[world.form_a.pk]),
        {"finding": keys, "due": "2031-03-31", "requirement": "修改后重新提交"},
    )
    assert response.status_code == 302
    items = list(RectificationItem.objects.filter(record=world.form_a).order_by("pk"))
    assert [i.finding_code for i in items] == [k.split("@")[0] for k in keys]
    assert {i.unit for i in items} == {world.unit_a}
    assert {i.due for i in items} == {datetime.date(2031, 3, 31)}
    page = reviewer.get(reverse("forms:detail", args=[world.form_a.pk])).content.decode()
    assert 'id="rectification-items"' in page
    assert items[0].title in page


def test_the_clerk_sees_no_form_to_make_items_and_a_missing_due_date_is_named(world) -> None:
    filler = world.client(world.filler_a)
    page = filler.get(reverse("forms:detail", args=[world.form_a.pk])).content.decode()
    assert 'id="rectification-form"' not in page
    filler.post(
        reverse("rectification:from_form", args=[world.form_a.pk]),
        {"finding": [_key(world.form_a)], "due": "2031-03-31"},
    )
    assert not RectificationItem.objects.exists()
    reviewer = world.client(world.reviewer_a)
    response = reviewer.post(
        reverse("rectification:from_form", args=[world.form_a.pk]),
        {"finding": [_key(world.form_a)], "due": "明年"},
        follow=True,
    )
    assert "不是有效的日期" in response.content.decode()
    assert not RectificationItem.objects.exists()


def test_an_overdue_item_is_red_with_its_days_late_and_filtered(world, late_item) -> None:
    reviewer = world.client(world.reviewer_a)
    page = reviewer.get(reverse("rectification:list")).content.decode()
    assert 'class="overdue"' in page
    assert "已逾期 3 天" in page
    page = reviewer.get(reverse("rectification:list") + "?overdue=1&status=confirmed")
    assert late_item.title not in page.content.decode()
    page = reviewer.get(reverse("rectification:detail", args=[late_item.pk])).content.decode()
    assert 'id="days-late"' in page and "已逾期 3 天" in page


def test_the_unit_rectifies_with_evidence_and_the_reviewer_confirms_on_the_item_page(
    world, late_item
) -> None:
    filler = world.client(world.filler_a)
    url = reverse("rectification:action", args=[late_item.pk, "start"])
    assert filler.post(url).status_code == 302
    evidence = SimpleUploadedFile("会议纪要.docx", b"minutes of the meeting")
    filler.post(
        reverse("rectification:action", args=[late_item.pk, "done"]),
        {"note": "已重新计算并修改", "files": [evidence]},
    )
    late_item.refresh_from_db()
    assert late_item.status == "done"
    [kept] = late_item.evidence.all()
    download = filler.get(reverse("rectification:evidence", args=[late_item.pk, kept.pk]))
    assert b"".join(download.streaming_content) == b"minutes of the meeting"
    reviewer = world.client(world.reviewer_a)
    inbox = reviewer.get(reverse("inbox:page")).content.decode()
    assert 'id="inbox-confirm"' in inbox and late_item.title in inbox
    reviewer.post(reverse("rectification:action", args=[late_item.pk, "confirm"]))
    late_item.refresh_from_db()
    assert late_item.status == "confirmed"
    page = reviewer.get(reverse("rectification:detail", args=[late_item.pk])).content.decode()
    for step in ("提出整改要求", "开始整改", "报告整改完成", "确认整改"):
        assert step in page
    assert "已逾期" not in page  # done items are no longer late


def test_a_second_click_is_refused_with_a_message(world, late_item) -> None:
    filler = world.client(world.filler_a)
    url = reverse("rectification:action", args=[late_item.pk, "start"])
    filler.post(url)
    response = filler.post(url, follow=True)
    assert "现在是“整改中”" in response.content.decode()


def test_the_clerks_inbox_lists_the_units_open_items(world, late_item) -> None:
    page = world.client(world.filler_a).get(reverse("inbox:page")).content.decode()
    assert 'id="inbox-rectify"' in page and late_item.title in page
    assert "已逾期 3 天" in page
    other = world.client(world.filler_b).get(reverse("inbox:page")).content.decode()
    assert late_item.title not in other


def test_the_board_counts_items_by_department_and_status(world, late_item) -> None:
    services.from_findings(
        world.form_b, [_key(world.form_b)], due=None, requirement="", user=world.admin
    )
    page = world.client(world.bureau_reviewer).get(reverse("rectification:board")).content
    text = page.decode()
    assert f'data-department="{world.dept_a.pk}"' in text
    assert f'data-department="{world.dept_b.pk}"' in text
    own = world.client(world.reviewer_a).get(reverse("rectification:board")).content.decode()
    assert f'data-department="{world.dept_b.pk}"' not in own
    assert f"?organisation={world.dept_a.pk}&amp;overdue=1" in own


def test_the_item_page_links_the_project_of_its_form(world, late_item) -> None:
    assert late_item.project == world.form_a.project is not None
    page = world.client(world.filler_a).get(reverse("rectification:detail", args=[late_item.pk]))
    url = reverse("projects:detail", args=[late_item.project.pk])
    assert f'href="{url}" id="item-project"' in page.content.decode()
