"""Reading the audit log: who may, which events they see, the filters, the lines and the CSV.

An administrator reads every event; a reviewer the events about an organisation within their
reach (`scope.unit_ids_for`: their department's or bureau's subtree) and their own; anyone else
gets a 404, as for everything out of scope.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404, QueryDict
from django.utils import timezone

from jixiao.web.orgs.models import AuditEvent, Membership, Organisation
from jixiao.web.orgs.services import who
from jixiao.web.scope import User, in_scope, is_admin, unit_ids_for
from jixiao.web.services import audit
from jixiao.write.datasets import write_csv

COLUMNS = ("时间", "人员", "操作", "对象", "机构", "详情")
PER_PAGE = 100
REFUSAL = "操作记录只有管理员和审核人可以查看。"


def may_read(user: User) -> bool:
    return is_admin(user) or (
        user.is_authenticated
        and Membership.objects.filter(user=user, role=Membership.Role.REVIEWER).exists()
    )


def events_for(user: User) -> QuerySet[AuditEvent]:
    """The events the user may read, newest first; 404 for someone who may read none."""
    if not may_read(user):
        raise Http404(REFUSAL)
    events = AuditEvent.objects.select_related("user", "organisation").order_by("-created", "-pk")
    ids = unit_ids_for(user)
    if ids is None:
        return events
    return events.filter(Q(organisation_id__in=ids) | Q(user=user))


def organisation_choices(user: User) -> list[tuple[int, str]]:
    """The organisations within the user's reach as (id, label), in tree order, indented by depth;
    deactivated ones too (their events stay in the log), marked so."""
    reach = list(in_scope(user, Organisation.objects.all(), "pk"))
    ids = {o.pk for o in reach}
    children: dict[int | None, list[Organisation]] = {}
    for organisation in reach:
        parent = organisation.parent_id if organisation.parent_id in ids else None
        children.setdefault(parent, []).append(organisation)
    ordered: list[tuple[int, str]] = []

    def walk(parent: int | None, depth: int) -> None:
        for organisation in sorted(children.get(parent, []), key=lambda o: (o.code, o.pk)):
            stopped = "" if organisation.active else "（已停用）"
            ordered.append((organisation.pk, "\u3000" * depth + organisation.label + stopped))
            walk(organisation.pk, depth + 1)

    walk(None, 0)
    return ordered


def action_choices(events: QuerySet[AuditEvent]) -> list[str]:
    """Every action's label once: the known ones in the table's order, then codes without one."""
    labels = list(dict.fromkeys(audit.ACTIONS.values()))
    present = set(events.order_by().values_list("action", flat=True).distinct())
    return labels + sorted(present - set(audit.ACTIONS) - set(labels))


def _codes(label: str) -> set[str]:
    return {code for code, name in audit.ACTIONS.items() if name == label} | {label}


@dataclass
class LogFilter:
    """The filters of the log page, read from its query string; bad values are named, not fatal."""

    person: str = ""
    organisation: Organisation | None = None
    action: str = ""
    start: date | None = None
    end: date | None = None
    problems: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, user: User, query: QueryDict) -> LogFilter:
        found = cls(person=query.get("person", "").strip(), action=query.get("action", "").strip())
        chosen = query.get("organisation", "").strip()
        if chosen:
            organisation = None
            if chosen.isdigit():
                organisation = (
                    in_scope(user, Organisation.objects.all(), "pk").filter(pk=int(chosen)).first()
                )
            if organisation is None:
                found.problems.append("所选机构不存在或不在您的范围内，已忽略这项筛选。")
            found.organisation = organisation
        found.start = found._date(query, "start", "开始日期")
        found.end = found._date(query, "end", "结束日期")
        if found.start and found.end and found.start > found.end:
            found.problems.append("开始日期晚于结束日期，没有符合条件的记录。")
        return found

    def _date(self, query: QueryDict, key: str, name: str) -> date | None:
        text = query.get(key, "").strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            self.problems.append(
                f"{name}“{text}”不是有效的日期（应为 年-月-日，如 2024-03-01），已忽略。"
            )
            return None

    def apply(self, events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
        if self.person:
            events = events.filter(
                Q(user__username__icontains=self.person)
                | Q(user__first_name__icontains=self.person)
                | Q(user=None, action="login_failed", target__icontains=self.person)
            )
        if self.organisation is not None:
            events = events.filter(organisation_id__in=self.organisation.subtree_ids())
        if self.action:
            events = events.filter(action__in=_codes(self.action))
        if self.start:
            events = events.filter(created__date__gte=self.start)
        if self.end:
            events = events.filter(created__date__lte=self.end)
        return events

    def summary(self) -> str:
        """The filters in words, for the audit line of an export."""
        parts = [
            f"人员 {self.person}" if self.person else "",
            f"机构 {self.organisation.label}" if self.organisation else "",
            f"操作 {self.action}" if self.action else "",
            f"自 {self.start.isoformat()}" if self.start else "",
            f"至 {self.end.isoformat()}" if self.end else "",
        ]
        return "，".join(p for p in parts if p) or "全部"


@dataclass(frozen=True)
class Line:
    """One event as the page and the CSV show it."""

    time: str
    person: str
    action: str
    target: str
    organisation: str
    detail: str

    def cells(self) -> list[str]:
        return [self.time, self.person, self.action, self.target, self.organisation, self.detail]


def line(event: AuditEvent) -> Line:
    return Line(
        time=timezone.localtime(event.created).strftime("%Y-%m-%d %H:%M:%S"),
        person=who(event.user),
        action=audit.action_label(event.action),
        target=event.target,
        organisation=event.organisation.label if event.organisation else "",
        detail=audit.describe(event.detail),
    )


def export_csv(user: User, events: QuerySet[AuditEvent], chosen: LogFilter) -> bytes:
    """The filtered events as CSV (UTF-8 with BOM, formula-guarded); the download is audited."""
    out = io.BytesIO()
    count = events.count()
    write_csv(COLUMNS, (line(e).cells() for e in events.iterator()), out)
    audit.record(
        user, "audit_export", f"{count} 条操作记录", filters=chosen.summary(), events=count
    )
    return out.getvalue()
