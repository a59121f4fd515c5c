"""The form page's buttons on a return comment: 已修改 (the clerk), 确认 / 重新打开 (a reviewer).

Thin: scope from `form_for` (another tenant's form or comment is 404), the change from
`jixiao.web.services.comments`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from jixiao.web.scope import form_for
from jixiao.web.services import comments

DONE = {"fixed": "已标记为已修改。", "confirm": "已确认修改。", "reopen": "已重新打开这条意见。"}


@login_required
@require_POST
def comment_action(request: HttpRequest, pk: int, cid: int, action: str) -> HttpResponse:
    record = form_for(request.user, pk)
    comment = record.comments.select_related("author").filter(pk=cid).first()
    if comment is None or action not in comments.ACTIONS:
        raise Http404("没有这条审核意见。")
    try:
        if action == "fixed":
            comments.mark_fixed(comment, request.user, request.POST.get("note", ""))
        elif action == "confirm":
            comments.confirm_comment(comment, request.user)
        else:
            comments.reopen_comment(comment, request.user, request.POST.get("text", ""))
        messages.success(request, DONE[action])
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect(reverse("forms:detail", args=[record.pk]) + f"#comment-{comment.pk}")
