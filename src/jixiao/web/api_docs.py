"""The API documentation page (/api/docs): Swagger UI from the pinned front-end packages.

django-ninja's default page loads Swagger UI from a CDN, a blank page on an intranet. Here the
assets come from `swagger-ui-dist` (pinned in package-lock.json), which the Makefile copies into
`static/vendor/swagger-ui/` beside ECharts; without them the page says in Chinese how to get them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import Swagger, _csrf_needed

if TYPE_CHECKING:
    from ninja import NinjaAPI

ASSETS = {
    "css": "vendor/swagger-ui/swagger-ui.css",
    "js": "vendor/swagger-ui/swagger-ui-bundle.js",
}


def assets_present() -> bool:
    return all(finders.find(path) or staticfiles_storage.exists(path) for path in ASSETS.values())


class LocalSwagger(Swagger):
    template = "web/api_docs.html"

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        context = {
            "swagger_settings": {**self.settings, "url": self.get_openapi_url(api, kwargs)},
            "api": api,
            "add_csrf": _csrf_needed(api),
            "assets": ASSETS,
            "assets_present": assets_present(),
        }
        return render(request, self.template, context)
