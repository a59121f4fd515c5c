"""决算说明 pages: paste or upload a narrative, see each claim in its sentence, the list in scope."""

from __future__ import annotations

import hashlib
from pathlib import Path

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jixiao.web.final_accounts.models import NarrativeRecord
from jixiao.web.orgs.models import AuditEvent, Organisation

NARRATIVE = (
    "第二部分 2021年度部门决算说明\n"
    "2021年度本年收入合计3869.78万元，比上年增加1778.52万元，增长85.05%。\n"
    "2021年度财政拨款收、支总计4149.35万元，比上年增加1854.45万元，增长44.69%。\n"
)


def paste(client, organisation: Organisation, text: str = NARRATIVE, **extra: str):
    data = {"organisation": organisation.pk, "text": text, **extra}
    return client.post(reverse("final_accounts:new"), data)


def test_it_checks_pasted_text_and_marks_the_wrong_claim_with_the_right_figure(world) -> None:
    client = world.client(world.filler_a)
    response = paste(client, world.unit_a)
    record = NarrativeRecord.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("final_accounts:detail", args=[record.pk])
    page = client.get(response["Location"]).content.decode()
    assert '<span class="claim wrong"' in page
    assert "比上年增加1854.45万元，增长44.69%</span>" in page
    assert '应为 <span class="right-figure">80.81%</span>' in page
    assert "ACCOUNTS_RATE_MISMATCH" in page
    assert '<span class="claim ok"' in page  # 85.05% is right
    assert (record.organisation, record.year, record.wrong, record.pasted) == (
        world.unit_a,
        2021,
        1,
        True,
    )


def test_it_keeps_the_uploaded_original(world, tmp_path) -> None:
    document = docx.Document()
    for line in NARRATIVE.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "决算说明.docx"
    document.save(str(path))
    data = path.read_bytes()
    client = world.client(world.filler_a)
    upload = SimpleUploadedFile("决算说明.docx", data)
    response = client.post(
        reverse("final_accounts:new"), {"organisation": world.unit_a.pk, "file": upload}
    )
    record = NarrativeRecord.objects.get()
    assert response.status_code == 302 and record.name == "决算说明.docx"
    original = client.get(reverse("final_accounts:original", args=[record.pk]))
    assert b"".join(original.streaming_content) == data
    page = client.get(reverse("final_accounts:detail", args=[record.pk])).content.decode()
    assert "第3段" in page and "80.81%" in page


def test_it_reads_an_upload_in_gbk(world) -> None:
    client = world.client(world.filler_a)
    upload = SimpleUploadedFile("说明.txt", NARRATIVE.encode("gbk"))
    client.post(reverse("final_accounts:new"), {"organisation": world.unit_a.pk, "file": upload})
    assert NarrativeRecord.objects.get().wrong == 1


def test_it_says_why_a_file_cannot_be_read_and_keeps_the_original(world, settings) -> None:
    client = world.client(world.filler_a)
    data = b"PK\x03\x04 broken"
    upload = SimpleUploadedFile("坏文件.docx", data)
    response = client.post(
        reverse("final_accounts:new"), {"organisation": world.unit_a.pk, "file": upload}
    )
    assert response.status_code == 400
    assert "坏文件.docx：文件已损坏或不完整" in response.content.decode()
    assert not NarrativeRecord.objects.exists()  # no result to show
    sha256 = hashlib.sha256(data).hexdigest()
    assert (Path(settings.ORIGINALS_DIR) / sha256[:2] / sha256).read_bytes() == data
    event = AuditEvent.objects.get(action="import_narrative_failed")
    assert event.user == world.filler_a and event.detail["sha256"] == sha256


def test_it_asks_for_text_when_nothing_was_given(world) -> None:
    response = paste(world.client(world.filler_a), world.unit_a, text="   ")
    assert response.status_code == 400
    assert "没有输入文字" in response.content.decode()


def test_it_keeps_the_same_text_once_per_organisation(world) -> None:
    client = world.client(world.filler_a)
    paste(client, world.unit_a)
    paste(client, world.unit_a)
    assert NarrativeRecord.objects.count() == 1


def test_it_imports_the_sample_in_one_click_with_its_three_mistakes(world) -> None:
    client = world.client(world.admin)
    response = client.post(reverse("final_accounts:sample"), {"organisation": "sample"})
    record = NarrativeRecord.objects.get()
    assert record.organisation.name == "丰台区政务服务管理局"
    assert record.organisation.parent.name == "示例财政局"
    assert (record.year, record.claims, record.wrong, record.unchecked) == (2021, 118, 3, 35)
    page = client.get(response["Location"]).content.decode()
    assert page.count('<tr class="sev-error">') == 3
    assert (
        "第二部分 2021年度部门决算说明" in page and "第三部分2021年度其他重要事项的情况说明" in page
    )
    assert "基数为零，不能计算增长率" in page and "2020年度决算</span>" in page


def test_a_unit_may_import_the_sample_into_its_own_unit(world) -> None:
    client = world.client(world.filler_a)
    client.post(reverse("final_accounts:sample"), {"organisation": world.unit_a.pk})
    assert NarrativeRecord.objects.get().organisation == world.unit_a
    client.post(reverse("final_accounts:sample"), {"organisation": "sample"})  # not an admin
    assert NarrativeRecord.objects.count() == 1


def test_the_list_shows_the_narratives_in_scope_only(world) -> None:
    paste(world.client(world.filler_a), world.unit_a)
    paste(world.client(world.filler_b), world.unit_b, text=NARRATIVE + "乙单位。")
    mine = world.client(world.filler_a).get(reverse("final_accounts:list")).content.decode()
    assert mine.count("粘贴的文本") == 1 and world.unit_a.name in mine
    assert world.unit_b.name not in mine
    reviewer = world.client(world.reviewer_a).get(reverse("final_accounts:list")).content.decode()
    assert world.unit_a.name in reviewer and world.unit_b.name not in reviewer
    admin = world.client(world.admin).get(reverse("final_accounts:list")).content.decode()
    assert world.unit_a.name in admin and world.unit_b.name in admin


def test_it_validates_ownership(world) -> None:
    paste(world.client(world.filler_b), world.unit_b)
    theirs = NarrativeRecord.objects.get()
    client = world.client(world.filler_a)
    assert client.get(reverse("final_accounts:detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("final_accounts:original", args=[theirs.pk])).status_code == 404
    reviewer = world.client(world.reviewer_a)
    assert reviewer.get(reverse("final_accounts:detail", args=[theirs.pk])).status_code == 404
    assert (
        world.client(world.filler_b)
        .get(reverse("final_accounts:detail", args=[theirs.pk]))
        .status_code
        == 200
    )


def test_it_refuses_to_file_a_narrative_under_another_unit(world) -> None:
    client = world.client(world.filler_a)
    assert paste(client, world.unit_b).status_code == 400
    sample = client.post(reverse("final_accounts:sample"), {"organisation": world.unit_b.pk})
    assert sample.status_code == 302 and sample["Location"] == reverse("final_accounts:new")
    assert not NarrativeRecord.objects.exists()


def test_it_sends_strangers_to_the_login_page(world) -> None:
    from django.test import Client

    response = Client().get(reverse("final_accounts:list"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_list_offers_the_sample_in_one_click(world) -> None:
    client = world.client(world.filler_a)
    page = client.get(reverse("final_accounts:list")).content.decode()
    assert 'id="sample-button"' in page and f'<option value="{world.unit_a.pk}">' in page
    assert f'<option value="{world.unit_b.pk}">' not in page
