"""Two reviewers giving 复核分 on one form at once keep both their scores: the form page posts
what it showed and only what was changed there is written; a score someone else changed
meanwhile to another value is refused naming both, nothing stored, and the page shows the typed
values again so that saving once more writes them."""

from __future__ import annotations

from django.urls import reverse
from test_no_lost_edit import posted_by

from jixiao.web.forms.models import FormRecord, ReviewedScore

URL = "forms:reviewed_scores"


def _opened(client, record) -> dict[str, str]:
    page = client.get(reverse("forms:detail", args=[record.pk])).content.decode()
    return posted_by(page, "reviewed-scores-form")


def _submitted(world) -> FormRecord:
    FormRecord.objects.filter(pk=world.form_a.pk).update(status=FormRecord.Status.SUBMITTED)
    world.form_a.refresh_from_db()
    return world.form_a


def _scores(record) -> dict[str, str]:
    return {
        s.path: format(s.score.normalize(), "f")
        for s in ReviewedScore.objects.filter(record=record)
    }


def test_two_reviewers_scoring_different_items_keep_both(world) -> None:
    record = _submitted(world)
    first, second = world.client(world.reviewer_a), world.client(world.bureau_reviewer)
    a, b = _opened(first, record), _opened(second, record)
    assert a["seen:funds"] == a["score:funds"] == ""
    first.post(reverse(URL, args=[record.pk]), {**a, "score:funds": "8"})
    second.post(reverse(URL, args=[record.pk]), {**b, "score:indicators[0]": "1.5"})
    # the second page still showed 资金 empty: posting it did not clear the first's 8
    assert _scores(record) == {"funds": "8", "indicators[0]": "1.5"}


def test_both_scoring_one_item_are_told_and_the_typing_is_kept(world) -> None:
    record = _submitted(world)
    first, second = world.client(world.reviewer_a), world.client(world.bureau_reviewer)
    a, b = _opened(first, record), _opened(second, record)
    first.post(reverse(URL, args=[record.pk]), {**a, "score:funds": "8"})
    answer = second.post(
        reverse(URL, args=[record.pk]),
        {**b, "score:funds": "7", "note:funds": "按实际执行数"},
        follow=True,
    )
    text = answer.content.decode()
    assert "的复核分在您打开本页后已被" in text and "改为 8，您填的是 7" in text
    assert _scores(record) == {"funds": "8"}
    again = posted_by(text, "reviewed-scores-form")
    assert (again["score:funds"], again["seen:funds"]) == ("7", "8")
    assert again["note:funds"] == "按实际执行数"
    second.post(reverse(URL, args=[record.pk]), again)
    assert _scores(record) == {"funds": "7"}
    assert ReviewedScore.objects.get(record=record, path="funds").note == "按实际执行数"


def test_a_note_changed_alone_is_saved_with_the_score_as_it_is(world) -> None:
    record = _submitted(world)
    first, second = world.client(world.reviewer_a), world.client(world.bureau_reviewer)
    a, b = _opened(first, record), _opened(second, record)
    first.post(reverse(URL, args=[record.pk]), {**a, "score:funds": "8"})
    second.post(reverse(URL, args=[record.pk]), {**b, "note:funds": "已核"})
    saved = ReviewedScore.objects.get(record=record, path="funds")
    assert (format(saved.score.normalize(), "f"), saved.note) == ("8", "已核")
