"""Uploads over the size limit: refused before they are read, never stored.

`UploadLimitMiddleware` answers 413 to a request whose Content-Length is over
``JIXIAO_MAX_REQUEST_BYTES`` before anything reads its body (it sits before the CSRF check,
which would parse the form): a page in Chinese, or JSON for the API. A request within that
limit may still carry one file over ``JIXIAO_MAX_UPLOAD_BYTES`` among others:
`LimitedUploadHandler` drops that file while it streams in (Django's handlers never see the
rest of it), so it is neither kept nor read, and the other files go on; the upload's job lists
it with the reason (`refused_uploads`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest, HttpResponse

TOO_LARGE = (
    "上传内容过大（{size}），超过 {limit} 的上限，未读取也未保存；请分批上传或压缩文件后重试"
)


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB" if size >= 1024 * 1024 else f"{size} 字节"


def request_limit() -> int:
    return int(getattr(settings, "JIXIAO_MAX_REQUEST_BYTES", settings.JIXIAO_MAX_UPLOAD_BYTES))


class UploadLimitMiddleware:
    """413 for a request whose declared body is over the limit, before the body is read."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = request_limit()
        if length > limit:
            return refusal(request, length, limit)
        return self.get_response(request)


def refusal(request: HttpRequest, size: int, limit: int) -> HttpResponse:
    message = TOO_LARGE.format(size=megabytes(size), limit=megabytes(limit))
    if request.path.startswith("/api/") or "json" in request.headers.get("Accept", ""):
        body = json.dumps({"detail": message}, ensure_ascii=False)
        response = HttpResponse(body, status=413, content_type="application/json; charset=utf-8")
    else:
        page = (
            '<!doctype html><html lang="zh-hans"><head><meta charset="utf-8">'
            "<title>上传内容过大</title></head><body><h1>上传内容过大</h1>"
            f'<p>{message}</p><p><a href="javascript:history.back()">返回</a></p></body></html>'
        )
        response = HttpResponse(page, status=413, content_type="text/html; charset=utf-8")
    return response


class LimitedUploadHandler(FileUploadHandler):
    """Drops, while it streams in, an uploaded file over ``JIXIAO_MAX_UPLOAD_BYTES``; the
    upload's other files go on. First among the upload handlers."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.received = 0

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0
        if self.content_length and self.content_length > settings.JIXIAO_MAX_UPLOAD_BYTES:
            self._refuse(self.content_length)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > settings.JIXIAO_MAX_UPLOAD_BYTES:
            self._refuse(self.received)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler makes the file

    def _refuse(self, size: int) -> None:
        text = too_large(self.file_name or "上传文件")
        if self.request is not None:
            refused = refused_uploads(self.request)
            refused.append((self.file_name or "上传文件", text))
            self.request.refused_uploads = refused  # type: ignore[attr-defined]
        raise SkipFile(text)


def too_large(name: str) -> str:
    limit = megabytes(settings.JIXIAO_MAX_UPLOAD_BYTES)
    return f"{name}：文件过大（超过 {limit} 的上限），未读取也未保存"


def refused_uploads(request: HttpRequest) -> list[tuple[str, str]]:
    """The files of the request dropped as too large while they streamed in: (name, why). The
    upload's job lists them beside the files it reads (`jobs.services.start_import`)."""
    return list(getattr(request, "refused_uploads", []))
