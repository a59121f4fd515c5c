"""Organisations and people: the JSON API endpoints (mounted on the main API at /api/).

The same services and the same scope as the pages: an organisation or a person out of the
caller's reach is a 404; a change the caller may not make is a 403; a change the services refuse
is a 422 with their Chinese message. Passwords never go out, except the temporary password of a
person just created, once.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from jixiao.web.orgs import services
from jixiao.web.orgs.models import Membership, Organisation
from jixiao.web.scope import is_admin

router = Router(tags=["机构与人员"])

NO_ORGANISATION = "没有这个机构，或您无权查看。"
NO_PERSON = "没有这个人员，或您无权查看。"


class OrganisationOut(Schema):
    code: str
    name: str
    kind: str  # bureau 财政局, department 主管部门, unit 预算单位
    parent_code: str | None
    active: bool


class OrganisationIn(Schema):
    code: str
    name: str
    kind: str
    parent_code: str | None = None


class OrganisationChange(Schema):
    code: str | None = None
    name: str | None = None
    parent_code: str | None = None
    active: bool | None = None


class RoleOut(Schema):
    organisation_code: str
    role: str  # filler 填报人, reviewer 审核人, admin 管理员


class PersonOut(Schema):
    username: str
    name: str
    email: str
    active: bool
    roles: list[RoleOut]


class PersonIn(Schema):
    username: str
    name: str = ""
    email: str = ""
    role: str = ""
    organisation_code: str = ""


class NewPersonOut(PersonOut):
    temporary_password: str  # shown this once; must be changed at first login


class RoleIn(Schema):
    organisation_code: str
    role: str


def _organisation_out(o: Organisation) -> OrganisationOut:
    return OrganisationOut(
        code=o.code,
        name=o.name,
        kind=o.kind,
        parent_code=o.parent.code if o.parent else None,
        active=o.active,
    )


def _person_out(request: HttpRequest, person: Any) -> PersonOut:
    return PersonOut(
        username=person.username,
        name=person.first_name,
        email=person.email,
        active=person.is_active,
        roles=[
            RoleOut(organisation_code=m.organisation.code, role=m.role)
            for m in services.roles_seen_by(request.user, person)
        ],
    )


def _visible_organisations(request: HttpRequest) -> Any:
    found = services.organisations_for(request.user)
    return found if is_admin(request.user) else found.filter(active=True)


def _organisation(request: HttpRequest, code: str) -> Organisation:
    found = _visible_organisations(request).filter(code=code).first()
    if found is None:
        raise HttpError(404, NO_ORGANISATION)
    return found


def _parent(code: str | None) -> Organisation | None:
    if not code:
        return None
    parent = Organisation.objects.filter(code=code).first()
    if parent is None:
        raise HttpError(422, f"上级机构编码“{code}”不存在。")
    return parent


def _person(request: HttpRequest, username: str) -> Any:
    found = services.people_for(request.user).filter(username=username).first()
    if found is None:
        raise HttpError(404, NO_PERSON)
    return found


def _admin_only(request: HttpRequest) -> None:
    if not is_admin(request.user):
        raise HttpError(403, "只有管理员可以修改机构和人员。")


def _refused(exc: ValidationError) -> HttpError:
    return HttpError(422, "；".join(exc.messages))


@router.get("/organisations", response=list[OrganisationOut], summary="机构列表（本人范围内）")
def list_organisations(request: HttpRequest) -> list[OrganisationOut]:
    rows = _visible_organisations(request).order_by("code")
    return [_organisation_out(o) for o in rows]


@router.get("/organisations/{code}", response=OrganisationOut, summary="一个机构")
def get_organisation(request: HttpRequest, code: str) -> OrganisationOut:
    return _organisation_out(_organisation(request, code))


@router.post("/organisations", response={201: OrganisationOut}, summary="新建机构（管理员）")
def create_organisation(request: HttpRequest, payload: OrganisationIn) -> Status[OrganisationOut]:
    _admin_only(request)
    try:
        made = services.create_organisation(
            request.user,
            code=payload.code,
            name=payload.name,
            kind=payload.kind,
            parent=_parent(payload.parent_code),
        )
    except ValidationError as exc:
        raise _refused(exc) from exc
    return Status(201, _organisation_out(made))


@router.patch(
    "/organisations/{code}",
    response=OrganisationOut,
    summary="改名、改编码、移动、停用或启用机构（管理员）",
)
def change_organisation(
    request: HttpRequest, code: str, payload: OrganisationChange
) -> OrganisationOut:
    organisation = _organisation(request, code)
    _admin_only(request)
    try:
        with transaction.atomic():
            if payload.active is False:
                services.set_organisation_active(request.user, organisation, False)
            if payload.parent_code is not None:
                parent = _parent(payload.parent_code)
                if parent is None:
                    raise ValidationError("请给出新的上级机构编码。")
                services.move_organisation(request.user, organisation, parent)
            if payload.active:
                services.set_organisation_active(request.user, organisation, True)
            services.update_organisation(
                request.user, organisation, code=payload.code, name=payload.name
            )
    except ValidationError as exc:
        raise _refused(exc) from exc
    organisation.refresh_from_db()
    return _organisation_out(organisation)


@router.get("/people", response=list[PersonOut], summary="人员及其角色（不含密码）")
def list_people(request: HttpRequest) -> list[PersonOut]:
    if (
        not is_admin(request.user)
        and not Membership.objects.filter(user=request.user, role=Membership.Role.REVIEWER).exists()
    ):
        raise HttpError(403, "只有审核人和管理员可以查看人员。")
    return [_person_out(request, p) for p in services.people_for(request.user)]


@router.get("/people/{username}", response=PersonOut, summary="一个人员及其角色（不含密码）")
def get_person(request: HttpRequest, username: str) -> PersonOut:
    return _person_out(request, _person(request, username))


@router.post(
    "/people",
    response={201: NewPersonOut},
    summary="新建人员（管理员）：返回临时密码，只返回这一次",
)
def create_person(request: HttpRequest, payload: PersonIn) -> Status[NewPersonOut]:
    _admin_only(request)
    organisation = None
    if payload.organisation_code:
        organisation = Organisation.objects.filter(code=payload.organisation_code).first()
        if organisation is None:
            raise HttpError(422, f"机构编码“{payload.organisation_code}”不存在。")
    try:
        made = services.create_person(
            request.user,
            username=payload.username,
            name=payload.name,
            email=payload.email,
            role=payload.role,
            organisation=organisation,
        )
    except ValidationError as exc:
        raise _refused(exc) from exc
    out = _person_out(request, made.user)
    return Status(201, NewPersonOut(**out.model_dump(), temporary_password=made.password))


def _role_target(request: HttpRequest, username: str, payload: RoleIn) -> tuple[Any, Organisation]:
    person = _person(request, username)
    _admin_only(request)
    organisation = Organisation.objects.filter(code=payload.organisation_code).first()
    if organisation is None:
        raise HttpError(422, f"机构编码“{payload.organisation_code}”不存在。")
    return person, organisation


@router.post("/people/{username}/roles", response=PersonOut, summary="授予角色（管理员）")
def grant_role(request: HttpRequest, username: str, payload: RoleIn) -> PersonOut:
    person, organisation = _role_target(request, username, payload)
    try:
        services.grant_role(request.user, person, organisation, payload.role)
    except ValidationError as exc:
        raise _refused(exc) from exc
    return _person_out(request, person)


@router.delete("/people/{username}/roles", response=PersonOut, summary="取消角色（管理员）")
def revoke_role(request: HttpRequest, username: str, payload: RoleIn) -> PersonOut:
    person, organisation = _role_target(request, username, payload)
    membership = Membership.objects.filter(
        user=person, organisation=organisation, role=payload.role
    ).first()
    if membership is None:
        raise HttpError(404, "此人在这个机构没有这个角色。")
    try:
        services.revoke_role(request.user, membership)
    except ValidationError as exc:
        raise _refused(exc) from exc
    return _person_out(request, person)
