"""Hostile uploads on the web: each file is refused with its own reason in Chinese and kept
with a record, the other files of the upload are read; an upload over the size limit is
refused from its Content-Length before it is read, and never stored."""

from __future__ import annotations

import hashlib
import socket
from pathlib import Path
from urllib.parse import urlparse

import hostile_files
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from seeds import SAMPLES

from jixiao.web.forms.models import FormRecord, StoredFile

SEED = (SAMPLES / "003_ef0035a2046f2b5a.txt").read_bytes()  # 29 forms, not in `world`
HUGE = str(300 * 1024 * 1024)


def stored_files(data_dir: Path) -> list[Path]:
    return [p for p in (data_dir / "originals").rglob("*") if p.is_file()]


def upload(client, unit, *files: tuple[str, bytes]) -> str:
    payload = [SimpleUploadedFile(name, data) for name, data in files]
    response = client.post(
        reverse("forms:upload"), {"unit": unit.pk, "files": payload}, follow=True
    )
    assert response.status_code == 200
    return response.content.decode()


def test_each_hostile_file_gets_its_reason_is_kept_and_the_rest_is_read(world, data_dir) -> None:
    hostile = {
        "炸弹.pdf": (hostile_files.pdf_bomb(), "压缩炸弹"),
        "十万页.pdf": (hostile_files.pdf_many_pages(), "页数过多"),
        "嵌套.docx": (hostile_files.docx_nested(40), "嵌套过深"),
        "嵌套.html": (hostile_files.html_nested(40), "嵌套过深"),
        "大表.xlsx": (hostile_files.xlsx_huge(), "单元格过多"),
    }
    files = [(name, data) for name, (data, _) in hostile.items()] + [("自评表.txt", SEED)]
    page = upload(world.client(world.filler_a), world.unit_a, *files)
    for name, (data, reason) in hostile.items():
        stored = StoredFile.objects.get(name=name)
        assert reason in stored.error and "损坏" not in stored.error, stored.error
        assert f"{name}：" in page and reason in page
        original = data_dir / "originals" / stored.sha256[:2] / stored.sha256
        assert original.read_bytes() == data  # the original kept, with its record
    assert StoredFile.objects.get(name="自评表.txt").forms_found == 29
    assert FormRecord.objects.filter(source_file__name="自评表.txt").count() == 29


def test_an_upload_over_the_limit_is_refused_before_it_is_read(world, data_dir) -> None:
    before = StoredFile.objects.count(), len(stored_files(data_dir))
    response = world.client(world.filler_a).post(
        reverse("forms:upload"),
        {"unit": world.unit_a.pk, "files": [SimpleUploadedFile("大.txt", SEED)]},
        CONTENT_LENGTH=HUGE,
    )
    assert response.status_code == 413
    text = response.content.decode()
    assert "上传内容过大（300 MB）" in text and "未读取也未保存" in text
    assert (StoredFile.objects.count(), len(stored_files(data_dir))) == before


def test_the_api_says_so_in_json(world, data_dir) -> None:
    before = len(stored_files(data_dir))
    response = world.client(world.filler_a).post(
        "/api/upload",
        {"unit": world.unit_a.pk, "files": [SimpleUploadedFile("大.txt", SEED)]},
        CONTENT_LENGTH=HUGE,
    )
    assert response.status_code == 413
    assert "上传内容过大" in response.json()["detail"]
    assert len(stored_files(data_dir)) == before


def test_one_file_over_the_limit_is_dropped_and_the_others_read(world, data_dir, settings) -> None:
    settings.JIXIAO_MAX_UPLOAD_BYTES = len(SEED) + 100
    big = b"x" * (len(SEED) + 200_000)  # streamed in several chunks, dropped midway
    page = upload(world.client(world.filler_a), world.unit_a, ("大.txt", big), ("好.txt", SEED))
    assert "大.txt：文件过大" in page and "未读取也未保存" in page
    assert not StoredFile.objects.filter(name="大.txt").exists()
    assert hashlib.sha256(big).hexdigest() not in {p.name for p in stored_files(data_dir)}
    assert StoredFile.objects.get(name="好.txt").forms_found == 29


def test_over_the_api_a_file_over_the_limit_is_one_of_the_jobs_files_refused(
    world, data_dir, settings
) -> None:
    from jixiao.web.services.tokens import create_token

    settings.JIXIAO_MAX_UPLOAD_BYTES = len(SEED) + 100
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(world.filler_a, 'test')}"}
    big = SimpleUploadedFile("大.txt", b"x" * (len(SEED) + 200_000))
    response = world.client(world.filler_a).post(
        "/api/upload",
        {"unit": world.unit_a.pk, "files": [big, SimpleUploadedFile("好.txt", SEED)]},
        **auth,
    )
    assert response.status_code == 202
    job = response.json()
    good, refused = job["files"]
    assert good["file"] == "好.txt" and len(good["forms"]) == 29
    assert (refused["file"], refused["error"], refused["forms"]) == ("大.txt", True, [])
    assert (
        refused["message"].startswith("大.txt：文件过大") and "未读取也未保存" in refused["message"]
    )
    assert not StoredFile.objects.filter(name="大.txt").exists()
    # nothing left to read: the refusal is the answer
    alone = world.client(world.filler_a).post(
        "/api/upload",
        {"unit": world.unit_a.pk, "files": [SimpleUploadedFile("大.txt", b"x" * 300_000)]},
        **auth,
    )
    assert alone.status_code == 422 and "大.txt：文件过大" in alone.json()["detail"]


@pytest.mark.django_db(transaction=True)
def test_a_real_server_answers_413_without_the_body(live_server, data_dir) -> None:
    url = urlparse(live_server.url)
    with socket.create_connection((url.hostname, url.port), timeout=10) as conn:
        conn.sendall(
            b"POST /forms/upload/ HTTP/1.1\r\nHost: localhost\r\n"
            b"Content-Type: multipart/form-data; boundary=x\r\n"
            b"Content-Length: " + HUGE.encode() + b"\r\n\r\n--x\r\n"
        )  # 300 MB declared, a few bytes sent: the answer cannot wait for the rest
        answer = b""
        while b"</html>" not in answer:
            chunk = conn.recv(65536)
            if not chunk:
                break
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413")
    assert "上传内容过大" in body.decode()
    assert not stored_files(data_dir)
