"""复核分: a reviewer's own score for the funds block and each indicator, and the 复核后总分.

One home for the concept: the form page, its POST and the exports call these functions. The
arithmetic lives in `jixiao.scoring.reviewed`; here are who may give scores, when, the checks on
what they type, storing, the record's ``reviewed_total`` / ``reviewed_grade`` and the audit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.timezone import localtime

from jixiao.model.review import FormReview
from jixiao.scoring.reviewed import ReviewedItem, ReviewedTotal, items, reviewed_total
from jixiao.values.parse import parse_number
from jixiao.web.forms.models import FormRecord, FormVersion, ReviewedScore
from jixiao.web.scope import can_review
from jixiao.web.services import audit

Status = FormRecord.Status
OPEN_TO_REVIEW = (Status.SUBMITTED, Status.APPROVED)
CENT = Decimal("0.01")


def _policy(record: FormRecord) -> Any:
    from jixiao.web.services.versions import policy

    latest = record.latest  # the policy the latest version was checked under (its layout's)
    return policy(
        record.unit_id, record.year, (latest.data or {}).get("layout", "") if latest else ""
    )


def stored(record: FormRecord) -> dict[str, ReviewedScore]:
    """The record's reviewed scores by path."""
    return {s.path: s for s in record.reviewed_scores.select_related("author")}


def outcome(record: FormRecord, version: FormVersion | None = None) -> ReviewedTotal:
    """The version's items (the latest by default) with the reviewed scores and their total."""
    version = version or record.latest
    scores = {path: s.score for path, s in stored(record).items()}
    return reviewed_total(version.data, version.computed, scores, _policy(record))


def may_score(user: Any, record: FormRecord) -> bool:
    return record.status in OPEN_TO_REVIEW and can_review(user, record)


def refresh(record: FormRecord, version: FormVersion | None = None, *, save: bool = True) -> None:
    """Set the record's reviewed total and grade from its scores and the version (latest by
    default): empty when no score of the version's items has been reviewed."""
    result = outcome(record, version)
    if result.reviewed_count:
        record.reviewed_total, record.reviewed_grade = result.total, result.grade
    else:
        record.reviewed_total, record.reviewed_grade = None, ""
    if save:
        # "updated" too: the remembered figures (stats.Remembered) are keyed on it
        record.save(update_fields=["reviewed_total", "reviewed_grade", "updated"])


def _parse(item: ReviewedItem, text: str, top: Decimal) -> Decimal:
    try:
        score = Decimal(text.replace("，", ".").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(f"{item.label}的复核分“{text}”不是一个数。") from None
    if not score.is_finite():
        raise ValidationError(f"{item.label}的复核分“{text}”不是一个数。")
    if score < 0 or score > top:
        raise ValidationError(
            f"{item.label}的复核分应在 0 到 {format(top.normalize(), 'f')}（分值）之间，"
            f"填的是 {text}。"
        )
    if score != score.quantize(CENT):
        raise ValidationError(f"{item.label}的复核分最多保留两位小数，填的是 {text}。")
    return score.quantize(CENT)


def _text(value: Decimal | None) -> str:
    return "（空）" if value is None else format(value.normalize(), "f")


@transaction.atomic
def set_reviewed_scores(
    record: FormRecord,
    user: Any,
    values: Mapping[str, str],
    notes: Mapping[str, str] | None = None,
    seen: Mapping[str, str] | None = None,
    seen_notes: Mapping[str, str] | None = None,
) -> ReviewedTotal:
    """Store the reviewer's scores ``{path: text}`` (an empty text removes the score) and their
    notes, recompute the record's reviewed total and grade, and audit what changed.

    Only a reviewer of the form (or an administrator), while it is 已提交 or 已审核; each score a
    number from 0 to the item's 分值. Nothing is stored when any value is wrong.

    ``seen``, ``seen_notes``: what the page showed when it was opened (the form page posts
    them). Then only the items changed there are written, so two reviewers scoring one form at
    once both keep theirs; an item someone else changed meanwhile to another value is refused,
    naming both (nothing is stored). Without them (the API) every item sent is written.
    """
    _refuse_unless_may(user, record)
    with transaction.atomic():
        list(FormRecord.all_objects.select_for_update().filter(pk=record.pk).values_list("pk"))
        if seen is not None:
            values, notes = _changed_here(record, values, notes or {}, seen, seen_notes or {})
        return _set(record, user, values, notes)


def _same(a: str, b: str) -> bool:
    """Two score texts the same score ("8" and "8.0"; both empty)."""
    a, b = a.strip(), b.strip()
    if a == b:
        return True
    x, y = parse_number(a), parse_number(b)
    return x is not None and y is not None and x == y


def _changed_here(
    record: FormRecord,
    values: Mapping[str, str],
    notes: Mapping[str, str],
    seen: Mapping[str, str],
    seen_notes: Mapping[str, str],
) -> tuple[dict[str, str], dict[str, str]]:
    """The scores and notes changed on the page, each checked against what is stored now."""
    from jixiao.web.orgs.services import who

    have = stored(record)
    version = record.latest
    labels = {i.path: i.label for i in items(version.data, version.computed, _policy(record))}
    out_values: dict[str, str] = {}
    out_notes: dict[str, str] = {}
    clashes = []
    for path in {*values, *notes}:
        old = have.get(path)
        now, now_note = (_text(old.score), old.note) if old else ("", "")
        mine, shown = values.get(path, now), seen.get(path, "")
        note, shown_note = notes.get(path, now_note).strip(), seen_notes.get(path, "").strip()
        score_changed, note_changed = not _same(mine, shown), note != shown_note
        if not score_changed and not note_changed:
            continue
        if score_changed and not (_same(now, shown) or _same(now, mine)):
            by = who(old.author) if old and old.author else "他人"
            clashes.append(
                f"{labels.get(path, path)}的复核分在您打开本页后已被{by}改为 {now or '（空）'}，"
                f"您填的是 {mine.strip() or '（空）'}"
            )
            continue
        out_values[path] = mine if score_changed else now
        out_notes[path] = note if note_changed else now_note
    if clashes:
        raise ValidationError([*clashes, "请核对后再保存（页面上已是您填的值和他人的最新值）"])
    return out_values, out_notes


def _refuse_unless_may(user: Any, record: FormRecord) -> None:
    if not can_review(user, record):
        raise PermissionDenied("只有审核人或管理员可以复核评分。")
    if record.status not in OPEN_TO_REVIEW:
        raise ValidationError(
            f"“{record.get_status_display()}”状态的自评表不能复核评分，提交后才可以。"
        )


def _set(
    record: FormRecord,
    user: Any,
    values: Mapping[str, str],
    notes: Mapping[str, str] | None,
) -> ReviewedTotal:
    version = record.latest
    policy = _policy(record)
    known = {item.path: item for item in items(version.data, version.computed, policy)}
    notes = notes or {}
    unknown = [p for p in {*values, *notes} if p not in known]
    if unknown:
        raise ValidationError(f"自评表中没有这一项：{'、'.join(sorted(unknown))}。")
    wanted: dict[str, Decimal | None] = {}
    problems = []
    for path, text in values.items():
        item = known[path]
        if not text.strip():
            wanted[path] = None
            continue
        top = item.weight if item.weight is not None else policy.weights.total
        try:
            wanted[path] = _parse(item, text, top)
        except ValidationError as exc:
            problems += exc.messages
    if problems:
        raise ValidationError(problems)
    have = stored(record)
    changes: dict[str, list[str]] = {}
    for path, score in wanted.items():
        old = have.get(path)
        note = notes.get(path, old.note if old else "").strip()[:300]
        label = known[path].label
        if score is None:
            if old is not None:
                old.delete()
                changes[label] = [_text(old.score), "（空）"]
            continue
        if old is None:
            ReviewedScore.objects.create(
                record=record, version=version, path=path, score=score, note=note, author=user
            )
            changes[label] = ["（空）", _text(score)]
        elif old.score != score or old.note != note:
            if old.score != score:
                changes[label] = [_text(old.score), _text(score)]
            old.score, old.note, old.version, old.author = score, note, version, user
            old.save()
    refresh(record, version)
    if changes:
        audit.record(
            user,
            "review_scores",
            record,
            changes=changes,
            total=_text(record.reviewed_total) if record.reviewed_total is not None else "",
        )
    return outcome(record, version)


def form_reviews(records: Sequence[FormRecord]) -> list[FormReview]:
    """What the exports carry of each record's review, in the records' order, in a few queries."""
    from jixiao.web.forms.models import Comment
    from jixiao.web.orgs.services import who

    ids = [r.pk for r in records]
    scores: dict[int, dict[str, Decimal]] = {}
    for record_id, path, score in ReviewedScore.objects.filter(record_id__in=ids).values_list(
        "record_id", "path", "score"
    ):
        scores.setdefault(record_id, {})[path] = score
    comments: dict[int, list[str]] = {}
    for c in Comment.objects.filter(record_id__in=ids).order_by("created", "pk"):
        comments.setdefault(c.record_id, []).append(
            (f"[{c.finding_code}] " if c.finding_code else "") + c.text
        )
    reviewers = {
        r.pk: r.reviewed_by
        for r in FormRecord.all_objects.filter(pk__in=ids).select_related("reviewed_by")
    }
    from jixiao.web.services.versions import _load, policy_names

    names = policy_names([(r.unit_id, r.year) for r in records])
    out = []
    for record in records:
        levels = len(_load(names[(record.unit_id, record.year)]).review.levels)
        passed = levels if record.status == Status.APPROVED else record.review_level
        reviewer = reviewers.get(record.pk)
        out.append(
            FormReview(
                status=record.get_status_display(),
                reviewer=who(reviewer) if reviewer is not None else "",
                reviewed_at=(
                    localtime(record.reviewed_at).strftime("%Y-%m-%d %H:%M")
                    if record.reviewed_at
                    else ""
                ),
                levels_passed=passed,
                levels=levels,
                open_comments=record.open_comments,
                comments=tuple(comments.get(record.pk, [])),
                reviewed_total=record.reviewed_total,
                reviewed_grade=record.reviewed_grade,
                scores=scores.get(record.pk, {}),
            )
        )
    return out


# the review columns of the forms list's CSV that are not the record's own fields
REVIEW_CSV: dict[str, Callable[[FormReview], object]] = {
    "reviewed_by": lambda review: review.reviewer,
    "reviewed_at": lambda review: review.reviewed_at,
    "review_levels": lambda review: review.levels_passed,
}
