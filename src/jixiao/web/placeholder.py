"""A page still being built (removed once every page exists)."""

from django.http import HttpRequest, HttpResponse


def placeholder(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse("建设中")
