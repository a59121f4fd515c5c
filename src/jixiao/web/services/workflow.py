"""The life of a form: 草稿 → 已提交 (level by level) → 已退回 / 已审核, and back after a fix.

A submitted form is reviewed at each level the policy names (`review.levels`, in order):
"department" is the reviewers of the unit's 主管部门, "bureau" those of the 财政局 at the top. A
level with no reviewer for the unit is passed over. `FormRecord.review_level` counts the levels
passed while submitted; `stage(record)` is the level it waits for. Only that level's reviewers
(or an administrator) pass or return it (`can_act`); passing the last level approves it. A
return (from any level) sends it to the unit, and its next submission starts at the first level
again. An approved form can be reopened with a reason. Every decision is a `ReviewStep`.

Every change goes through one of these functions, called alike by the web pages and the API.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, reduce
from operator import or_
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from jixiao.scoring.policy import load_policy
from jixiao.web.forms.models import Comment, FormRecord, ReviewStep
from jixiao.web.inbox.services import notify
from jixiao.web.orgs.models import Membership, Organisation
from jixiao.web.orgs.services import administrators, who
from jixiao.web.rounds.services import fillers_of
from jixiao.web.scope import can_fill, can_review, in_scope, is_admin
from jixiao.web.services import audit
from jixiao.web.services.versions import policy, policy_names

Status = FormRecord.Status
Action = ReviewStep.Action

# a level's name in the policy → who reviews at it, as people read it
LEVEL_TITLES = {"department": "主管部门", "bureau": "财政局"}


@dataclass
class Level:
    """One review level of one form: which organisation's reviewers decide at it."""

    index: int  # 0-based, in the policy's review.levels
    name: str  # "department" or "bureau"
    organisation: Organisation | None
    reviewers: list[Any] = field(default_factory=list)  # active users, reviewers there

    @property
    def title(self) -> str:
        return LEVEL_TITLES.get(self.name, self.name)

    @property
    def number(self) -> int:  # 1-based, as ReviewStep.level
        return self.index + 1

    def has(self, user: Any) -> bool:
        return any(r.pk == user.pk for r in self.reviewers)

    @property
    def deciders(self) -> list[Any]:
        """Who is told a form waits here: its reviewers, else the administrators (who alone
        can decide where a level has no reviewer)."""
        return self.reviewers or administrators()


# ---- levels and stages -------------------------------------------------------------------------


def _level_orgs(unit_ids: set[int]) -> dict[int, dict[str, Organisation | None]]:
    """Each unit's 主管部门 (its nearest department above) and 财政局 (the bureau at the top), read
    a tier at a time: as many queries as the tree is deep, however many units."""
    known: dict[int, Organisation] = {}
    frontier = set(unit_ids)
    while frontier:
        rows = list(Organisation.objects.filter(pk__in=frontier))
        known.update((o.pk, o) for o in rows)
        frontier = {o.parent_id for o in rows if o.parent_id and o.parent_id not in known}
    out: dict[int, dict[str, Organisation | None]] = {}
    for unit_id in unit_ids:
        above: list[Organisation] = []
        node = known.get(unit_id)
        while node is not None and node.parent_id and node.parent_id not in {a.pk for a in above}:
            node = known.get(node.parent_id)
            if node is not None:
                above.append(node)
        department = next((o for o in above if o.kind == Organisation.Kind.DEPARTMENT), None)
        bureau = next((o for o in reversed(above) if o.kind == Organisation.Kind.BUREAU), None)
        out[unit_id] = {"department": department, "bureau": bureau}
    return out


@lru_cache(maxsize=8)
def _level_names(policy_name: str) -> tuple[str, ...]:
    return tuple(load_policy(policy_name).review.levels)


def levels_for(records: Sequence[FormRecord]) -> dict[int, list[Level]]:
    """Each record's review levels (by record id), in a handful of queries for them all."""
    names = policy_names([(r.unit_id, r.year) for r in records])
    orgs = _level_orgs({r.unit_id for r in records})
    org_ids = {o.pk for found in orgs.values() for o in found.values() if o is not None}
    people: dict[int, list[Any]] = {}
    for m in (
        Membership.objects.filter(
            organisation_id__in=org_ids, role=Membership.Role.REVIEWER, user__is_active=True
        )
        .select_related("user")
        .order_by("user__username")
    ):
        people.setdefault(m.organisation_id, []).append(m.user)
    out: dict[int, list[Level]] = {}
    for r in records:
        level_names = _level_names(names[(r.unit_id, r.year)])
        out[r.pk] = [
            Level(
                i,
                name,
                orgs[r.unit_id].get(name),
                people.get(getattr(orgs[r.unit_id].get(name), "pk", -1), []),
            )
            for i, name in enumerate(level_names)
        ]
    return out


def _next(levels: list[Level], start: int) -> Level | None:
    """The first level from ``start`` on that has a reviewer."""
    return next((lv for lv in levels[start:] if lv.reviewers), None)


def _stage_in(record: FormRecord, levels: list[Level]) -> Level | None:
    if record.status != Status.SUBMITTED or not levels:
        return None
    passed = min(max(record.review_level, 0), len(levels) - 1)
    # no reviewer at any level left: the last level, where only an administrator can decide
    return _next(levels, passed) or levels[-1]


def stages(records: Sequence[FormRecord]) -> dict[int, Level | None]:
    """The level each submitted record waits for (None when not submitted), by record id."""
    levels = levels_for(records)
    return {r.pk: _stage_in(r, levels[r.pk]) for r in records}


def stage(record: FormRecord) -> Level | None:
    """The level a submitted form waits for; None when it is not submitted."""
    return stages([record])[record.pk]


def can_act(user: Any, record: FormRecord, at: Level | None = None) -> bool:
    """May the user pass or return the form now: its level's reviewer, or an administrator."""
    if record.status != Status.SUBMITTED or not getattr(user, "is_authenticated", False):
        return False
    at = at or stage(record)
    if at is None:
        return False
    return is_admin(user) or at.has(user)


def status_label(record: FormRecord, at: Level | None = None) -> str:
    """The status as people read it, with the level a submitted form waits for:
    "已提交 · 待主管部门审核". The one place this label is made."""
    if record.status == Status.SUBMITTED:
        at = at or stage(record)
        if at is not None:
            return f"{record.get_status_display()} · 待{at.title}审核"
    return record.get_status_display()


def label_stages(records: Sequence[FormRecord]) -> list[FormRecord]:
    """Give each record its `stage_label` (see `status_label`) in a few queries, for lists."""
    records = list(records)
    submitted = [r for r in records if r.status == Status.SUBMITTED]
    found = stages(submitted) if submitted else {}
    for r in records:
        r.stage_label = status_label(r, found.get(r.pk))  # type: ignore[attr-defined]
    return records


def waiting_for(user: Any, rows: QuerySet[FormRecord] | None = None) -> QuerySet[FormRecord]:
    """The submitted forms of the user's scope waiting at a level where the user decides
    (all submitted forms for an administrator): documents of every kind (自评表, 绩效目标申报表,
    绩效运行监控表), reviewed at the same levels."""
    if rows is None:
        rows = in_scope(user, FormRecord.documents.select_related("unit"), "unit_id")
    rows = rows.filter(status=Status.SUBMITTED)
    if is_admin(user):
        return rows
    # a form's stage depends only on its unit, year and the levels it passed: work out the
    # stage once per such group (as many as units × years × levels, not forms) and select the
    # groups waiting for the user, so the database does the rest however many forms wait
    groups = [
        FormRecord(pk=i, unit_id=unit_id, year=year, review_level=level, status=Status.SUBMITTED)
        for i, (unit_id, year, level) in enumerate(
            rows.order_by().values_list("unit_id", "year", "review_level").distinct(), start=1
        )
    ]
    found = stages(groups)
    mine = [g for g in groups if (at := found[g.pk]) is not None and at.has(user)]
    if not mine:
        return rows.none()
    return rows.filter(
        reduce(
            or_,
            (Q(unit_id=g.unit_id, year=g.year, review_level=g.review_level) for g in mine),
        )
    )


# ---- helpers -----------------------------------------------------------------------------------


def _title(record: FormRecord) -> str:
    title = f"《{record.project_name}》（{record.year or '—'}年度）"
    if record.kind != FormRecord.Kind.SELF:  # a 申报表 or 监控表 says which it is
        title += record.get_kind_display()
    return title


def _noun(record: FormRecord) -> str:
    """自评表, 绩效目标申报表 or 绩效运行监控表, for the messages."""
    return record.get_kind_display()


def _tell(people: Iterable[Any], kind: str, text: str, record: FormRecord) -> None:
    from jixiao.web.services.documents import detail_url

    notify(people, kind, text, detail_url(record))


def _comments_text(comments: list[Comment]) -> str:
    return "；".join((f"[{c.finding_code}] " if c.finding_code else "") + c.text for c in comments)


def _check_status(record: FormRecord, allowed: tuple[str, ...], action: str) -> None:
    """Refuse unless the form, as stored now, is in one of the ``allowed`` states. Called inside
    the change's transaction: the row stays locked until the change is saved, so two decisions
    made at once (two reviewers, two tabs) cannot both pass."""
    stored = (
        FormRecord.all_objects.select_for_update()
        .filter(pk=record.pk)
        .values("status", "review_level", "voided_at")
        .first()
    )
    if stored is not None:
        record.status, record.review_level = stored["status"], stored["review_level"]
        record.voided_at = stored["voided_at"]
    if record.voided_at is not None:
        raise ValidationError(f"已作废的{_noun(record)}不能{action}。")
    if record.status not in allowed:
        raise ValidationError(f"“{record.get_status_display()}”状态的{_noun(record)}不能{action}。")


def _deciding_level(record: FormRecord, user: Any, action: str) -> Level:
    """The level the form waits for, if the user may decide at it now; refused otherwise."""
    if not can_review(user, record):
        raise PermissionDenied(f"只有上级审核人可以{action}。")
    _check_status(record, (Status.SUBMITTED,), action)
    at = stage(record)
    if at is None or not (is_admin(user) or at.has(user)):
        title = at.title if at else "上级"
        raise PermissionDenied(f"这张{_noun(record)}正等待{title}审核，您不能{action}。")
    return at


def _step(record: FormRecord, user: Any, at: Level, action: str, reason: str = "") -> None:
    ReviewStep.objects.create(
        record=record,
        version=record.latest,
        level=at.number,
        level_name=at.name,
        action=action,
        user=user,
        reason=reason,
        errors=record.errors,
    )


def _open_count(record: FormRecord) -> int:
    """Return comments not yet confirmed (待修改 or 已修改), as `FormRecord.open_comments`."""
    return record.comments.filter(state__in=(Comment.State.OPEN, Comment.State.FIXED)).count()


# ---- the changes -------------------------------------------------------------------------------


def blocking_findings(record: FormRecord) -> list[dict[str, Any]]:
    """The latest version's findings whose code the policy says must be fixed before submitting."""
    blocking = set(policy(record.unit_id, record.year).review.blocking)
    version = record.latest
    return [f for f in (version.findings if version else []) if f.get("code") in blocking]


@transaction.atomic
def submit_form(record: FormRecord, user: Any) -> None:
    if not can_fill(user, record):
        raise PermissionDenied("只有本单位的填报人可以提交。")
    _check_status(record, (Status.DRAFT, Status.RETURNED), "提交")
    blocked = blocking_findings(record)
    if blocked:
        listed = "；".join(f"{f.get('message', '')}（{f.get('code')}）" for f in blocked)
        raise ValidationError(f"以下问题须先修改才能提交：{listed}")
    again = record.status == Status.RETURNED
    record.status, record.review_level = Status.SUBMITTED, 0
    record.submitted_at, record.submitted_by = timezone.now(), user
    record.save(update_fields=["status", "review_level", "submitted_at", "submitted_by", "updated"])
    audit.record(user, "提交", record, status=Status.SUBMITTED)
    at = stage(record)
    verb = "重新提交了" if again else "提交了"
    _tell(
        at.deciders if at else administrators(),
        "resubmitted" if again else "submitted",
        f"{record.unit.name} {verb}{_title(record)}",
        record,
    )


@transaction.atomic
def return_form(
    record: FormRecord, user: Any, overall: str = "", on_paths: dict[str, str] | None = None
) -> None:
    """Send a submitted form back to the unit, from whatever level it waits at, with an overall
    comment and/or comments on findings or cells (by path). Each is a comment to be done
    (待修改)."""
    at = _deciding_level(record, user, "退回")
    texts = {path: text.strip() for path, text in (on_paths or {}).items() if text.strip()}
    if not overall.strip() and not texts:
        raise ValidationError("退回时请写明意见（总体意见或针对某条审核发现的意见）。")
    version = record.latest
    findings = {f["path"]: f["code"] for f in version.findings}
    comments = []
    if overall.strip():
        comments.append(
            Comment.objects.create(
                record=record,
                version=version,
                author=user,
                text=overall.strip(),
                state=Comment.State.OPEN,
            )
        )
    for path, text in texts.items():
        comments.append(
            Comment.objects.create(
                record=record,
                version=version,
                author=user,
                path=path,
                finding_code=findings.get(path, ""),
                text=text,
                state=Comment.State.OPEN,
            )
        )
    record.status, record.review_level = Status.RETURNED, 0
    record.reviewed_at, record.reviewed_by = timezone.now(), user
    record.open_comments = _open_count(record)
    record.save(
        update_fields=[
            "status",
            "review_level",
            "reviewed_at",
            "reviewed_by",
            "open_comments",
            "updated",
        ]
    )
    _step(record, user, at, Action.RETURN, _comments_text(comments))
    audit.record(user, "退回", record, status=Status.RETURNED, level=at.title)
    _tell(
        fillers_of({record.unit_id}),
        "returned",
        f"{_title(record)}被{who(user)}退回，审核意见：{_comments_text(comments)}",
        record,
    )


@transaction.atomic
def approve_form(record: FormRecord, user: Any, comment: str = "", reason: str = "") -> None:
    """Pass the form at the level it waits for: on to the next level with a reviewer, or, at
    the last, approved (已审核). A form with error findings needs a written reason."""
    at = _deciding_level(record, user, "审核通过")
    if record.errors and not reason.strip():
        raise ValidationError(f"这张表有 {record.errors} 条错误，审核通过须写明理由。")
    reason = reason.strip() if record.errors else ""
    levels = levels_for([record])[record.pk]
    following = _next(levels, at.index + 1)
    version = record.latest
    if comment.strip():
        Comment.objects.create(record=record, version=version, author=user, text=comment.strip())
    if reason:
        Comment.objects.create(
            record=record,
            version=version,
            author=user,
            text=f"审核通过的理由（当时有 {record.errors} 条错误）：{reason}",
        )
    record.reviewed_at, record.reviewed_by = timezone.now(), user
    if following is not None:
        record.review_level = at.index + 1
    else:
        record.status, record.review_level = Status.APPROVED, len(levels)
    record.save(update_fields=["status", "review_level", "reviewed_at", "reviewed_by", "updated"])
    note = f"，审核意见：{comment.strip()}" if comment.strip() else "。"
    if following is not None:
        _step(record, user, at, Action.PASS, reason)
        audit.record(
            user, "review_pass", record, status=record.status, level=at.title, reason=reason
        )
        _tell(
            following.deciders,
            "submitted",
            f"{record.unit.name} 的{_title(record)}已通过{at.title}审核，等待您审核",
            record,
        )
        _tell(
            fillers_of({record.unit_id}),
            "passed",
            f"{_title(record)}已通过{at.title}审核，等待{following.title}审核" + note,
            record,
        )
    else:
        _step(record, user, at, Action.APPROVE, reason)
        audit.record(
            user, "审核通过", record, status=Status.APPROVED, level=at.title, reason=reason
        )
        _tell(fillers_of({record.unit_id}), "approved", f"{_title(record)}已审核通过{note}", record)


def reopening_level(record: FormRecord, user: Any) -> Level | None:
    """Where a form reopened by the user waits: the user's own level for this form (the first,
    if they review at two), the last level for an administrator."""
    levels = levels_for([record])[record.pk]
    if not levels:
        return None
    if is_admin(user):
        return levels[-1]
    return next((lv for lv in levels if lv.has(user)), levels[0])


@transaction.atomic
def reopen_form(record: FormRecord, user: Any, reason: str) -> None:
    """Take an approved form back to 已提交 at the reopener's level, with a reason."""
    if not can_review(user, record):
        raise PermissionDenied("只有审核人或管理员可以重新打开。")
    _check_status(record, (Status.APPROVED,), "重新打开")
    if not reason.strip():
        raise ValidationError("重新打开须写明理由。")
    at = reopening_level(record, user)
    if at is None:
        raise ValidationError("评分规则没有审核级次，不能重新打开。")
    reason = reason.strip()
    record.status, record.review_level = Status.SUBMITTED, at.index
    record.reviewed_at, record.reviewed_by = timezone.now(), user
    record.save(update_fields=["status", "review_level", "reviewed_at", "reviewed_by", "updated"])
    Comment.objects.create(
        record=record, version=record.latest, author=user, text=f"重新打开的理由：{reason}"
    )
    _step(record, user, at, Action.REOPEN, reason)
    audit.record(user, "reopen", record, status=Status.SUBMITTED, level=at.title, reason=reason)
    _tell(
        fillers_of({record.unit_id}),
        "reopened",
        f"{_title(record)}被{who(user)}重新打开，等待{at.title}审核，理由：{reason}",
        record,
    )
    _tell(
        [p for p in at.reviewers if p.pk != user.pk],
        "reopened",
        f"{record.unit.name} 的{_title(record)}被{who(user)}重新打开，等待您审核，理由：{reason}",
        record,
    )


# ---- many at once ------------------------------------------------------------------------------


@dataclass
class BatchResult:
    done: list[FormRecord] = field(default_factory=list)
    skipped: list[tuple[FormRecord, str]] = field(default_factory=list)  # (form, why)

    @property
    def summary(self) -> str:
        return f"完成 {len(self.done)} 张，跳过 {len(self.skipped)} 张。"


BATCH_ACTIONS = {"approve": "批量通过", "return": "批量退回"}


def batch(
    records: Iterable[FormRecord], user: Any, action: str, comment: str = "", reason: str = ""
) -> BatchResult:
    """Pass (approve) or return many forms; each is decided on its own, as one by one. A form
    that cannot be (errors without a reason, another level's, not submitted) is skipped with why.
    """
    if action not in BATCH_ACTIONS:
        raise ValidationError("未知的批量操作。")
    if action == "return" and not comment.strip():
        raise ValidationError("批量退回须写明意见。")
    result = BatchResult()
    for record in records:
        try:
            if action == "approve":
                approve_form(record, user, comment, reason)
            else:
                return_form(record, user, comment)
        except (ValidationError, PermissionDenied) as exc:
            why = "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            result.skipped.append((record, why))
        else:
            result.done.append(record)
    return result


def path_comments(posted: Mapping[str, str]) -> dict[str, str]:
    """The return form's comments by path: ``finding:<path>`` (per finding) and ``cell:<path>``
    (typed in a cell); both on one path are kept, one after the other."""
    found: dict[str, list[str]] = {}
    for key, text in posted.items():
        for prefix in ("finding:", "cell:"):
            if key.startswith(prefix) and text.strip():
                found.setdefault(key.removeprefix(prefix), []).append(text.strip())
    return {path: "；".join(texts) for path, texts in found.items()}


# ---- what the form page shows ------------------------------------------------------------------


@dataclass
class ReviewState:
    """The review as the form page shows it to one person."""

    stage: Level | None
    label: str  # status_label
    can_act: bool  # may pass or return it now
    can_reopen: bool
    steps: list[ReviewStep]
    levels: list[Level]


def review_state(user: Any, record: FormRecord) -> ReviewState:
    levels = levels_for([record])[record.pk]
    at = _stage_in(record, levels)
    active = record.voided_at is None
    return ReviewState(
        stage=at,
        label=status_label(record, at),
        can_act=active and can_act(user, record, at),
        can_reopen=active and record.status == Status.APPROVED and can_review(user, record),
        steps=list(record.review_steps.select_related("user", "version")),
        levels=levels,
    )
