"""The pages of background jobs: an upload returns at once to its job's page, which shows the
progress and then each file's result; a failed file says why in Chinese and is retried from
the page; exports and the department report wait on the queue and are downloaded from the job;
a user sees only their own jobs."""

from __future__ import annotations

import io
from collections.abc import Iterator

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from jobs_site import run_queued as run_worker
from seeds import SAMPLES

from jixiao.web.forms.models import FormRecord
from jixiao.web.jobs import services
from jixiao.web.jobs.models import Job, JobFile
from jixiao.web.jobs.signals import importing
from jixiao.web.services.imports import import_file, original_path

SEED_003 = SAMPLES / "003_ef0035a2046f2b5a.txt"


@pytest.fixture
def database_queue(settings) -> None:
    """The database queue of `make run`, its worker run here by the test (`--batch`)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_an_upload_goes_to_its_jobs_page_with_each_files_result(world) -> None:
    client = world.client(world.filler_a)
    payload = [SimpleUploadedFile("通州.txt", SEED_003.read_bytes())]
    response = client.post(reverse("forms:upload"), {"unit": world.unit_a.pk, "files": payload})
    job = Job.objects.get(kind=Job.Kind.IMPORT, user=world.filler_a)
    assert response.status_code == 302 and response["Location"] == reverse(
        "jobs:detail", args=[job.pk]
    )
    page = client.get(response["Location"]).content.decode()
    assert (
        "已完成" in page
        and '已处理 <span id="files-done">1</span> / <span id="files-total">1</span>' in page
    )
    assert "读出 29 张自评表" in page and "location.reload" not in page  # done: no more reloads
    assert job.title in client.get(reverse("jobs:list")).content.decode()


def test_a_file_of_many_forms_names_five_and_links_the_rest_to_the_list(world) -> None:
    client = world.client(world.filler_a)
    payload = [SimpleUploadedFile("通州.txt", SEED_003.read_bytes())]
    page = client.get(
        client.post(reverse("forms:upload"), {"unit": world.unit_a.pk, "files": payload})[
            "Location"
        ]
    ).content.decode()
    [row] = Job.objects.get(user=world.filler_a).files.all()
    cell = page.split('<td class="records">')[1].split("</td>")[0]
    assert cell.count('<a href="/forms/') == 5 + 1  # five names, and the list of all 29
    assert f'等 29 张（<a href="/forms/?file={row.stored_file_id}"' in cell
    listed = client.get(f"/forms/?file={row.stored_file_id}")
    assert listed.context["count"] == 29 and 'id="filter-file"' in listed.content.decode()
    # another unit's filler sees none of them through the filter
    other = world.client(world.filler_b).get(f"/forms/?file={row.stored_file_id}")
    assert other.context["count"] == 0


def test_a_queued_job_shows_its_progress_and_reloads_itself(world, database_queue) -> None:
    job = services.start_import(world.filler_a, [("通州.txt", SEED_003.read_bytes())], world.unit_a)
    page = world.client(world.filler_a).get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "排队中" in page and "等待后台工作进程" in page
    assert '<span id="files-done">0</span>' in page and "location.reload" in page
    # the original and its pending row are kept before anything runs
    [row] = job.files.all()
    assert row.state == "queued" and original_path(row.sha256).read_bytes() == SEED_003.read_bytes()


def test_a_failed_file_says_why_and_is_retried_from_the_page(world, database_queue) -> None:
    data = SEED_003.read_bytes()
    job = services.start_import(world.filler_a, [("通州.txt", data)], world.unit_a)
    [row] = job.files.all()
    original_path(row.sha256).unlink()  # the shared storage lost it for a moment
    run_worker()
    client = world.client(world.filler_a)
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "处理时出现意外错误（FileNotFoundError），原文件已保存，可在本页重试" in page
    assert "失败" in page and 'id="job-retry"' in page
    original_path(row.sha256).write_bytes(data)  # back again
    client.post(reverse("jobs:retry", args=[job.pk]))
    run_worker()
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "读出 29 张自评表" in page and "已完成" in page
    assert FormRecord.objects.filter(unit=world.unit_a).count() == 2 + 29


def test_a_file_imported_before_its_worker_died_is_not_imported_again(
    world, database_queue
) -> None:
    job = services.start_import(world.filler_a, [("通州.txt", SEED_003.read_bytes())], world.unit_a)
    [row] = job.files.all()
    # the worker imported the file (one transaction, which links the stored original to the
    # row) and died before it marked the row done
    with importing(row.pk):
        import_file(world.filler_a, row.name, SEED_003.read_bytes(), unit=world.unit_a)
    JobFile.objects.filter(pk=row.pk).update(state="running")
    services.import_one(row.pk)  # the task runs again
    row.refresh_from_db()
    assert row.state == "done" and row.message == "读出 29 张自评表" and len(row.forms) == 29
    assert FormRecord.objects.filter(unit=world.unit_a).count() == 2 + 29  # not 2 + 58


def test_an_upload_beside_the_units_forms_rechecks_them_together(world) -> None:
    seed = SAMPLES / "004_b10b36a27f1da553.txt"  # the unit's 2020 forms, now as Word-like text
    renamed = seed.read_bytes().replace("公共服务经费".encode(), "公共服务经费（二期）".encode())
    services.start_import(world.filler_a, [("二期.txt", renamed)], world.unit_a)
    recheck = Job.objects.get(kind=Job.Kind.RECHECK)
    assert recheck.state == "done" and recheck.message.startswith("重新审核了 ")
    assert world.unit_a.name in recheck.title and "2020年度" in recheck.title


def test_an_export_on_the_queue_is_downloaded_from_its_job(world, database_queue) -> None:
    client = world.client(world.filler_a)
    response = client.get(reverse("exports:download") + "?format=csv&q=公共服务经费")
    job = Job.objects.get(kind=Job.Kind.EXPORT)
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert "排队中" in client.get(response["Location"]).content.decode()
    run_worker()
    page = client.get(response["Location"]).content.decode()
    assert "已完成" in page and 'id="job-download"' in page
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert b"".join(download.streaming_content).decode("utf-8-sig").count("公共服务经费") > 1


def test_an_export_that_cannot_be_made_says_why_on_its_job(world, database_queue) -> None:
    client = world.client(world.filler_a)
    response = client.get(reverse("exports:download") + "?format=xlsx&q=没有这个项目")
    run_worker()
    job = Job.objects.get(kind=Job.Kind.EXPORT)
    assert job.state == "failed"
    page = client.get(response["Location"]).content.decode()
    assert "没有选中任何自评表，请先调整筛选条件。" in page and 'id="job-retry"' in page
    assert 'id="job-download"' not in page


def test_the_department_report_on_the_queue_is_downloaded_from_its_job(
    world, database_queue
) -> None:
    client = world.client(world.reviewer_a)
    response = client.get(reverse("departments:report", args=[world.dept_a.pk, 2020]))
    job = Job.objects.get(kind=Job.Kind.REPORT)
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    run_worker()
    download = client.get(reverse("jobs:download", args=[job.pk]))
    document = docx.Document(io.BytesIO(b"".join(download.streaming_content)))
    assert document.paragraphs[0].text == "甲街道办事处2020年度部门整体绩效评价报告"
    assert (
        world.client(world.filler_a).get(reverse("jobs:download", args=[job.pk])).status_code == 404
    )


def test_a_user_sees_only_their_own_jobs(world) -> None:
    job = services.start_import(world.filler_a, [("通州.txt", SEED_003.read_bytes())], world.unit_a)
    other = world.client(world.filler_b)
    assert other.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    assert other.post(reverse("jobs:retry", args=[job.pk])).status_code == 404
    assert other.get(reverse("jobs:download", args=[job.pk])).status_code == 404
    assert job.title not in other.get(reverse("jobs:list")).content.decode()
    assert world.client(world.admin).get(reverse("jobs:detail", args=[job.pk])).status_code == 200


@pytest.fixture
def queue_down(settings) -> Iterator[None]:
    """Celery with its broker unreachable (nothing listens on port 1)."""
    from jixiao.web.celery import app

    settings.TASKS = {"default": {"BACKEND": "jixiao.web.celery.CeleryBackend"}}
    before = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    app.pool.force_close_all()
    yield
    app.conf.broker_url = before
    app.pool.force_close_all()


def test_an_upload_the_queue_cannot_take_is_kept_and_says_so(world, queue_down) -> None:
    client = world.client(world.filler_a)
    payload = [SimpleUploadedFile("通州.txt", SEED_003.read_bytes())]
    response = client.post(reverse("forms:upload"), {"unit": world.unit_a.pk, "files": payload})
    page = client.get(response["Location"]).content.decode()
    assert "后台任务队列暂时不可用" in page and 'id="job-retry"' in page
    [row] = JobFile.objects.all()
    assert row.state == "failed" and original_path(row.sha256).exists()


def test_a_department_reviewer_rechecks_the_departments_forms_of_a_year(world) -> None:
    url = reverse("jobs:recheck_department", args=[world.dept_a.pk, 2020])
    page = world.client(world.reviewer_a).get(
        reverse("departments:detail", args=[world.dept_a.pk, 2020])
    )
    assert url in page.content.decode()
    response = world.client(world.reviewer_a).post(url, follow=True)
    job = Job.objects.get(kind=Job.Kind.RECHECK)
    assert job.state == "done" and job.user == world.reviewer_a
    assert "重新审核了 2 张自评表" in response.content.decode()  # unit A's two 2020 forms
    assert world.client(world.filler_a).post(url).status_code == 404
    other = reverse("jobs:recheck_department", args=[world.dept_b.pk, 2024])
    assert world.client(world.reviewer_a).post(other).status_code == 404


def test_saving_a_form_rechecks_it_beside_the_units_other_forms_of_the_year(world) -> None:
    from test_editing import edit_fields

    record = world.form_a  # unit A has two forms of 2020
    world.client(world.filler_a).post(reverse("forms:edit", args=[record.pk]), edit_fields(record))
    job = Job.objects.get(kind=Job.Kind.RECHECK)
    assert job.state == "done" and job.message.startswith("重新审核了 2 张自评表")
    world.client(world.filler_b).post(  # unit B's form has no neighbour that year: no re-check
        reverse("forms:edit", args=[world.form_b.pk]), edit_fields(world.form_b)
    )
    assert Job.objects.filter(kind=Job.Kind.RECHECK).count() == 1
