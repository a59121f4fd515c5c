"""Return comments as things to do: 待修改 → 已修改 (the clerk's note) → 已确认, or reopened.

A comment with a state is a return comment (see `Comment`); one without (an approval note, a
reason) is only history. `FormRecord.open_comments` counts the comments not yet confirmed
(待修改 and 已修改): it is recounted whenever a comment is saved or deleted, whoever saved it.

Paths: a comment's `path` is a finding's path ("funds.execution_rate", "indicators.3.score",
"indicators.3" for a whole indicator row) or a cell's. `field_of` is the one mapping from such a
path to the cell of the form page and the field of the edit page (they share their names).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from jixiao.model.form import Form
from jixiao.review.registry import describe_path
from jixiao.web.forms.models import Comment, FormRecord, FormVersion
from jixiao.web.inbox.services import notify
from jixiao.web.orgs.services import who
from jixiao.web.rounds.services import fillers_of, reviewers_of
from jixiao.web.scope import can_fill, can_review
from jixiao.web.services import audit

State = Comment.State
Status = FormRecord.Status
# the states of a comment still to be done (the clerk's fix not yet confirmed)
NOT_DONE = (State.OPEN, State.FIXED)

_HEADER = ("year", "project_name", "department", "implementing_unit", "manager", "phone")
_FUNDS_ROWS = ("total", "appropriation", "carryover", "other")
_FUNDS_COLUMNS = ("initial_budget", "annual_budget", "executed")
_FUNDS_TOTAL = ("weight", "execution_rate", "score")
_INDICATOR = ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation")
_OTHER = ("goals.expected", "goals.achieved", "total_weight", "total_score")


def field_of(path: str) -> str:
    """The cell (form page) and field (edit page) a comment's path points to; "" for none.

    Both pages name a cell like the edit page's input: "project_name", "funds.total.executed",
    "funds.execution_rate", "indicators.3.actual", "total_score". A finding on a whole
    indicator row ("indicators.3") points at the row's 三级指标 (its name), as the form page
    marks it; a finding on the whole form or table ("", "indicators") has no cell.
    """
    parts = path.strip().split(".") if path and path.strip() else []
    if not parts:
        return ""
    if parts[0] == "indicators" and len(parts) >= 2 and parts[1].isdigit():
        key = parts[2] if len(parts) > 2 else "name"
        return f"indicators.{int(parts[1])}.{key}" if key in _INDICATOR else ""
    if parts[0] == "funds" and len(parts) == 3:
        ok = parts[1] in _FUNDS_ROWS and parts[2] in _FUNDS_COLUMNS
        return ".".join(parts) if ok else ""
    if parts[0] == "funds" and len(parts) == 2:
        return ".".join(parts) if parts[1] in _FUNDS_TOTAL else ""
    joined = ".".join(parts)
    return joined if joined in _HEADER or joined in _OTHER else ""


# --- keeping the count current ---------------------------------------------------------------


def count_open(record: FormRecord) -> int:
    """The record's comments not yet confirmed (待修改 and 已修改)."""
    return Comment.objects.filter(record=record, state__in=NOT_DONE).count()


def counts(record: FormRecord) -> dict[str, int]:
    """待修改 and 待确认 (已修改, not yet confirmed) apart."""
    rows = Comment.objects.filter(record=record, state__in=NOT_DONE)
    return {
        "open": rows.filter(state=State.OPEN).count(),
        "fixed": rows.filter(state=State.FIXED).count(),
    }


def refresh_open_comments(record: FormRecord | int) -> int:
    """Store the record's count of comments not yet confirmed; returns it."""
    pk = record if isinstance(record, int) else record.pk
    n = Comment.objects.filter(record_id=pk, state__in=NOT_DONE).count()
    FormRecord.all_objects.filter(pk=pk).exclude(open_comments=n).update(open_comments=n)
    if isinstance(record, FormRecord):
        record.open_comments = n
    return n


@receiver(post_save, sender=Comment, dispatch_uid="jixiao.comments.count_on_save")
@receiver(post_delete, sender=Comment, dispatch_uid="jixiao.comments.count_on_delete")
def _recount(sender: type[Comment], instance: Comment, **kwargs: Any) -> None:
    # every comment saved (a return by any service, a fix, a confirmation) keeps the count right
    refresh_open_comments(instance.record_id)


# --- the changes -----------------------------------------------------------------------------


def _title(record: FormRecord) -> str:
    return f"《{record.project_name}》（{record.year or '—'}年度）"


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _url(record: FormRecord, comment: Comment) -> str:
    return reverse("forms:detail", args=[record.pk]) + f"#comment-{comment.pk}"


@transaction.atomic
def mark_fixed(comment: Comment, user: Any, note: str) -> Comment:
    """The clerk says how the comment was dealt with: 待修改 → 已修改."""
    record = comment.record
    if not can_fill(user, record):
        raise PermissionDenied("只有本单位的填报人可以标记已修改。")
    if comment.state != State.OPEN:
        raise ValidationError(f"这条意见现在是“{comment.get_state_display()}”，不能标记已修改。")
    if record.status not in (Status.RETURNED, Status.DRAFT):
        raise ValidationError(
            f"“{record.get_status_display()}”状态的自评表不能标记意见已修改；退回后才能修改。"
        )
    note = (note or "").strip()
    if not note:
        raise ValidationError("请说明如何修改的。")
    comment.state = State.FIXED
    comment.fix_note = note[:2000]
    comment.fixed_by, comment.fixed_at = user, timezone.now()
    comment.confirmed_by, comment.confirmed_at = None, None
    comment.save(
        update_fields=["state", "fix_note", "fixed_by", "fixed_at", "confirmed_by", "confirmed_at"]
    )
    audit.record(user, "comment_fixed", record, comment=_short(comment.text), note=note)
    tell = [comment.author] if comment.author and comment.author.is_active else []
    notify(
        tell or reviewers_of(record.unit),
        "comment_fixed",
        f"{record.unit.name} 已修改{_title(record)}的审核意见“{_short(comment.text, 40)}”："
        f"{_short(note, 80)}",
        _url(record, comment),
    )
    return comment


@transaction.atomic
def confirm_comment(comment: Comment, user: Any) -> Comment:
    """The reviewer accepts the clerk's fix: 已修改 → 已确认."""
    record = comment.record
    if not can_review(user, record):
        raise PermissionDenied("只有审核人可以确认修改。")
    if comment.state != State.FIXED:
        raise ValidationError(
            f"这条意见现在是“{comment.get_state_display()}”，填报单位标记已修改后才能确认。"
        )
    comment.state = State.CONFIRMED
    comment.confirmed_by, comment.confirmed_at = user, timezone.now()
    comment.save(update_fields=["state", "confirmed_by", "confirmed_at"])
    audit.record(user, "comment_confirmed", record, comment=_short(comment.text))
    return comment


@transaction.atomic
def reopen_comment(comment: Comment, user: Any, text: str = "") -> Comment:
    """The reviewer is not satisfied (or takes back a confirmation): back to 待修改.

    The clerk's last note and the reviewer's reason are kept in the comment's text, so the
    thread reads in order; the clerk is told.
    """
    record = comment.record
    if not can_review(user, record):
        raise PermissionDenied("只有审核人可以重新打开意见。")
    if comment.state not in (State.FIXED, State.CONFIRMED):
        raise ValidationError(
            f"这条意见现在是“{comment.get_state_display()}”，只有已修改或已确认的意见可以重新打开。"
        )
    text = (text or "").strip()
    when = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    history = f"\n【{when} {who(user)} 重新打开】" + (text or "修改未获确认。")
    if comment.fix_note:
        history += f"（上次修改说明：{comment.fix_note}）"
    comment.text = comment.text + history
    comment.state = State.OPEN
    comment.fix_note = ""
    comment.fixed_by = comment.fixed_at = None
    comment.confirmed_by = comment.confirmed_at = None
    comment.save(
        update_fields=[
            "text",
            "state",
            "fix_note",
            "fixed_by",
            "fixed_at",
            "confirmed_by",
            "confirmed_at",
        ]
    )
    audit.record(user, "comment_reopened", record, comment=_short(comment.text), reason=text)
    notify(
        fillers_of({record.unit_id}),
        "comment_reopened",
        f"{_title(record)}的审核意见被{who(user)}重新打开"
        + (f"：{_short(text, 80)}" if text else "，请再修改。"),
        _url(record, comment),
    )
    return comment


ACTIONS = {"fixed": mark_fixed, "confirm": confirm_comment, "reopen": reopen_comment}


# --- what the pages show ---------------------------------------------------------------------


@dataclass
class Shown:
    """A comment with what a reader needs beside it: the finding's wording and where it is."""

    comment: Comment
    finding: str  # the finding's message on the version the comment was written on
    place: str  # the path in words ("资金表·年度资金总额·执行率")
    field: str  # the cell / edit field it points to ("" for none)

    @property
    def pk(self) -> int:
        return self.comment.pk


def _form(version: FormVersion, cache: dict[int, Form | None]) -> Form | None:
    if version.pk not in cache:
        try:
            cache[version.pk] = Form.from_json_dict(version.data)
        except (ValueError, TypeError):  # a stored version we cannot read back: no place words
            cache[version.pk] = None
    return cache[version.pk]


def shown(comments: list[Comment]) -> list[Shown]:
    """Each comment with the wording of its finding and its place, for the pages."""
    forms: dict[int, Form | None] = {}
    out = []
    for c in comments:
        finding, place = "", ""
        if c.path or c.finding_code:
            findings = c.version.findings or []
            match = [f for f in findings if f.get("path", "") == c.path] if c.path else []
            if c.finding_code:  # the finding itself when several are on one cell
                coded = [f for f in (match or findings) if f.get("code") == c.finding_code]
                match = coded or match
            if match:
                finding = "；".join(dict.fromkeys(str(f.get("message", "")) for f in match))
                place = str(match[0].get("location", "") or "")
            if c.path and not place:
                form = _form(c.version, forms)
                place = describe_path(form, c.path) if form is not None else c.path
        out.append(Shown(c, finding, place, field_of(c.path)))
    return out


def with_state(record: FormRecord) -> list[Shown]:
    """The record's return comments (those with a state), not yet done first, oldest first."""
    rows = list(
        record.comments.exclude(state="").select_related(
            "author", "version", "fixed_by", "confirmed_by"
        )
    )
    rows.sort(key=lambda c: (c.state == State.CONFIRMED, c.created, c.pk))
    return shown(rows)


def by_field(record: FormRecord, states: tuple[str, ...] = NOT_DONE) -> dict[str, list[Shown]]:
    """The record's comments in these states, by the cell / edit field they point to."""
    rows = (
        record.comments.filter(state__in=states)
        .exclude(Q(path=""))
        .select_related("author", "version")
    )
    out: dict[str, list[Shown]] = {}
    for s in shown(list(rows)):
        if s.field:
            out.setdefault(s.field, []).append(s)
    return out


def at_cells(record: FormRecord) -> dict[str, list[Shown]]:
    """Every return comment (whatever its state) by its cell, for the form page."""
    return by_field(record, (State.OPEN, State.FIXED, State.CONFIRMED))
