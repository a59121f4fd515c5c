"""Uploading many files at once: forms per file or the reason it failed; originals kept once."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from seeds import SAMPLES

from jixiao.web.forms.models import FormRecord, StoredFile


def upload(client, *files: tuple[str, bytes], unit: object) -> str:
    payload = [SimpleUploadedFile(name, data) for name, data in files]
    response = client.post(
        reverse("forms:upload"), {"unit": unit.pk, "files": payload}, follow=True
    )  # to the job's page, which shows each file's result
    assert response.status_code == 200
    return response.content.decode()


def test_it_reads_every_file_and_says_why_one_failed(world, data_dir) -> None:
    seed = (SAMPLES / "003_ef0035a2046f2b5a.txt").read_bytes()
    page = upload(
        world.client(world.filler_a),
        ("通州.txt", seed),
        ("坏文件.docx", b"PK\x03\x04broken"),
        ("空.xlsx", b""),
        unit=world.unit_a,
    )
    assert "读出 29 张自评表" in page
    assert "坏文件.docx：文件已损坏或不完整" in page
    assert "空.xlsx：文件是空的" in page
    assert FormRecord.objects.filter(unit=world.unit_a).count() == 2 + 29
    broken = StoredFile.objects.get(name="坏文件.docx")
    assert (
        broken.error
        and (data_dir / "originals" / broken.sha256[:2] / broken.sha256).read_bytes()
        == b"PK\x03\x04broken"
    )


def test_the_same_file_twice_makes_no_duplicates(world) -> None:
    data = (SAMPLES / "004_b10b36a27f1da553.txt").read_bytes()
    page = upload(world.client(world.filler_a), ("again.txt", data), unit=world.unit_a)
    assert "此文件已上传过" in page
    assert FormRecord.objects.filter(project_name="公共服务经费").count() == 1


def test_the_original_is_kept_and_can_be_downloaded_by_its_unit_only(world) -> None:
    response = world.client(world.filler_a).get(reverse("forms:original", args=[world.form_a.pk]))
    assert (
        b"".join(response.streaming_content) == (SAMPLES / "004_b10b36a27f1da553.txt").read_bytes()
    )
    assert (
        world.client(world.filler_b)
        .get(reverse("forms:original", args=[world.form_a.pk]))
        .status_code
        == 404
    )


def test_a_filler_cannot_upload_into_another_unit(world) -> None:
    data = (SAMPLES / "003_ef0035a2046f2b5a.txt").read_bytes()
    client = world.client(world.filler_a)
    response = client.post(
        reverse("forms:upload"),
        {"unit": world.unit_b.pk, "files": [SimpleUploadedFile("x.txt", data)]},
        follow=True,
    )
    assert response.status_code == 200
    assert FormRecord.objects.filter(unit=world.unit_b).count() == 1  # only B's own form


def test_it_refuses_file_types_it_does_not_read_but_keeps_them(world, data_dir) -> None:
    page = upload(world.client(world.filler_a), ("工具.exe", b"MZ\x90\x00"), unit=world.unit_a)
    assert "工具.exe：不支持的文件类型“.exe”" in page
    stored = StoredFile.objects.get(name="工具.exe")
    assert (data_dir / "originals" / stored.sha256[:2] / stored.sha256).exists()


def test_it_refuses_a_file_over_the_upload_limit(world, settings) -> None:
    settings.JIXIAO_MAX_UPLOAD_BYTES = 100
    page = upload(world.client(world.filler_a), ("大.txt", b"x" * 200), unit=world.unit_a)
    assert "大.txt：文件过大" in page
