"""The set-up pages: the organisation tree, people and their roles, one's own password, the page
for someone with no role yet, and naming the bureau.

Every change is a call to `jixiao.web.orgs.services`; a refusal there comes back as its Chinese
message. Only administrators reach the organisation and people pages: anyone else gets the same
404 as for a page that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jixiao.web.forms.models import FormRecord
from jixiao.web.orgs import services
from jixiao.web.orgs.models import Membership, Organisation
from jixiao.web.paging import one_page
from jixiao.web.scope import is_admin

NOT_FOUND = "没有这一页，或您无权查看。"
View = Callable[..., HttpResponse]


def admin_only(view: View) -> View:
    """Administrators only; anyone else is told the page does not exist."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_admin(request.user):
            raise Http404(NOT_FOUND)
        return view(request, *args, **kwargs)

    return wrapped


def _refused(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, "；".join(error.messages))


# ---------------------------------------------------------------- organisations


def _child_kinds(kind: str) -> list[tuple[str, str]]:
    return [
        (child, services.kind_label(child))
        for child, parents in services.PARENT_KINDS.items()
        if kind in parents
    ]


def _choices(
    rows: list[tuple[Organisation, int]], keep: Callable[[Organisation], bool]
) -> list[tuple[int, str, str]]:
    """Organisations for a select (id, label indented under its parent, kind)."""
    return [(o.pk, "　" * depth + o.label, o.kind) for o, depth in rows if keep(o)]


@admin_only
def tree(request: HttpRequest) -> HttpResponse:
    show_all = request.GET.get("all") == "1"
    rows = services.tree(include_inactive=show_all)
    people = dict(
        Membership.objects.values_list("organisation").annotate(n=Count("user", distinct=True))
    )
    own_forms = dict(FormRecord.objects.values_list("unit").annotate(n=Count("pk")))
    forms = {o.pk: own_forms.get(o.pk, 0) for o, _ in rows}
    for o, _ in reversed(rows):  # children come after their parents: add them upwards
        if o.parent_id in forms:
            forms[o.parent_id] += forms[o.pk]
    context = {
        "rows": [
            {
                "org": o,
                "depth": depth,
                "indent": f"{depth * 1.5 + 0.45:.2f}",
                "people": people.get(o.pk, 0),
                "forms": forms[o.pk],
            }
            for o, depth in rows
        ],
        "show_all": show_all,
        "inactive": Organisation.objects.filter(active=False).count(),
        "bureau": services.the_bureau(),
    }
    return render(request, "orgs/tree.html", context)


@admin_only
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(Organisation.objects.select_related("parent"), pk=pk)
    rows = services.tree()
    below = org.subtree_ids()
    parents = services.PARENT_KINDS[org.kind]
    context = {
        "org": org,
        "holdings": services.holdings(org),
        "children": org.children.order_by("-active", "code"),
        "memberships": org.memberships.select_related("user").order_by("role", "user__username"),
        "child_kinds": _child_kinds(org.kind),
        "parents": _choices(rows, lambda o: o.kind in parents and o.pk not in below),
    }
    return render(request, "orgs/organisation.html", context)


@admin_only
@require_POST
def create(request: HttpRequest) -> HttpResponse:
    post = request.POST
    parent = None
    if post.get("parent", "").isdigit():
        parent = Organisation.objects.filter(pk=post["parent"]).first()
    back = redirect("orgs:organisation", pk=parent.pk) if parent else redirect("orgs:tree")
    try:
        made = services.create_organisation(
            request.user,
            code=post.get("code", ""),
            name=post.get("name", ""),
            kind=post.get("kind", ""),
            parent=parent,
        )
    except ValidationError as exc:
        _refused(request, exc)
        return back
    messages.success(request, f"已创建{made.get_kind_display()}“{made.label}”。")
    return back


@admin_only
@require_POST
def organisation_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    org = get_object_or_404(Organisation, pk=pk)
    post = request.POST
    try:
        if action == "update":
            services.update_organisation(
                request.user, org, code=post.get("code", ""), name=post.get("name", "")
            )
            messages.success(request, f"已保存：{org.label}。")
        elif action == "move":
            parent = Organisation.objects.filter(pk=_int(post.get("parent"))).first()
            if parent is None:
                raise ValidationError("请选择新的上级机构。")
            services.move_organisation(request.user, org, parent)
            messages.success(request, f"已把“{org.name}”移到“{parent.name}”之下。")
        elif action in ("activate", "deactivate"):
            services.set_organisation_active(request.user, org, action == "activate")
            if action == "activate":
                messages.success(request, f"已启用“{org.label}”。")
            else:
                messages.success(
                    request, f"已停用“{org.label}”及其下级（记录都保留，可随时启用）。"
                )
                return redirect("orgs:tree")
        else:
            raise Http404(NOT_FOUND)
    except ValidationError as exc:
        _refused(request, exc)
    if post.get("back") == "tree":
        return redirect(reverse("orgs:tree") + "?all=1")
    return redirect("orgs:organisation", pk=org.pk)


@admin_only
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(Organisation, pk=pk, kind=Organisation.Kind.UNIT)
    units = services.organisations().filter(kind=Organisation.Kind.UNIT).exclude(pk=source.pk)
    into = request.POST.get("into") or request.GET.get("into") or ""
    target = units.filter(pk=_int(into)).first()
    holdings = services.holdings(source)
    if request.method == "POST" and target is not None:
        try:
            services.merge_units(request.user, source, target)
        except ValidationError as exc:
            _refused(request, exc)
            return redirect("orgs:organisation", pk=source.pk)
        carried = "、".join(f"{label} {n}" for label, n in holdings.items()) or "没有需要转入的内容"
        messages.success(
            request,
            f"已把“{source.label}”合并到“{target.label}”（{carried}）；“{source.name}”已停用。",
        )
        return redirect("orgs:organisation", pk=target.pk)
    if into and target is None:
        messages.error(request, "请选择一个启用中的预算单位（不能是它自己）。")
    context = {
        "source": source,
        "target": target,
        "holdings": holdings,
        "units": units.order_by("parent__code", "code"),
    }
    return render(request, "orgs/merge.html", context)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


# ---------------------------------------------------------------- people


@admin_only
def people(request: HttpRequest) -> HttpResponse:
    rows = services.tree()
    if request.method == "POST":
        post = request.POST
        organisation = Organisation.objects.filter(pk=_int(post.get("organisation"))).first()
        try:
            made = services.create_person(
                request.user,
                username=post.get("username", ""),
                name=post.get("name", ""),
                email=post.get("email", ""),
                role=post.get("role", ""),
                organisation=organisation,
            )
        except ValidationError as exc:
            _refused(request, exc)
        else:
            return _password_slip(request, made, "已创建账号")
    get = request.GET
    users = (
        get_user_model().objects.order_by("username").prefetch_related("memberships__organisation")
    )
    if get.get("organisation", "").isdigit():
        users = users.filter(memberships__organisation_id=get["organisation"])
    if get.get("role") in Membership.Role.values:
        users = users.filter(memberships__role=get["role"])
    if text := get.get("q", "").strip():
        users = users.filter(
            Q(username__icontains=text) | Q(first_name__icontains=text) | Q(email__icontains=text)
        )
    people = users.distinct()
    context = {
        **one_page(request, people, people.count(), list, "人"),
        "get": get,
        "organisations": _choices(rows, lambda o: True),
        "roles": Membership.Role.choices,
        "post": request.POST,
    }
    return render(request, "orgs/people.html", context)


@admin_only
def person(request: HttpRequest, pk: int) -> HttpResponse:
    someone = get_object_or_404(get_user_model(), pk=pk)
    context = {
        "person": someone,
        "memberships": someone.memberships.select_related("organisation").order_by(
            "organisation__code", "role"
        ),
        "organisations": _choices(services.tree(), lambda o: True),
        "roles": Membership.Role.choices,
        "role_kinds": {str(r): [str(k) for k in kinds] for r, kinds in services.ROLE_KINDS.items()},
        "must_change": services.profile_of(someone).must_change_password,
        "myself": someone.pk == request.user.pk,
    }
    return render(request, "orgs/person.html", context)


@admin_only
@require_POST
def person_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    someone = get_object_or_404(get_user_model(), pk=pk)
    post = request.POST
    try:
        if action == "update":
            services.update_person(
                request.user, someone, name=post.get("name", ""), email=post.get("email", "")
            )
            messages.success(request, "已保存。")
        elif action == "grant":
            organisation = Organisation.objects.filter(pk=_int(post.get("organisation"))).first()
            if organisation is None:
                raise ValidationError("请选择机构。")
            services.grant_role(request.user, someone, organisation, post.get("role", ""))
            messages.success(
                request,
                f"已授予{services.role_label(post['role'])}（{organisation.label}）。",
            )
        elif action == "revoke":
            membership = get_object_or_404(
                Membership, pk=_int(post.get("membership")), user=someone
            )
            services.revoke_role(request.user, membership)
            messages.success(
                request,
                f"已取消{membership.get_role_display()}（{membership.organisation.label}）。",
            )
        elif action in ("activate", "deactivate"):
            services.set_person_active(request.user, someone, action == "activate")
            messages.success(request, "已启用账号。" if action == "activate" else "已停用账号。")
        elif action == "reset":
            return _password_slip(
                request, services.reset_password(request.user, someone), "已重置密码"
            )
        else:
            raise Http404(NOT_FOUND)
    except ValidationError as exc:
        _refused(request, exc)
    return redirect("orgs:person", pk=someone.pk)


def _password_slip(request: HttpRequest, made: services.NewPassword, what: str) -> HttpResponse:
    """The temporary password, shown this once, on a slip to print or hand over."""
    context = {
        "what": what,
        "person": made.user,
        "password": made.password,
        "login_url": request.build_absolute_uri(reverse("login")),
    }
    response = render(request, "orgs/password_slip.html", context)
    response["Cache-Control"] = "no-store"
    return response


# ---------------------------------------------------------------- everyone


class ChinesePasswordChangeForm(PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "原密码"
        self.fields["new_password1"].label = "新密码"
        self.fields["new_password2"].label = "再输入一次新密码"
        self.error_messages = {
            **self.error_messages,
            "password_incorrect": "原密码不对，请重新输入。",
            "password_mismatch": "两次输入的新密码不一样。",
        }


@login_required
def password(request: HttpRequest) -> HttpResponse:
    form = ChinesePasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        services.password_changed(user)
        messages.success(request, "密码已修改。")
        return redirect("forms:list")
    must_change = services.profile_of(request.user).must_change_password
    return render(request, "orgs/password.html", {"form": form, "must_change": must_change})


@login_required
def no_role(request: HttpRequest) -> HttpResponse:
    if services.has_role(request.user):
        return redirect("forms:list")
    return render(request, "orgs/no_role.html", {"administrators": services.administrators()})


@admin_only
def bureau_setup(request: HttpRequest) -> HttpResponse:
    if services.the_bureau() is not None:
        messages.info(request, f"财政局已设置为“{services.the_bureau()}”。")
        return redirect("orgs:tree")
    if request.method == "POST":
        try:
            bureau = services.set_up_bureau(
                request.user, name=request.POST.get("name", ""), code=request.POST.get("code", "")
            )
        except ValidationError as exc:
            _refused(request, exc)
        else:
            messages.success(
                request, f"已设置财政局“{bureau.label}”。下一步：添加主管部门和预算单位。"
            )
            return redirect("orgs:tree")
    return render(request, "orgs/bureau_setup.html", {"post": request.POST})
