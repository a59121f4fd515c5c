"""A 申报表 or 监控表 has its version comparison page, as a 自评表 has: the labels of its own
page, an indicator row matched by its names, a link from each version to the one before, and
an upload that makes a new version links to what it changed."""

from __future__ import annotations

from django.urls import reverse
from documents_world import only, upload

from jixiao.model.form import Declared
from jixiao.web.services.documents import document_of, save_document


def test_the_monitoring_page_compares_two_versions_in_its_own_words(
    world, monitoring_files
) -> None:
    client = world.client(world.filler_a)
    upload(client, monitoring_files["seed004_july", "xlsx"], world.unit_a.pk)
    monitoring = only("monitoring", unit=world.unit_a)
    document = document_of(monitoring)
    row = document.indicators[0]
    document.indicators[0] = row.model_copy(update={"likelihood": Declared(text="有可能")})
    save_document(monitoring, document, world.filler_a, note="改为有可能")

    detail = client.get(reverse("documents:detail", args=["monitoring", monitoring.pk]))
    link = f"/monitoring/{monitoring.pk}/compare/?a=1&amp;b=2"
    assert link in detail.content.decode()
    page = client.get(f"/monitoring/{monitoring.pk}/compare/")
    text = page.content.decode()
    assert page.status_code == 200
    assert [(c.place, c.before, c.after) for c in page.context["changes"]] == [
        (f"绩效指标“{row.name.text}” · 完成目标可能性", row.likelihood.text, "有可能")
    ]
    assert "第1版 → 第2版 的变化（1 处）" in text and "改为有可能" in text
    assert f'href="/monitoring/{monitoring.pk}/" id="compare-back"' in text
    assert "总分（计算）" not in text  # a 监控表 has no total score


def test_one_version_has_nothing_to_compare_and_another_units_is_not_found(
    world, targets_files
) -> None:
    upload(world.client(world.filler_a), targets_files["anzhen", "docx"], world.unit_a.pk)
    targets = only("targets", unit=world.unit_a)
    page = world.client(world.filler_a).get(f"/targets/{targets.pk}/compare/")
    assert "这张绩效目标申报表只有一个版本，没有可比较的。" in page.content.decode()
    assert world.client(world.filler_b).get(f"/targets/{targets.pk}/compare/").status_code == 404


def test_an_upload_saved_as_a_new_version_links_to_the_comparison(world, targets_files) -> None:
    client = world.client(world.filler_a)
    upload(client, targets_files["anzhen", "docx"], world.unit_a.pk)
    targets = only("targets", unit=world.unit_a)
    # the same 申报表 in another format: the next version of the record
    page = upload(client, targets_files["anzhen", "xlsx"], world.unit_a.pk)
    assert f'href="/targets/{targets.pk}/compare/?a=1&amp;b=2"' in page
