"""/api/docs works with no internet: Swagger UI comes from the pinned front-end packages, copied
into static by the Makefile like ECharts; without them the page says how to get them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from jixiao.web import api_docs

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "src" / "jixiao" / "web" / "static"
PACKAGE = ROOT / "node_modules" / "swagger-ui-dist"
ASSET_URLS = re.compile(r'<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"', re.I)


@pytest.fixture
def assets() -> None:
    """The vendor files as the Makefile rule leaves them: copied here from node_modules when
    only `npm ci` ran; skipped where npm never ran."""
    missing = [p for p in api_docs.ASSETS.values() if not (STATIC / p).is_file()]
    if not missing:
        return
    if not PACKAGE.is_dir():
        pytest.skip(
            "没有 node_modules/swagger-ui-dist（未运行 npm ci），无法检查本地的 Swagger UI 文件"
        )
    for path in missing:
        (STATIC / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PACKAGE / Path(path).name, STATIC / path)


@pytest.fixture
def signed_in(db, django_user_model) -> Client:
    client = Client()
    client.force_login(django_user_model.objects.create_user(username="reader", password="x"))
    return client


def test_it_serves_the_docs_from_local_files_only(assets, signed_in) -> None:
    response = signed_in.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    urls = ASSET_URLS.findall(html)
    assert any(u.endswith("swagger-ui-bundle.js") for u in urls)
    assert any(u.endswith("swagger-ui.css") for u in urls)
    for url in urls:
        if url == "data:,":  # the page's empty icon: no request at all
            continue
        assert url.startswith("/") and not url.startswith("//"), url
    assert not re.search(r"<(script|link)\b[^>]*https?://", html)
    assert "cdn.jsdelivr" not in html and 'docs-missing" hidden' in html


def test_the_files_it_refers_to_exist(assets, signed_in) -> None:
    html = signed_in.get("/api/docs").content.decode()
    static = [u.removeprefix("/static/") for u in ASSET_URLS.findall(html) if "/static/" in u]
    assert "vendor/swagger-ui/swagger-ui-bundle.js" in static
    for path in static:
        assert finders.find(path), f"{path} 不存在"
    bundle = Path(finders.find("vendor/swagger-ui/swagger-ui-bundle.js"))
    assert bundle.stat().st_size > 100_000 and b"SwaggerUIBundle" in bundle.read_bytes()


def test_it_says_in_chinese_how_to_get_the_files_when_they_are_missing(
    signed_in, monkeypatch
) -> None:
    monkeypatch.setattr(api_docs, "assets_present", lambda: False)
    html = signed_in.get("/api/docs").content.decode()
    assert "Swagger UI 文件还没有安装" in html and "make run" in html
    assert 'swagger-ui-bundle.js"' not in html  # no script that would 404
    assert 'id="openapi-json"' in html


def test_the_openapi_description_loads(signed_in) -> None:
    response = signed_in.get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "jixiao API"
    assert "/api/forms" in schema["paths"]
