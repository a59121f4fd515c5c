"""Who may see what: the one place every page, download and API call asks.

A 填报人 sees the forms of their own unit; a 审核人 those of every unit under their department or
bureau; a 管理员 (or a superuser) everything. Views never filter by hand: they start from
`forms_for(user)` or call `form_for(user, pk)`, which answers 404 for anything out of scope.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from jixiao.web.forms.models import FormRecord
from jixiao.web.orgs.models import Membership, Organisation

User = AbstractBaseUser | AnonymousUser


def is_admin(user: User) -> bool:
    if not user.is_authenticated:
        return False
    if getattr(user, "is_superuser", False):
        return True
    return Membership.objects.filter(user=user, role=Membership.Role.ADMIN).exists()


def unit_ids_for(user: User) -> set[int] | None:
    """The units whose forms the user may see; None means all of them."""
    if not user.is_authenticated:
        return set()
    if is_admin(user):
        return None
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


def forms_for(user: User) -> QuerySet[FormRecord]:
    ids = unit_ids_for(user)
    records = FormRecord.objects.select_related("unit")
    return records if ids is None else records.filter(unit_id__in=ids)


def form_for(user: User, pk: int) -> FormRecord:
    """The form with this id if the user may see it; 404 otherwise (no hint that it exists)."""
    record = forms_for(user).filter(pk=pk).first()
    if record is None:
        raise Http404("没有这张自评表，或您无权查看。")
    return record


def units_for(user: User) -> QuerySet[Organisation]:
    ids = unit_ids_for(user)
    units = Organisation.objects.filter(kind=Organisation.Kind.UNIT)
    return units if ids is None else units.filter(pk__in=ids)
