"""The site's URLs and one trivial view (`/bench/minimal`), for `bench/web_scale.py` only: the
floor a page is measured against, through the same server, middleware and session."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from jixiao.web.urls import urlpatterns as site


def minimal(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/minimal", minimal), *site]
