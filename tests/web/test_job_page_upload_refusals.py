"""A file of an upload dropped as too large while it streamed in is one of the job's files:
listed on the job's page on every load (the page reloads itself while the job runs), by
anyone who sees the job, with its reason; nothing of it is kept, and the other files are read."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from seeds import SAMPLES

from jixiao.web.forms.models import StoredFile
from jixiao.web.jobs import services
from jixiao.web.jobs.models import Job

SEED = (SAMPLES / "000_6e77f7a237aa1684.txt").read_bytes()


def test_the_refusal_is_one_of_the_jobs_files(world, settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # stays queued
    settings.JIXIAO_MAX_UPLOAD_BYTES = len(SEED) + 100
    client = world.client(world.filler_a)
    files = [SimpleUploadedFile("大.txt", b"x" * (len(SEED) + 200_000))]
    files.append(SimpleUploadedFile("好.txt", SEED))
    response = client.post(reverse("forms:upload"), {"unit": world.unit_a.pk, "files": files})
    assert response.status_code == 302
    job = Job.objects.get(user=world.filler_a)
    assert job.title.startswith("上传 2 个文件")
    assert list(job.files.values_list("name", "state", "error")) == [
        ("好.txt", "queued", False),
        ("大.txt", "done", True),
    ]
    refusal = "大.txt：文件过大"
    for _ in range(3):  # the upload page's script follows the redirect, the browser, a reload
        page = client.get(response["Location"]).content.decode()
        assert "location.reload" in page
        assert '<ul id="refused">' in page and refusal in page.split('<ul id="refused">')[1]
    # the administrator sees it on the job too; nothing of the file was kept
    admin_page = world.client(world.admin).get(response["Location"]).content.decode()
    assert refusal in admin_page
    assert not StoredFile.objects.filter(name="大.txt").exists()
    other = services.start_import(world.filler_a, [("另.txt", SEED)], world.unit_a)
    assert refusal not in client.get(reverse("jobs:detail", args=[other.pk])).content.decode()


def test_an_upload_of_only_a_file_too_large_starts_nothing_and_says_why(world, settings) -> None:
    settings.JIXIAO_MAX_UPLOAD_BYTES = 1000
    client = world.client(world.filler_a)
    files = [SimpleUploadedFile("大.txt", b"x" * 300_000)]
    page = client.post(
        reverse("forms:upload"), {"unit": world.unit_a.pk, "files": files}, follow=True
    ).content.decode()
    assert "大.txt：文件过大" in page and not Job.objects.exists()
