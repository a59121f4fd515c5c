"""The API's side of return comments: what `GET /api/forms/{id}/comments/all` lists and what
`POST /api/forms/{id}/comments/{cid}/{action}` (fixed / confirm / reopen) does, through the
same services as the form page's buttons."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Schema
from ninja.errors import HttpError

from jixiao.web.forms.models import Comment, FormRecord
from jixiao.web.orgs.services import who
from jixiao.web.services import comments


class CommentOut(Schema):
    id: int
    state: str  # "" (a note, no status), open 待修改, fixed 已修改, confirmed 已确认
    state_label: str
    text: str
    path: str  # a finding's or a cell's path ("funds.execution_rate"), "" for the whole form
    field: str  # the cell / edit field it points to ("" for none)
    finding_code: str
    finding: str  # the finding's wording on the version the comment was written on
    place: str
    version: int
    author: str
    created: str
    fix_note: str
    fixed_by: str
    fixed_at: str | None
    confirmed_by: str
    confirmed_at: str | None


class CommentChange(Schema):
    note: str = ""  # fixed: how it was fixed (required)
    text: str = ""  # reopen: why (optional)


def _out(shown: comments.Shown) -> CommentOut:
    c = shown.comment
    return CommentOut(
        id=c.pk,
        state=c.state,
        state_label=c.get_state_display() if c.state else "",
        text=c.text,
        path=c.path,
        field=shown.field,
        finding_code=c.finding_code,
        finding=shown.finding,
        place=shown.place,
        version=c.version.number,
        author=who(c.author) if c.author else "",
        created=c.created.isoformat(),
        fix_note=c.fix_note,
        fixed_by=who(c.fixed_by) if c.fixed_by else "",
        fixed_at=c.fixed_at.isoformat() if c.fixed_at else None,
        confirmed_by=who(c.confirmed_by) if c.confirmed_by else "",
        confirmed_at=c.confirmed_at.isoformat() if c.confirmed_at else None,
    )


def comments_of(record: FormRecord) -> list[CommentOut]:
    rows = record.comments.select_related("author", "version", "fixed_by", "confirmed_by")
    return [_out(s) for s in comments.shown(list(rows))]


def change(record: FormRecord, user: Any, cid: int, action: str, payload: CommentChange) -> Any:
    comment: Comment | None = record.comments.filter(pk=cid).first()
    if comment is None:
        raise HttpError(404, "没有这条审核意见。")
    if action not in comments.ACTIONS:
        raise HttpError(404, f"未知操作：{action}")
    try:
        if action == "fixed":
            comments.mark_fixed(comment, user, payload.note)
        elif action == "confirm":
            comments.confirm_comment(comment, user)
        else:
            comments.reopen_comment(comment, user, payload.text)
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from exc
    except ValidationError as exc:
        raise HttpError(409, "；".join(exc.messages)) from exc
    comment.refresh_from_db()
    return _out(comments.shown([comment])[0])
