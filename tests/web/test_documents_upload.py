"""Uploading a 绩效运行监控表 (and a 申报表): the import page says which document it found, the
file becomes a record of that kind in the project of the unit's self-evaluation, with its
light and computed rate; the same file again is recognised."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from documents_world import only, upload

from jixiao.web.forms.models import FormRecord, StoredFile


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_a_july_monitoring_table_lights_its_project_red(world, monitoring_files, fmt) -> None:
    client = world.client(world.filler_a)
    page = upload(client, monitoring_files["seed004_july", fmt], world.unit_a.pk)
    assert "绩效运行监控表" in page and "读出 1 张绩效运行监控表" in page
    record = only("monitoring", unit=world.unit_a)
    assert record.year == 2020 and record.project_name == "公共服务经费"
    assert record.light == FormRecord.Light.RED
    # 652.7897 ÷ 2175.9657 = 0.29999999…, kept to four places
    assert record.execution_rate == Decimal("0.3000")
    assert record.annual_budget == Decimal("2175.9657")
    assert record.project_id == world.form_a.project_id  # the same project as its 自评表
    assert ",MONITOR_UNLIKELY," in record.finding_codes
    version = record.latest
    assert version.computed["light"] == "red" and version.computed["reasons"]
    assert reverse("documents:detail", args=["monitoring", record.pk]) in page
    # self-evaluation lists and totals are unchanged
    assert not FormRecord.objects.filter(kind="monitoring").exists()


def test_the_same_monitoring_file_again_is_not_imported_twice(world, monitoring_files) -> None:
    client = world.client(world.filler_a)
    path = monitoring_files["seed004_july", "xlsx"]
    upload(client, path, world.unit_a.pk)
    page = upload(client, path, world.unit_a.pk)
    assert "此文件已上传过，其中 1 张绩效运行监控表已在系统中" in page
    assert FormRecord.documents.filter(kind="monitoring").count() == 1


def test_the_monitoring_page_shows_the_table_its_light_and_findings(
    world, monitoring_files
) -> None:
    client = world.client(world.filler_a)
    upload(client, monitoring_files["seed004_july", "xlsx"], world.unit_a.pk)
    record = only("monitoring", unit=world.unit_a)
    page = client.get(reverse("documents:detail", args=["monitoring", record.pk])).content.decode()
    assert "绩效运行监控表：公共服务经费（2020年度）" in page
    assert "light-red" in page and "30.00%" in page
    assert "完全不可能" in page and "MONITOR_UNLIKELY" in page
    assert reverse("projects:detail", args=[record.project_id]) in page
    assert reverse("documents:original", args=["monitoring", record.pk]) in page
    original = client.get(reverse("documents:original", args=["monitoring", record.pk]))
    assert original.status_code == 200
    assert b"".join(original.streaming_content) == (
        monitoring_files["seed004_july", "xlsx"].read_bytes()
    )


def test_a_submitted_table_is_not_overwritten_until_it_is_returned(world, monitoring_files) -> None:
    from jixiao.web.services.workflow import return_form, submit_form

    client = world.client(world.filler_a)
    path = monitoring_files["seed004_july", "docx"]
    upload(client, monitoring_files["seed004_july", "xlsx"], world.unit_a.pk)
    record = only("monitoring", unit=world.unit_a)
    submit_form(record, world.filler_a)
    page = upload(client, path, world.unit_a.pk)
    assert "《公共服务经费》已提交，未用上传覆盖" in page
    assert record.versions.count() == 1
    return_form(record, world.reviewer_a, "请用 Word 版")
    page = upload(client, path, world.unit_a.pk)  # the same file once more, now it can change
    assert "已保存为新版本（《公共服务经费》第2版）" in page
    assert record.versions.count() == 2
    assert record.versions.get(number=2).source_file.name == path.name


def test_a_file_that_looks_like_a_targets_form_but_holds_none_is_kept_with_the_reason(
    world, tmp_path
) -> None:
    """A title naming a 申报表 over no table: the file is kept, the page says what was found and
    why nothing was read, and no record is made."""
    from docx import Document

    path = tmp_path / "申报表.docx"
    document = Document()
    document.add_paragraph("项目支出绩效目标申报表")
    document.add_paragraph("（2021年度）")
    document.save(str(path))
    page = upload(world.client(world.filler_a), path, world.unit_a.pk)
    assert "申报表.docx" in page
    assert not FormRecord.documents.filter(kind="targets").exists()
    stored = StoredFile.objects.get(name="申报表.docx")
    assert stored.error == "申报表.docx：看起来是绩效目标申报表，但没有读出表中的项目和指标"
    assert stored.error in page
