"""Headers every response carries: a Content-Security-Policy and `Cache-Control: no-store`.

- The policy lets a page run only the site's own scripts (static files) and the inline
  `<script nonce="{{ request.csp_nonce }}">` blocks of its own template; event-handler
  attributes (onclick= …) are refused, their behaviour lives in `static/web/site.js`. Styles
  may be inline (the print layout and the tables set them per page); nothing is loaded from
  another site, and no other site may frame a page or receive a form.
- Everything Django answers is personal or a download (pages of a logged-in person, the API,
  exports, originals), so nothing is kept by the browser or a proxy: `no-store`, unless the
  view chose a private caching of its own (a scan's cell image). Static files are served apart
  (the front server, or runserver's handler) and keep their own caching.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

NO_STORE = "no-store, private"


def content_security_policy(nonce: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


class SecurityHeadersMiddleware:
    """Sets `request.csp_nonce` for the templates, then the two headers on the response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        nonce = secrets.token_urlsafe(16)
        request.csp_nonce = nonce  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", content_security_policy(nonce))
        kept = response.get("Cache-Control", "")
        if "private" not in kept and "no-store" not in kept:  # a view's own choice stands
            response["Cache-Control"] = NO_STORE
        return response
