"""The set-up pages end to end: template, upload, preview, confirm; administrators only."""

from __future__ import annotations

import base64
import io
import re
from html import unescape

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from setup_sheet_world import (
    BUREAU_CODE,
    ORGANISATIONS,
    PEOPLE,
    administrator,
    bureau,
    filled_template,
)

from jixiao.web.orgs.models import AuditEvent, Organisation

URLS = ["setup_sheet:page", "setup_sheet:template", "setup_sheet:preview", "setup_sheet:confirm"]


@pytest.fixture
def admin_client(db, data_dir) -> Client:
    bureau()
    client = Client()
    client.force_login(administrator())
    return client


def upload(client: Client, name: str, data: bytes):
    return client.post(reverse("setup_sheet:page"), {"sheet": SimpleUploadedFile(name, data)})


def text(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def test_the_page_explains_the_steps_and_offers_the_template(admin_client) -> None:
    page = admin_client.get(reverse("setup_sheet:page"))
    assert page.status_code == 200
    assert "下载设置模板" in text(page) and f"单位编码 {BUREAU_CODE}" in text(page)
    template = admin_client.get(reverse("setup_sheet:template"))
    assert template.status_code == 200
    assert "attachment" in template["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(template.content))
    assert book.sheetnames == ["填写说明", "机构", "人员"]


def test_upload_preview_confirm_creates_everything_and_shows_the_passwords_once(
    admin_client, data_dir
) -> None:
    data = filled_template(ORGANISATIONS, PEOPLE)
    response = upload(admin_client, "设置.xlsx", data)
    assert response.status_code == 302 and response["Location"] == reverse("setup_sheet:preview")
    preview = admin_client.get(reverse("setup_sheet:preview"))
    page = text(preview)
    assert "新建机构 3" in page and "新建人员 3" in page and "增加角色 4" in page
    assert "某区第一中学（110106001001）" in page and "确认导入" in page
    assert not Organisation.objects.filter(code="110106001").exists()  # nothing until confirmed
    sha256 = preview.context["plan"].sha256
    assert list(data_dir.glob(f"originals/{sha256[:2]}/{sha256}"))  # kept as an original

    result = admin_client.post(reverse("setup_sheet:confirm"), {"sha256": sha256})
    assert result.status_code == 200
    assert "no-store" in result["Cache-Control"]
    assert Organisation.objects.get(code="110106001001").parent.code == "110106001"
    passwords = {p.username: p.password for p in result.context["result"].passwords}
    assert sorted(passwords) == ["lisi", "wangwu", "zhangsan"]
    assert passwords["lisi"] in result.content.decode()
    assert get_user_model().objects.get(username="lisi").check_password(passwords["lisi"])
    assert AuditEvent.objects.filter(action="setup_sheet", target="设置.xlsx").count() == 1

    # the download is in the page itself: nothing with the passwords is kept on the server
    link = re.search(
        r'href="data:[^;]+;base64,([^"]+)" download="初始密码.xlsx"', result.content.decode()
    )
    book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(link.group(1))))
    rows = {r[0]: r[2] for r in book.active.iter_rows(min_row=2, max_row=4, values_only=True)}
    assert rows == passwords
    assert "setup_sheet" not in admin_client.session
    assert not any(p in str(dict(admin_client.session)) for p in passwords.values())

    # the same sheet again: nothing to import
    upload(admin_client, "设置.xlsx", data)
    again = admin_client.get(reverse("setup_sheet:preview"))
    assert "无需导入" in text(again) and "确认导入" not in text(again)


def test_a_bad_row_is_refused_with_its_reason_then_the_fixed_sheet_imports(admin_client) -> None:
    bad = [*ORGANISATIONS, ["110106003001", "某区第三中学", "110106003", "预算单位"]]
    upload(admin_client, "设置.xlsx", filled_template(bad, PEOPLE))
    preview = admin_client.get(reverse("setup_sheet:preview"))
    page = text(preview)
    assert "有误的行（1 行）" in page and "请改正后重新上传" in page
    assert "上级编码“110106003”既不在系统中，也不在本表“机构”工作表中。" in page
    assert 'id="confirm"' not in preview.content.decode()
    sha256 = preview.context["plan"].sha256
    refused = admin_client.post(reverse("setup_sheet:confirm"), {"sha256": sha256})
    assert refused.status_code == 409 and not Organisation.objects.filter(code="110106001").exists()

    fixed = [*ORGANISATIONS, ["110106003001", "某区第三中学", "110106001", "预算单位"]]
    upload(admin_client, "设置（改）.xlsx", filled_template(fixed, PEOPLE))
    sha256 = admin_client.get(reverse("setup_sheet:preview")).context["plan"].sha256
    admin_client.post(reverse("setup_sheet:confirm"), {"sha256": sha256})
    assert Organisation.objects.get(code="110106003001").parent.code == "110106001"


def test_confirming_checks_the_database_as_it_is_then(admin_client) -> None:
    upload(admin_client, "设置.xlsx", filled_template(ORGANISATIONS, PEOPLE))
    sha256 = admin_client.get(reverse("setup_sheet:preview")).context["plan"].sha256
    # meanwhile someone makes a department of the same name by hand
    Organisation.objects.create(
        code="X9",
        name="某区教育委员会",
        kind="department",
        parent=Organisation.objects.get(code=BUREAU_CODE),
    )
    response = admin_client.post(reverse("setup_sheet:confirm"), {"sha256": sha256})
    assert response.status_code == 409
    assert "已有名为“某区教育委员会”的机构（编码 X9）" in text(response)
    assert not Organisation.objects.filter(code="110106001").exists()


def test_a_confirmation_for_another_file_is_refused(admin_client) -> None:
    upload(admin_client, "设置.xlsx", filled_template(ORGANISATIONS, PEOPLE))
    response = admin_client.post(reverse("setup_sheet:confirm"), {"sha256": "0" * 64}, follow=True)
    assert "预览已过期" in text(response)
    assert not Organisation.objects.filter(code="110106001").exists()


def test_a_corrupt_or_empty_file_is_named_with_its_reason(admin_client) -> None:
    corrupt = upload(admin_client, "机构设置.xlsx", b"PK\x03\x04broken")
    assert corrupt.status_code == 400
    assert "机构设置.xlsx：文件已损坏或不完整" in text(corrupt)
    empty = upload(admin_client, "空表.xlsx", b"")
    assert "空表.xlsx：文件是空的（0 字节）" in text(empty)
    assert "setup_sheet" not in admin_client.session
    nothing = admin_client.get(reverse("setup_sheet:preview"), follow=True)
    assert "请先上传填好的设置表" in text(nothing)


def test_only_administrators_reach_the_pages(world) -> None:
    for user in (world.filler_a, world.reviewer_a, world.bureau_reviewer):
        client = world.client(user)
        for name in URLS:
            assert client.get(reverse(name)).status_code == 404, (user, name)
        posted = client.post(
            reverse("setup_sheet:page"),
            {"sheet": SimpleUploadedFile("设置.xlsx", filled_template(ORGANISATIONS, PEOPLE))},
        )
        assert posted.status_code == 404
        assert client.post(reverse("setup_sheet:confirm"), {"sha256": "0" * 64}).status_code == 404
    assert not Organisation.objects.filter(code="110106001").exists()
    assert world.client(world.admin).get(reverse("setup_sheet:page")).status_code == 200
