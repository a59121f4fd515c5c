"""One click imports the sample documents into an organisation tree made from the forms."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Sum
from django.urls import reverse

from jixiao.web.departments.models import DepartmentYear
from jixiao.web.forms.models import FormRecord, FormVersion, StoredFile
from jixiao.web.orgs.models import Organisation
from jixiao.web.scope import forms_for
from jixiao.web.services.stats import dashboard


def test_the_admin_imports_all_fifty_sample_forms_in_one_click(world) -> None:
    client = world.client(world.admin)
    response = client.post(reverse("forms:samples"), follow=True)
    assert "已导入样例：4 个文件，50 张自评表" in response.content.decode()
    # 004 and 000 were already imported by the two units: the same files make no duplicates,
    # and those three forms stay with the units that uploaded them
    assert FormRecord.objects.count() == 50
    assert FormRecord.objects.filter(unit__parent__parent__name="示例财政局").count() == 50 - 3
    department = Organisation.objects.get(name="丰台区政务服务管理局", kind="department")
    assert department.parent.name == "示例财政局"
    assert FormRecord.objects.filter(unit__parent=department).exists()
    # one version each: the samples hold each form once, in one format (a form already there
    # in another format becomes a version: test_one_record_per_form.py)
    assert FormVersion.objects.filter(record__kind="self").count() == 50
    total = FormRecord.objects.aggregate(budget=Sum("annual_budget"))["budget"]
    assert dashboard(forms_for(world.admin))["totals"]["budget"] == total


def test_importing_the_samples_twice_makes_no_duplicates(world) -> None:
    client = world.client(world.admin)
    client.post(reverse("forms:samples"))
    client.post(reverse("forms:samples"))
    assert FormRecord.objects.count() == 50
    assert FormVersion.objects.filter(record__kind="self").count() == 50
    assert StoredFile.objects.count() == 4 + 2  # and samples_cycle's 申报表 and 监控表


def test_only_an_admin_may_import_the_samples(world) -> None:
    assert world.client(world.reviewer_a).post(reverse("forms:samples")).status_code == 403


def test_forms_of_one_file_are_reviewed_together_so_copied_tables_show(world) -> None:
    world.client(world.admin).post(reverse("forms:samples"))
    copied = FormRecord.objects.filter(finding_codes__contains=",TABLES_IDENTICAL,")
    assert set(copied.values_list("project_name", flat=True)) == {
        "政管办日常办公经费",
        "政务服务管理办日常办公经费",
    }


def test_the_sample_department_gets_its_own_figures_so_its_evaluation_is_complete(world) -> None:
    client = world.client(world.admin)
    client.post(reverse("forms:samples"))
    client.post(reverse("forms:samples"))  # the second import keeps the first figures
    department = Organisation.objects.get(name="丰台区政务服务管理局", kind="department")
    [row] = DepartmentYear.objects.filter(department=department)
    assert (row.year, row.basic_annual_budget, row.project_executed) == (
        2021,
        Decimal("696.85"),
        Decimal("3452.88"),
    )
    page = client.get(reverse("departments:detail", args=[department.pk, 2021])).content.decode()
    assert "99.44%" in page  # 4125.94 ÷ 4149.35, seed 002's 预算执行率


def test_on_the_queue_the_samples_page_returns_at_once_and_the_files_are_read_in_order(
    db, data_dir, settings
) -> None:
    """Under `make run` (the database queue): the click answers with the job's page before
    anything is read; the files are queued one at a time, each after the one before it, so
    the 申报表 and 监控表 are in before the self-evaluation checked against them."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django_tasks_db.models import DBTaskResult
    from jobs_site import run_queued

    from jixiao.web.jobs.models import Job
    from jixiao.web.services.samples import SAMPLES

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    Organisation.objects.create(name="某区财政局", kind="bureau")  # the site's own, set up
    client = Client()
    client.force_login(get_user_model().objects.create_superuser(username="root", password="x"))
    response = client.post(reverse("forms:samples"))
    job = Job.objects.get(title__startswith="导入样例")
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert FormRecord.all_objects.count() == 0
    assert DBTaskResult.objects.ready().count() == 1  # the first file only
    names = list(job.files.order_by("position").values_list("name", flat=True))
    assert names[:2] == [
        "公共服务经费_2020_1-7月绩效运行监控表.xlsx",
        "公共服务经费_2020_绩效目标申报表.docx",
    ] and names[2:] == sorted(p.name for p in SAMPLES.glob("*.txt"))

    run_queued()
    job.refresh_from_db()
    finished = list(job.files.order_by("finished_at").values_list("name", flat=True))
    assert finished == names
    assert job.state == "done"
    assert job.message.startswith("已导入样例：4 个文件，50 张自评表")
    assert "项目全年样例：1 张绩效目标申报表、1 张绩效运行监控表" in job.message
    assert FormRecord.objects.count() == 50
    # the chain: the self-evaluation of 公共服务经费 was checked against the July 监控表 read
    # before it (完全不可能 in July, full marks in December)
    form = FormRecord.objects.get(project_name="公共服务经费", year=2020)
    assert ",CHAIN_UNLIKELY_FULL_SCORE," in form.finding_codes
