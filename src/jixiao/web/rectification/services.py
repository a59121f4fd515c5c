"""整改 (rectification) as plain functions: making items, and moving them through their states.

Called alike by the pages, the API and the sample import. Who may do what:

- a reviewer over the item's unit (its department's or the bureau's 审核人) or an administrator
  makes items (from a form's findings, an expert panel's report, a department's evaluation),
  confirms them (已整改 → 已确认) and reopens them (已整改 / 已确认 → 整改中, with a reason);
- the unit's 填报人 (or an administrator) starts an item (待整改 → 整改中) and reports it done
  (→ 已整改) with a note and evidence files, kept like uploaded originals (by SHA-256).

Every change checks, under `select_for_update`, that the item is still in the state the person
saw: a second click, or two people at once, is refused with a message, never silently applied
twice. Every change is in the audit log (target ``整改事项 <id>``), which is also the
item's history.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from jixiao.department.problems import Problem, RectificationLine, report_problems
from jixiao.web.forms.models import FormRecord, StoredFile
from jixiao.web.orgs.models import AuditEvent, Membership, Organisation
from jixiao.web.rectification.models import Evidence, RectificationItem
from jixiao.web.scope import User, in_scope, is_admin
from jixiao.web.services import audit
from jixiao.web.services.imports import store_original

Status = RectificationItem.Status
Source = RectificationItem.Source
OPEN = (Status.PENDING, Status.IN_PROGRESS)  # still the unit's to do
FINISHED = (Status.DONE, Status.CONFIRMED)
REFUSAL = "没有这条整改事项，或您无权查看。"
MAX_EVIDENCE_BYTES = 50 * 1024 * 1024
DEFAULT_DAYS = 90  # a due date this far ahead when the maker gives none (sample import)


# ---------------------------------------------------------------- who may


def _reviews(user: User, unit_id: int) -> bool:
    if is_admin(user):
        return True
    for membership in Membership.objects.filter(user=user, role=Membership.Role.REVIEWER):
        if unit_id in membership.organisation.subtree_ids():
            return True
    return False


def _fills(user: User, unit_id: int) -> bool:
    if is_admin(user):
        return True
    return Membership.objects.filter(
        user=user, role=Membership.Role.FILLER, organisation_id=unit_id
    ).exists()


def may_make(user: User, organisation_id: int) -> bool:
    """Make items for this organisation: a reviewer over it, or an administrator."""
    return _reviews(user, organisation_id)


def may_manage(user: User, item: RectificationItem) -> bool:
    """Make, confirm, reopen: a reviewer over the unit, or an administrator."""
    return _reviews(user, item.unit_id)


def may_rectify(user: User, item: RectificationItem) -> bool:
    """Start, report done, hand in evidence: the unit's 填报人, or an administrator."""
    return _fills(user, item.unit_id)


def own_unit(department: Organisation) -> Organisation:
    """Who rectifies a department's own problems: its 本级 unit (named like it, or "…（本级）"),
    whose 填报人 do the department's own forms; the department itself when it has none."""
    names = [department.name, f"{department.name}（本级）", f"{department.name}(本级)"]
    found = Organisation.objects.filter(
        parent=department, kind=Organisation.Kind.UNIT, name__in=names, active=True
    ).first()
    return found or department


# ---------------------------------------------------------------- reading


def items_for(user: User) -> QuerySet[RectificationItem]:
    """The items of the units within the user's reach."""
    rows = RectificationItem.objects.select_related("unit", "unit__parent", "record", "panel")
    return in_scope(user, rows, "unit_id")


def to_rectify(unit_ids: Iterable[int]) -> QuerySet[RectificationItem]:
    """A clerk's 待办: the items of their units still 待整改 or 整改中, the earliest due first."""
    rows = RectificationItem.objects.filter(unit_id__in=set(unit_ids), status__in=OPEN)
    return rows.select_related("unit").order_by("due", "pk")


# how deep an organisation tree goes (bureau → department → unit → sub-unit …), for the one-query
# reach of a reviewer below; deeper trees than this do not occur in a 财政局's set-up
TREE_DEPTH = 6


def _under_reviewer(user: User) -> Q:
    """Items of a unit at or under an organisation where the user is a 审核人: the reach of
    `scope.unit_ids_for` for a reviewer, in one query (the menu's count asks it on every page)."""
    reach = Membership.objects.filter(user=user, role=Membership.Role.REVIEWER).values(
        "organisation_id"
    )
    found, path = Q(), "unit"
    for _ in range(TREE_DEPTH):
        found |= Q(**{f"{path}_id__in": reach})
        path += "__parent"
    return found


def to_confirm(user: User, admin: bool | None = None) -> QuerySet[RectificationItem]:
    """A reviewer's 待办: the items reported 已整改 in the units they review (every unit for an
    administrator; ``admin`` when the caller knows it already), waiting to be confirmed, the
    earliest reported first."""
    rows = RectificationItem.objects.filter(status=Status.DONE)
    if not (is_admin(user) if admin is None else admin):
        rows = rows.filter(_under_reviewer(user))
    return rows.order_by("done_at", "pk")


def item_for(user: User, pk: int) -> RectificationItem:
    """The item with this id if the user may see it; 404 otherwise (no hint that it exists)."""
    found = items_for(user).filter(pk=pk).first()
    if found is None:
        raise Http404(REFUSAL)
    return found


def overdue_q(on: datetime.date) -> Q:
    """Items past their due date and not yet 已整改 or 已确认."""
    return Q(due__lt=on, status__in=OPEN)


def department_of(unit: Organisation) -> Organisation:
    """The department an item's unit belongs to: the unit's parent department, or the unit
    itself when it is a department (or stands alone under the bureau)."""
    parent = unit.parent
    if unit.kind == Organisation.Kind.UNIT and parent is not None:
        if parent.kind == Organisation.Kind.DEPARTMENT:
            return parent
    return unit


def days_late(item: RectificationItem, on: datetime.date) -> int:
    """How many days past the due date an open item is; 0 when it is not overdue."""
    if item.due is None or item.status not in OPEN or item.due >= on:
        return 0
    return (on - item.due).days


def report_lines(
    user: User, department: Organisation, year: int, on: datetime.date | None = None
) -> list[RectificationLine]:
    """The department's items (its own and its units', of the year or without one) as its
    Word report lists them, the earliest due first."""
    on = on or timezone.localdate()
    return [
        RectificationLine(
            title=i.title,
            unit=i.unit.name,
            status=i.get_status_display(),
            due=i.due,
            days_late=days_late(i, on),
            source=i.get_source_display(),
        )
        for i in department_items(user, department, year)
    ]


def department_items(
    user: User, department: Organisation, year: int
) -> QuerySet[RectificationItem]:
    """The department's items (its own and its units', of the year or without one) within the
    user's reach, the earliest due first."""
    items = items_for(user).filter(unit_id__in=department.subtree_ids())
    return items.filter(Q(year=year) | Q(year=None)).order_by("due", "pk")


def history(item: RectificationItem) -> QuerySet[AuditEvent]:
    """The item's history, oldest first: the audit log's lines about it."""
    return (
        AuditEvent.objects.filter(target=_target(item))
        .select_related("user")
        .order_by("created", "pk")
    )


# ---------------------------------------------------------------- making items


def _target(item: RectificationItem) -> str:
    return f"整改事项 {item.pk}"


def _log(user: User, action: str, item: RectificationItem, **detail: Any) -> None:
    audit.record(user, action, _target(item), about=item.unit, title=item.title[:100], **detail)


def _fillers(item: RectificationItem) -> list[Any]:
    return [
        m.user
        for m in Membership.objects.filter(
            organisation_id=item.unit_id, role=Membership.Role.FILLER, user__is_active=True
        ).select_related("user")
    ]


def _reviewers(item: RectificationItem) -> list[Any]:
    """The 审核人 at the item's unit or above it (its department, the bureau)."""
    reach = [item.unit, *item.unit.ancestors()]
    return [
        m.user
        for m in Membership.objects.filter(
            organisation__in=reach, role=Membership.Role.REVIEWER, user__is_active=True
        ).select_related("user")
    ]


def _tell(people: list[Any], item: RectificationItem, text: str) -> None:
    """A notification in each person's 待办, linking the item."""
    from django.urls import reverse

    from jixiao.web.inbox.services import notify

    title = item.title if len(item.title) <= 40 else item.title[:39] + "…"
    url = reverse("rectification:detail", args=[item.pk])
    notify(people, "rectification", f"整改事项“{title}”：{text}", url)


def _clean(title: str, requirement: str, due: datetime.date | None) -> tuple[str, str]:
    title = " ".join(title.split())
    if not title:
        raise ValidationError("请写明要整改的问题。")
    if due is not None and due < timezone.localdate() - datetime.timedelta(days=3650):
        raise ValidationError("整改期限不合理，请重新选择日期。")
    return title[:300], requirement.strip()


def _create(
    user: User, unit: Organisation, *, title: str, requirement: str, **fields: Any
) -> RectificationItem:
    title, requirement = _clean(title, requirement, fields.get("due"))
    if not _reviews(user, unit.pk):
        raise PermissionDenied("只有该单位的审核人或管理员可以提出整改要求。")
    item = RectificationItem.objects.create(
        unit=unit, title=title, requirement=requirement, created_by=_person(user), **fields
    )
    _log(user, "rectification_create", item, source=item.get_source_display(), due=_day(item.due))
    due = f"整改期限 {item.due.isoformat()}" if item.due else "未定整改期限"
    _tell(_fillers(item), item, f"审核人提出了整改要求，{due}。")
    return item


def _person(user: User) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _day(day: datetime.date | None) -> str:
    return day.isoformat() if day else ""


def finding_key(finding: dict[str, Any]) -> str:
    """How a page names one finding of a version: its code and its path (``CODE@path``)."""
    return f"{finding.get('code', '')}@{finding.get('path', '') or ''}"


@transaction.atomic
def from_findings(
    record: FormRecord,
    keys: Sequence[str],
    *,
    due: datetime.date | None,
    requirement: str,
    user: User,
) -> list[RectificationItem]:
    """One item per selected finding of the record's latest version (keys from `finding_key`),
    for the record's unit; a finding that already has an open item is not made twice."""
    if not _reviews(user, record.unit_id):
        raise PermissionDenied("只有该单位的审核人或管理员可以提出整改要求。")
    if record.voided_at is not None:
        raise ValidationError("这张表已作废，不能据此提出整改要求；如需办理请先恢复。")
    wanted = list(dict.fromkeys(k for k in keys if k))
    if not wanted:
        raise ValidationError("请至少选择一条审核发现。")
    findings = {finding_key(f): f for f in record.latest.findings}
    missing = [k for k in wanted if k not in findings]
    if missing:
        raise ValidationError(
            "所选的审核发现已不在这张表的最新版本中（表可能刚被修改），请刷新页面后重新选择。"
        )
    made = []
    for key in wanted:
        finding = findings[key]
        code, path = finding.get("code", ""), finding.get("path", "") or ""
        exists = RectificationItem.objects.filter(
            record=record, finding_code=code, finding_path=path, status__in=OPEN
        ).exists()
        if exists:
            continue
        source = Source.MONITORING if record.kind == FormRecord.Kind.MONITORING else Source.FINDING
        made.append(
            _create(
                user,
                record.unit,
                title=str(finding.get("message", "")) or code,
                requirement=requirement,
                source=source,
                record=record,
                project=record.project,
                year=record.year,
                finding_code=code[:60],
                finding_path=path[:120],
                due=due,
            )
        )
    return made


def _from_problems(
    user: User,
    unit: Organisation,
    problems: Iterable[Problem],
    *,
    due: datetime.date | None,
    requirement: str,
    **fields: Any,
) -> list[RectificationItem]:
    made = []
    existing = RectificationItem.objects.filter(unit=unit, **fields)
    for problem in problems:
        title, _ = _clean(problem.title, "", due)
        if existing.filter(title=title).exists():
            continue  # made before (importing twice, clicking twice)
        text = requirement.strip() or problem.requirement
        made.append(_create(user, unit, title=title, requirement=text, due=due, **fields))
    return made


@transaction.atomic
def from_panel(
    panel: Any,
    problems: Sequence[Problem],
    *,
    due: datetime.date | None,
    requirement: str = "",
    user: User,
) -> list[RectificationItem]:
    """Items for the problems of an expert panel's report, for the panel's organisation; each
    with the report's measure for it unless a requirement is given. A problem already made an
    item of this panel is skipped."""
    if not problems:
        raise ValidationError("请至少选择一个问题。")
    return _from_problems(
        user,
        panel.organisation,
        problems,
        due=due,
        requirement=requirement,
        source=Source.PANEL,
        panel=panel,
        year=panel.year,
    )


def panel_problems(panel: Any) -> list[Problem]:
    """The problems the panel's last checked report text names, with their measures."""
    return report_problems(panel.report_text or "")


@transaction.atomic
def from_department_report(
    department: Organisation,
    year: int | None,
    problems: Sequence[Problem],
    *,
    due: datetime.date | None,
    requirement: str = "",
    user: User,
) -> list[RectificationItem]:
    """Items for the problems of a department's overall evaluation, for the department's own
    (本级) unit (`own_unit`)."""
    if not problems:
        raise ValidationError("评价报告中没有找到“存在的问题”。")
    return _from_problems(
        user,
        own_unit(department),
        problems,
        due=due,
        requirement=requirement,
        source=Source.DEPARTMENT,
        year=year,
    )


def from_department_text(
    department: Organisation, year: int | None, text: str, *, due: datetime.date | None, user: User
) -> list[RectificationItem]:
    """Items for the problems a department evaluation's text names (seed 002's 第四部分)."""
    return from_department_report(department, year, report_problems(text), due=due, user=user)


# ---------------------------------------------------------------- moving items


def _locked(item: RectificationItem, expected: Iterable[str], refusal: str) -> RectificationItem:
    fresh = RectificationItem.objects.select_for_update().get(pk=item.pk)
    if fresh.status not in set(expected):
        raise ValidationError(
            f"这条整改事项现在是“{fresh.get_status_display()}”，{refusal}请刷新页面查看最新情况。"
        )
    return fresh


def _saved(item: RectificationItem, fresh: RectificationItem) -> RectificationItem:
    for field in ("status", "done_note", "done_by", "done_at", "confirmed_by", "confirmed_at"):
        setattr(item, field, getattr(fresh, field))
    item.updated = fresh.updated
    return item


@transaction.atomic
def start(item: RectificationItem, user: User) -> RectificationItem:
    """待整改 → 整改中, by the unit."""
    if not may_rectify(user, item):
        raise PermissionDenied("只有整改单位的填报人可以开始整改。")
    fresh = _locked(item, [Status.PENDING], "不能再开始整改。")
    fresh.status = Status.IN_PROGRESS
    fresh.save(update_fields=["status", "updated"])
    _log(user, "rectification_start", fresh, status=fresh.get_status_display())
    return _saved(item, fresh)


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


def store_evidence(
    item: RectificationItem, files: Sequence[Upload], user: User, note: str = ""
) -> list[Evidence]:
    """Keep the files like uploaded originals (by SHA-256) and attach them to the item."""
    kept = []
    for upload in files:
        if not upload.data:
            raise ValidationError(f"文件“{upload.name}”是空的，未保存。")
        if len(upload.data) > MAX_EVIDENCE_BYTES:
            raise ValidationError(f"文件“{upload.name}”超过 50 MB，未保存。")
        sha256 = hashlib.sha256(upload.data).hexdigest()
        store_original(upload.data, sha256)
        stored, _ = StoredFile.objects.get_or_create(
            sha256=sha256,
            defaults={
                "name": upload.name[:255] or "佐证材料",
                "size": len(upload.data),
                "uploaded_by": _person(user),
                "organisation": item.unit,
            },
        )
        kept.append(
            Evidence.objects.create(
                item=item, file=stored, note=note[:300], uploaded_by=_person(user)
            )
        )
    return kept


@transaction.atomic
def add_evidence(
    item: RectificationItem, files: Sequence[Upload], user: User, note: str = ""
) -> list[Evidence]:
    """Evidence handed in while the item is still being rectified (待整改 / 整改中)."""
    if not may_rectify(user, item):
        raise PermissionDenied("只有整改单位的填报人可以上传佐证材料。")
    if not files:
        raise ValidationError("请选择要上传的佐证材料。")
    _locked(item, OPEN, "不能再上传佐证材料；如需补充，请审核人先重新打开。")
    kept = store_evidence(item, files, user, note)
    _log(user, "rectification_evidence", item, file="、".join(e.file.name for e in kept))
    return kept


@transaction.atomic
def report_done(
    item: RectificationItem, note: str, files: Sequence[Upload], user: User
) -> RectificationItem:
    """待整改 / 整改中 → 已整改: the unit says what it did, with evidence (new files, or files
    handed in before)."""
    if not may_rectify(user, item):
        raise PermissionDenied("只有整改单位的填报人可以报告整改完成。")
    note = note.strip()
    if not note:
        raise ValidationError("请写明整改情况。")
    fresh = _locked(item, OPEN, "不能再报告整改完成。")
    store_evidence(fresh, files, user)
    if not fresh.evidence.exists():
        raise ValidationError("请上传整改佐证材料（如制度文件、会议纪要、修改后的表格）。")
    fresh.status = Status.DONE
    fresh.done_note = note
    fresh.done_by = _person(user)
    fresh.done_at = timezone.now()
    fresh.save(update_fields=["status", "done_note", "done_by", "done_at", "updated"])
    names = [f.name for f in files]
    _log(user, "rectification_done", fresh, note=note[:200], file="、".join(names))
    _tell(_reviewers(fresh), fresh, f"{fresh.unit.name}报告整改完成，请查看佐证材料后确认。")
    return _saved(item, fresh)


@transaction.atomic
def confirm(item: RectificationItem, user: User, comment: str = "") -> RectificationItem:
    """已整改 → 已确认, by a reviewer over the unit."""
    if not may_manage(user, item):
        raise PermissionDenied("只有该单位的审核人或管理员可以确认整改。")
    fresh = _locked(item, [Status.DONE], "不能确认。")
    fresh.status = Status.CONFIRMED
    fresh.confirmed_by = _person(user)
    fresh.confirmed_at = timezone.now()
    fresh.save(update_fields=["status", "confirmed_by", "confirmed_at", "updated"])
    _log(user, "rectification_confirm", fresh, comment=comment.strip()[:200])
    _tell(_fillers(fresh), fresh, "审核人已确认整改。")
    return _saved(item, fresh)


@transaction.atomic
def reopen(item: RectificationItem, user: User, reason: str) -> RectificationItem:
    """已整改 / 已确认 → 整改中, by a reviewer over the unit, with the reason (to the unit)."""
    if not may_manage(user, item):
        raise PermissionDenied("只有该单位的审核人或管理员可以重新打开整改事项。")
    reason = reason.strip()
    if not reason:
        raise ValidationError("请写明重新打开的原因，以便整改单位继续整改。")
    fresh = _locked(item, FINISHED, "不需要重新打开。")
    fresh.status = Status.IN_PROGRESS
    fresh.confirmed_by = None
    fresh.confirmed_at = None
    fresh.save(update_fields=["status", "confirmed_by", "confirmed_at", "updated"])
    _log(user, "rectification_reopen", fresh, reason=reason[:200])
    _tell(_fillers(fresh), fresh, f"审核人重新打开，请继续整改。原因：{reason[:200]}")
    return _saved(item, fresh)


def evidence_path(evidence: Evidence) -> Any:
    """Where an evidence file is kept (beside the uploaded originals)."""
    from jixiao.web.services.imports import original_path

    return original_path(evidence.file.sha256)


def default_due(on: datetime.date | None = None) -> datetime.date:
    return (on or timezone.localdate()) + datetime.timedelta(days=DEFAULT_DAYS)
