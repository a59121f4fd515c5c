"""The 待办 page and notifications: thin views over `todo` and `services`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao.web.inbox import services
from jixiao.web.inbox.todo import todo_for
from jixiao.web.scope import remembering_scope


@login_required
@remembering_scope
def page(request: HttpRequest) -> HttpResponse:
    todo = todo_for(request.user)
    notes = services.notifications_for(request.user)
    context = {
        "todo": todo,
        "notes": notes,
        "unread_count": services.unread(request.user).count(),
    }
    return render(request, "inbox/page.html", context)


@login_required
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    return redirect(services.open_notification(request.user, pk))


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    marked = services.mark_all_read(request.user)
    messages.success(request, f"已将 {marked} 条通知标为已读。" if marked else "没有未读通知。")
    return redirect("inbox:page")
