"""Who may see what: the one place every page, download and API call asks.

A 填报人 sees the forms of their own unit; a 审核人 those of every unit under their department or
bureau; a 管理员 (or a superuser) everything. Views never filter by hand: they start from
`forms_for(user)` or call `form_for(user, pk)`, which answers 404 for anything out of scope. The
other things that belong to an organisation (panels, narratives, department pages) go through
`in_scope` and `one_in_scope`, the same reach by another field.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Model, QuerySet
from django.http import Http404

from jixiao.web.forms.models import FormRecord
from jixiao.web.orgs.models import Membership, Organisation

User = AbstractBaseUser | AnonymousUser
M = TypeVar("M", bound=Model)
V = TypeVar("V", bound=Callable[..., Any])

# within a page that asks for it (`remembering_scope`): each person's reach, worked out once
_memo: ContextVar[dict[tuple[str, int], Any] | None] = ContextVar("jixiao_scope", default=None)


def remembering_scope(view: V) -> V:
    """A view during which `is_admin` and `unit_ids_for` answer each person once, however often
    the page, its lists and its menu ask (a list page asked up to a dozen times). Only for
    pages that read: a role changed during the request would not be seen by the same request."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        token = _memo.set({})
        try:
            return view(*args, **kwargs)
        finally:
            _memo.reset(token)

    return wrapper  # type: ignore[return-value]


def _once(what: str, user: User, compute: Callable[[], Any]) -> Any:
    memo = _memo.get()
    if memo is None or user.pk is None:
        return compute()
    key = (what, user.pk)
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def is_admin(user: User) -> bool:
    if not user.is_authenticated:
        return False
    if getattr(user, "is_superuser", False):
        return True
    return bool(
        _once(
            "admin",
            user,
            lambda: Membership.objects.filter(user=user, role=Membership.Role.ADMIN).exists(),
        )
    )


def unit_ids_for(user: User) -> set[int] | None:
    """The units whose forms the user may see; None means all of them."""
    if not user.is_authenticated:
        return set()
    if is_admin(user):
        return None
    found = _once("units", user, lambda: _unit_ids(user))
    return set(found)  # a copy: callers may add to it


def _unit_ids(user: User) -> set[int]:
    ids: set[int] = set()
    for membership in Membership.objects.filter(user=user).select_related("organisation"):
        if membership.role == Membership.Role.FILLER:
            ids.add(membership.organisation_id)
        else:  # a reviewer sees the subtree of their department or bureau
            ids |= membership.organisation.subtree_ids()
    return ids


def can_review(user: User, record: FormRecord) -> bool:
    if is_admin(user):
        return True
    for membership in Membership.objects.filter(user=user, role=Membership.Role.REVIEWER):
        if record.unit_id in membership.organisation.subtree_ids():
            return True
    return False


def can_fill(user: User, record: FormRecord) -> bool:
    if is_admin(user):
        return True
    return Membership.objects.filter(
        user=user, role=Membership.Role.FILLER, organisation_id=record.unit_id
    ).exists()


def in_scope(user: User, rows: QuerySet[M], organisation: str = "organisation_id") -> QuerySet[M]:
    """The rows whose organisation (the field named) the user reaches; all for an administrator."""
    ids = unit_ids_for(user)
    return rows if ids is None else rows.filter(**{f"{organisation}__in": ids})


def one_in_scope(
    user: User, rows: QuerySet[M], pk: int, refusal: str, organisation: str = "organisation_id"
) -> M:
    """The row with this id if the user reaches it; 404 with ``refusal`` otherwise, the same
    answer whether it exists or not."""
    found = in_scope(user, rows, organisation).filter(pk=pk).first()
    if found is None:
        raise Http404(refusal)
    return found


def forms_for(user: User, voided: bool = False) -> QuerySet[FormRecord]:
    """The user's active forms; with ``voided``, their voided forms instead."""
    if voided:
        rows = FormRecord.all_objects.filter(voided_at__isnull=False, kind=FormRecord.Kind.SELF)
        return in_scope(user, rows.select_related("unit"), "unit_id")
    return in_scope(user, FormRecord.objects.select_related("unit"), "unit_id")


def form_for(user: User, pk: int) -> FormRecord:
    """The form with this id if the user may see it; 404 otherwise (no hint that it exists).
    A voided form is reached too, so its page opens (with who voided it and why)."""
    return one_in_scope(
        user,
        FormRecord.all_objects.filter(kind=FormRecord.Kind.SELF).select_related("unit"),
        pk,
        "没有这张自评表，或您无权查看。",
        "unit_id",
    )


def documents_for(user: User, kind: str) -> QuerySet[FormRecord]:
    """The user's active documents of one kind (绩效目标申报表, 绩效运行监控表, 自评表)."""
    rows = FormRecord.documents.filter(kind=kind).select_related("unit")
    return in_scope(user, rows, "unit_id")


def document_for(user: User, pk: int, kind: str) -> FormRecord:
    """The document of this kind with this id if the user may see it; 404 otherwise."""
    label = FormRecord.Kind(kind).label
    return one_in_scope(
        user,
        FormRecord.all_objects.filter(kind=kind).select_related("unit"),
        pk,
        f"没有这张{label}，或您无权查看。",
        "unit_id",
    )


def units_for(user: User) -> QuerySet[Organisation]:
    """The active units the user may upload to, create forms in or filter by."""
    units = Organisation.objects.filter(kind=Organisation.Kind.UNIT, active=True)
    return in_scope(user, units, "pk")
