"""A form as the paper original, for printing."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from jixiao.web.scope import form_for


@login_required
def form_print(request: HttpRequest, pk: int) -> HttpResponse:
    form_for(request.user, pk)
    return HttpResponse("")
