"""Setting a bureau up: organisations and people, every change audited.

The pages, the Excel set-up sheet and the API all call these functions (Zulip's `actions/`),
so a rule such as "units are told apart by code" or "a 填报人 belongs to a unit" holds whichever
way a change comes in. Each function raises ``ValidationError`` with a Chinese message for the
person who asked.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Field, Model, Q, QuerySet

from jixiao.web.orgs.models import Membership, Organisation, Profile
from jixiao.web.scope import in_scope, is_admin, unit_ids_for
from jixiao.web.services import audit

Kind = Organisation.Kind
Role = Membership.Role

# which kind of organisation may sit under which
PARENT_KINDS: dict[str, tuple[str, ...]] = {
    Kind.BUREAU: (),
    Kind.DEPARTMENT: (Kind.BUREAU,),
    Kind.UNIT: (Kind.DEPARTMENT, Kind.BUREAU),
}
# where each role is held
ROLE_KINDS: dict[str, tuple[str, ...]] = {
    Role.FILLER: (Kind.UNIT,),
    Role.REVIEWER: (Kind.DEPARTMENT, Kind.BUREAU),
    Role.ADMIN: (Kind.BUREAU,),
}
BUREAU_NAME_VARIABLE = "JIXIAO_BUREAU_NAME"
BUREAU_CODE_VARIABLE = "JIXIAO_BUREAU_CODE"
# no 0/O, 1/l/I: a temporary password is read off paper or a screen and typed
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def kind_label(kind: str) -> str:
    return str(Kind(kind).label)


def role_label(role: str) -> str:
    return str(Role(role).label)


# ---------------------------------------------------------------- organisations


def the_bureau() -> Organisation | None:
    """The bureau this installation serves: the first active top organisation that is not the
    samples' own bureau (that one is only for trying jixiao out)."""
    from jixiao.web.services.samples import BUREAU_CODE

    tops = Organisation.objects.filter(kind=Kind.BUREAU, parent=None, active=True)
    return tops.exclude(code=BUREAU_CODE).order_by("pk").first()


def bureau_from_environment(user: Any = None) -> Organisation | None:
    """The bureau named by JIXIAO_BUREAU_NAME (and JIXIAO_BUREAU_CODE), made once."""
    name = os.environ.get(BUREAU_NAME_VARIABLE, "").strip()
    if not name or the_bureau() is not None:
        return the_bureau()
    code = os.environ.get(BUREAU_CODE_VARIABLE, "").strip() or "000000"
    return set_up_bureau(user, name=name, code=code)


def _check_code(code: str, exclude: int | None = None) -> str:
    code = code.strip()
    if not code:
        raise ValidationError("请填写单位编码。")
    if len(code) > 50 or any(c.isspace() for c in code):
        raise ValidationError(f"单位编码“{code}”不能含空格，且不超过 50 个字符。")
    clash = Organisation.objects.filter(code=code).exclude(pk=exclude).first()
    if clash is not None:
        raise ValidationError(f"单位编码“{code}”已被“{clash.name}”使用。")
    return code


def _check_name(name: str, parent: Organisation | None, exclude: int | None = None) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError("请填写名称。")
    if len(name) > 200:
        raise ValidationError("名称不超过 200 个字符。")
    clash = Organisation.objects.filter(parent=parent, name=name).exclude(pk=exclude).first()
    if clash is not None:
        where = f"“{parent.name}”下" if parent else "顶层"
        raise ValidationError(f"{where}已有名为“{name}”的机构（编码 {clash.code}）。")
    return name


def _check_parent(
    kind: str, parent: Organisation | None, moving: Organisation | None = None
) -> None:
    allowed = PARENT_KINDS[kind]
    if parent is None:
        if allowed:
            raise ValidationError(f"{kind_label(kind)}必须有上级机构。")
        return
    if parent.kind not in allowed:
        raise ValidationError(
            f"{kind_label(kind)}不能放在{kind_label(parent.kind)}“{parent.name}”之下。"
        )
    if moving is not None and (parent.pk == moving.pk or moving in parent.ancestors()):
        raise ValidationError(f"不能把“{moving.name}”移到它自己或它的下级之下。")


@transaction.atomic
def create_organisation(
    user: Any, *, code: str, name: str, kind: str, parent: Organisation | None = None
) -> Organisation:
    if kind not in Kind.values:
        raise ValidationError(f"未知的机构类型“{kind}”（应为财政局、主管部门或预算单位）。")
    _check_parent(kind, parent)
    organisation = Organisation.objects.create(
        code=_check_code(code), name=_check_name(name, parent), kind=kind, parent=parent
    )
    audit.record(user, "org_create", organisation, code=organisation.code, kind=kind)
    return organisation


@transaction.atomic
def update_organisation(
    user: Any, organisation: Organisation, *, code: str | None = None, name: str | None = None
) -> Organisation:
    """Rename or re-code; the change is audited with the old values."""
    changes: dict[str, list[str]] = {}
    if code is not None and code.strip() != organisation.code:
        new = _check_code(code, exclude=organisation.pk)
        changes["code"] = [organisation.code, new]
        organisation.code = new
    if name is not None and " ".join(name.split()) != organisation.name:
        new = _check_name(name, organisation.parent, exclude=organisation.pk)
        changes["name"] = [organisation.name, new]
        organisation.name = new
    if changes:
        organisation.save(update_fields=["code", "name"])
        audit.record(user, "org_update", organisation, changes=changes)
    return organisation


@transaction.atomic
def move_organisation(user: Any, organisation: Organisation, parent: Organisation) -> Organisation:
    if organisation.parent_id == parent.pk:
        return organisation
    _check_parent(organisation.kind, parent, moving=organisation)
    _check_name(organisation.name, parent, exclude=organisation.pk)
    old = organisation.parent
    organisation.parent = parent
    organisation.save(update_fields=["parent"])
    audit.record(user, "org_move", organisation, old=old.label if old else "", new=parent.label)
    return organisation


@transaction.atomic
def set_organisation_active(user: Any, organisation: Organisation, active: bool) -> None:
    """Deactivate (kept with everything it owns, hidden from lists and choices) or restore.
    Deactivating takes the organisations under it along; restoring needs an active parent."""
    if not active and organisation.kind == Kind.BUREAU and organisation.parent is None:
        raise ValidationError(f"“{organisation.name}”是本系统的财政局，不能停用。")
    if active and organisation.parent is not None and not organisation.parent.active:
        raise ValidationError(f"上级机构“{organisation.parent.name}”已停用，请先启用上级。")
    ids = organisation.subtree_ids() if not active else {organisation.pk}
    Organisation.objects.filter(pk__in=ids).update(active=active)
    audit.record(user, "org_activate" if active else "org_deactivate", organisation, count=len(ids))


@transaction.atomic
def merge_units(user: Any, source: Organisation, target: Organisation) -> dict[str, int]:
    """Merge unit ``source`` into unit ``target``: its forms, files, tasks, people and everything
    else it owns follow; ``source`` is kept, deactivated, so old links and the log still resolve."""
    from jixiao.web.rounds.models import Task

    if source.pk == target.pk:
        raise ValidationError("请选择两个不同的预算单位。")
    if source.kind != Kind.UNIT or target.kind != Kind.UNIT:
        raise ValidationError("只能合并预算单位。")
    if not target.active:
        raise ValidationError(f"“{target.name}”已停用，不能并入。")
    moved: dict[str, int] = {}
    # a unit has one task per year: where both have one, the target's stays
    for task in Task.objects.filter(unit=source):
        if Task.objects.filter(unit=target, year=task.year).exists():
            task.delete()
        else:
            task.unit = target
            task.save(update_fields=["unit"])
            moved["tasks"] = moved.get("tasks", 0) + 1
    for membership in Membership.objects.filter(organisation=source):
        if not Membership.objects.filter(
            user=membership.user, organisation=target, role=membership.role
        ).exists():
            membership.organisation = target
            membership.save(update_fields=["organisation"])
            moved["people"] = moved.get("people", 0) + 1
        else:
            membership.delete()
    for model, field in _owned_by():
        if model is Task:
            continue
        try:
            with transaction.atomic():
                # the base manager: voided forms follow their unit too
                count = model._base_manager.filter(**{field.name: source}).update(
                    **{field.name: target}
                )
        except IntegrityError as exc:
            raise ValidationError(
                f"“{source.name}”与“{target.name}”有重复的{model._meta.verbose_name}，无法自动合并。"
            ) from exc
        if count:
            moved[model._meta.model_name] = count
    source.active = False
    source.save(update_fields=["active"])
    audit.record(user, "org_merge", target, merged=source.label, moved=moved)
    return moved


def _owned_by() -> list[tuple[type[Model], Field[Any, Any]]]:
    """The models that belong to one organisation through a foreign key: what follows a unit
    that is merged into another (memberships and sub-organisations are handled apart)."""
    return [
        (relation.related_model, relation.field)
        for relation in Organisation._meta.related_objects
        if not relation.field.many_to_many
        and relation.related_model not in (Organisation, Membership)
    ]


def holdings(organisation: Organisation) -> dict[str, int]:
    """What the organisation owns, by its Chinese name (自评表, 上传文件, 人员 …): what a merge
    would carry over. Kinds it owns none of are left out."""
    found: dict[str, int] = {}
    people = Membership.objects.filter(organisation=organisation).values("user").distinct().count()
    if people:
        found["人员"] = people
    for model, field in _owned_by():
        count = model._default_manager.filter(**{field.name: organisation}).count()
        if count:
            label = str(model._meta.verbose_name)
            found[label] = found.get(label, 0) + count
    return found


@transaction.atomic
def set_up_bureau(user: Any, *, name: str, code: str) -> Organisation:
    """Name the bureau this installation serves; whoever names it administers it."""
    if the_bureau() is not None:
        raise ValidationError(f"财政局已设置为“{the_bureau()}”。")
    bureau = create_organisation(user, code=code, name=name, kind=Kind.BUREAU)
    if getattr(user, "is_authenticated", False):
        grant_role(user, user, bureau, Role.ADMIN)
    return bureau


def organisations(include_inactive: bool = False) -> QuerySet[Organisation]:
    rows = Organisation.objects.select_related("parent")
    return rows if include_inactive else rows.filter(active=True)


def tree(include_inactive: bool = False) -> list[tuple[Organisation, int]]:
    """Every organisation with its depth, each under its parent, siblings by code."""
    rows = list(organisations(include_inactive).order_by("code"))
    children: dict[int | None, list[Organisation]] = {}
    present = {o.pk for o in rows}
    for o in rows:
        parent = o.parent_id if o.parent_id in present else None
        children.setdefault(parent, []).append(o)
    out: list[tuple[Organisation, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for o in children.get(parent, []):
            out.append((o, depth))
            walk(o.pk, depth + 1)

    walk(None, 0)
    return out


# ---------------------------------------------------------------- people


@dataclass
class NewPassword:
    """A temporary password, shown once to the administrator who made it."""

    user: AbstractUser
    password: str


def temporary_password() -> str:
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(12))


def profile_of(user: Any) -> Profile:
    return Profile.objects.get_or_create(user=user)[0]


def _check_username(username: str) -> str:
    username = username.strip()
    if not username:
        raise ValidationError("请填写用户名。")
    if len(username) > 150 or any(c.isspace() for c in username):
        raise ValidationError(f"用户名“{username}”不能含空格，且不超过 150 个字符。")
    if get_user_model().objects.filter(username=username).exists():
        raise ValidationError(f"用户名“{username}”已有人使用。")
    return username


def _check_email(email: str) -> str:
    email = email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError(f"电子邮箱“{email}”的格式不对。") from None
    return email


@transaction.atomic
def create_person(
    user: Any,
    *,
    username: str,
    name: str = "",
    email: str = "",
    password: str | None = None,
    role: str = "",
    organisation: Organisation | None = None,
) -> NewPassword:
    """A new person. Without a password they get a temporary one, to change at first login.
    With a role and an organisation they get that role at once (or nobody is created)."""
    username = _check_username(username)
    email = _check_email(email)
    temporary = password is None
    password = password or temporary_password()
    person = get_user_model()(username=username, first_name=name.strip()[:150], email=email.strip())
    if not temporary:
        validate_password(password, person)
    person.set_password(password)
    person.save()
    Profile.objects.create(user=person, must_change_password=temporary)
    audit.record(user, "person_create", username, about=organisation)
    if role or organisation is not None:
        if not role or organisation is None:
            raise ValidationError("角色和所在机构要一起选择（或都不选）。")
        grant_role(user, person, organisation, role)
    return NewPassword(person, password)


@transaction.atomic
def update_person(
    user: Any, person: Any, *, name: str | None = None, email: str | None = None
) -> None:
    changes: dict[str, list[str]] = {}
    if name is not None and name.strip() != person.first_name:
        changes["name"] = [person.first_name, name.strip()]
        person.first_name = name.strip()[:150]
    if email is not None and email.strip() != person.email:
        changes["email"] = [person.email, _check_email(email)]
        person.email = email.strip()
    if changes:
        person.save(update_fields=["first_name", "email"])
        audit.record(user, "person_update", person, changes=changes)


@transaction.atomic
def grant_role(user: Any, person: Any, organisation: Organisation, role: str) -> Membership:
    if role not in Role.values:
        raise ValidationError(f"未知的角色“{role}”（应为填报人、审核人或管理员）。")
    if organisation.kind not in ROLE_KINDS[role]:
        where = "、".join(kind_label(k) for k in ROLE_KINDS[role])
        raise ValidationError(
            f"{role_label(role)}只能设在{where}，“{organisation.name}”是{kind_label(organisation.kind)}。"
        )
    if not organisation.active:
        raise ValidationError(f"“{organisation.name}”已停用。")
    membership, created = Membership.objects.get_or_create(
        user=person, organisation=organisation, role=role
    )
    if created:
        audit.record(user, "role_grant", person.username, about=organisation, role=role_label(role))
    return membership


@transaction.atomic
def revoke_role(user: Any, membership: Membership) -> None:
    if membership.role == Role.ADMIN and _last_admin(membership.user):
        raise ValidationError("这是最后一位管理员，不能取消其管理员角色。")
    audit.record(
        user,
        "role_revoke",
        membership.user.username,
        about=membership.organisation,
        role=role_label(membership.role),
    )
    membership.delete()


def _last_admin(person: Any) -> bool:
    others = get_user_model().objects.filter(is_active=True).exclude(pk=person.pk)
    return not others.filter(Q(is_superuser=True) | Q(memberships__role=Role.ADMIN)).exists()


@transaction.atomic
def set_person_active(user: Any, person: Any, active: bool) -> None:
    if not active and person.pk == getattr(user, "pk", None):
        raise ValidationError("不能停用自己的账号。")
    if not active and (person.is_superuser or person.memberships.filter(role=Role.ADMIN).exists()):
        if _last_admin(person):
            raise ValidationError("这是最后一位管理员，不能停用。")
    person.is_active = active
    person.save(update_fields=["is_active"])
    audit.record(user, "person_activate" if active else "person_deactivate", person)


@transaction.atomic
def reset_password(user: Any, person: Any) -> NewPassword:
    """A printed temporary password that must be changed at first login."""
    password = temporary_password()
    person.set_password(password)
    person.save(update_fields=["password"])
    profile = profile_of(person)
    profile.must_change_password = True
    profile.save(update_fields=["must_change_password"])
    audit.record(user, "password_reset", person)
    return NewPassword(person, password)


def password_changed(person: Any) -> None:
    """The person chose their own password: the temporary one's obligation ends."""
    Profile.objects.filter(user=person).update(must_change_password=False)
    audit.record(person, "password_change", person)


def who(person: Any) -> str:
    """A person as others read them: 姓名（用户名）, or the user name alone."""
    if person is None:
        return "—"
    name = (getattr(person, "first_name", "") or "").strip()
    username = person.get_username()
    return f"{name}（{username}）" if name and name != username else username


def has_role(person: Any) -> bool:
    return (
        bool(person.is_superuser)
        or Membership.objects.filter(user=person, organisation__active=True).exists()
    )


def administrators() -> list[Any]:
    """Who a person without a role should ask."""
    return list(
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(memberships__role=Role.ADMIN))
        .distinct()
        .order_by("username")
    )


# ---------------------------------------------------------------- who sees whom


def organisations_for(user: Any) -> QuerySet[Organisation]:
    """The organisations a person may see: every one for an administrator (deactivated too),
    otherwise their own unit or the subtree of their department or bureau."""
    return in_scope(user, Organisation.objects.select_related("parent"), "pk")


def people_for(user: Any) -> QuerySet[Any]:
    """The people a person may see: everyone for an administrator; for a reviewer, the people
    holding a role somewhere in their reach; nobody for anyone else."""
    people = get_user_model().objects.order_by("username")
    if is_admin(user):
        return people
    if not Membership.objects.filter(user=user, role=Role.REVIEWER).exists():
        return people.none()
    reach = unit_ids_for(user) or set()
    return people.filter(memberships__organisation_id__in=reach).distinct()


def roles_seen_by(user: Any, person: Any) -> list[Membership]:
    """A person's roles, those within the viewer's reach only."""
    return list(
        in_scope(
            user,
            Membership.objects.filter(user=person).select_related("organisation"),
            "organisation_id",
        ).order_by("organisation__code", "role")
    )
