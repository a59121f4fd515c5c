"""A 绩效目标申报表 on the web: uploaded (Word, Excel) it becomes a record of its kind in the
project of the unit's self-evaluation, with the target-quality findings at their cells; the
page shows the document; downloads in the official layout and the fill-in template read back."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from documents_world import only, upload

from jixiao.extract.targets import extract_targets
from jixiao.read import read_bytes
from jixiao.web.forms.models import FormRecord

# what the target-quality rules find in anzhen (tests/fixtures/targets/anzhen.toml, by hand)
ANZHEN_CODES = {"TARGETS_NAME_NOT_DESCRIPTIVE", "TARGETS_VALUE_NOT_QUANTIFIED"}


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_an_uploaded_targets_form_is_saved_with_its_findings(world, targets_files, fmt) -> None:
    page = upload(world.client(world.filler_a), targets_files["anzhen", fmt], world.unit_a.pk)
    assert "读出 1 张绩效目标申报表" in page
    record = only("targets", unit=world.unit_a)
    assert (record.year, record.project_name) == (2020, "公共服务经费")
    assert record.annual_budget == Decimal("2175.9657")
    assert record.project_id == world.form_a.project_id
    codes = {f["code"] for f in record.latest.findings}
    assert ANZHEN_CODES <= codes
    assert record.warnings + record.errors == len(
        [f for f in record.latest.findings if f["severity"] in ("warning", "error")]
    )
    # every finding that names an indicator names its cell in the original
    located = [f for f in record.latest.findings if f["path"].startswith("indicators.")]
    assert located and all("第" in f["location"] for f in located)
    assert not FormRecord.objects.filter(kind="targets").exists()  # forms' lists unchanged


def test_the_targets_page_shows_the_document_and_its_findings(world, targets_files) -> None:
    client = world.client(world.filler_a)
    upload(client, targets_files["anzhen", "docx"], world.unit_a.pk)
    record = only("targets", unit=world.unit_a)
    page = client.get(reverse("documents:detail", args=["targets", record.pk])).content.decode()
    assert "绩效目标申报表：公共服务经费（2020年度）" in page
    assert "保障10个社区154名社工" in page and "2175.9657" in page
    assert "TARGETS_VALUE_NOT_QUANTIFIED" in page
    # the cell of the unquantified target is marked
    assert 'data-path="indicators.1.target" class="sev-' in page
    listing = client.get(reverse("documents:list", args=["targets"])).content.decode()
    assert reverse("documents:detail", args=["targets", record.pk]) in listing


def test_the_downloads_read_back_as_the_same_targets(world, targets_files) -> None:
    client = world.client(world.filler_a)
    upload(client, targets_files["anzhen", "docx"], world.unit_a.pk)
    record = only("targets", unit=world.unit_a)
    for fmt in ("docx", "xlsx"):
        response = client.get(reverse("documents:download", args=["targets", record.pk, fmt]))
        assert response.status_code == 200
        assert "filename*=UTF-8''" in response["Content-Disposition"]
        [again] = extract_targets(read_bytes(response.content, f"t.{fmt}"))
        assert again.project_name.text == "公共服务经费"
        assert [i.target.text for i in again.indicators][:2] == [
            "保障10个社区154名社工的工资、五险一金缴纳支出，10个社区办公用品购置等公用定额支出",
            "制度执行",
        ]
    data = client.get(reverse("documents:download", args=["targets", record.pk, "json"])).json()
    assert data["project_name"] == "公共服务经费" and data["findings"]
    template = client.get(reverse("documents:targets_template"))
    assert template.status_code == 200 and template.content[:2] == b"PK"


def test_a_monitoring_table_has_no_word_download(world, monitoring_files) -> None:
    client = world.client(world.filler_a)
    upload(client, monitoring_files["seed004_july", "xlsx"], world.unit_a.pk)
    record = only("monitoring", unit=world.unit_a)
    url = reverse("documents:download", args=["monitoring", record.pk, "docx"])
    assert client.get(url).status_code == 404
