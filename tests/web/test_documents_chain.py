"""A self-evaluation saved after its project's 申报表 and 监控表 is checked against them: the
December form that changes a target the 申报表 set and scores full the indicator July called
完全不可能 gets both findings, and its page links each to the other document."""

from __future__ import annotations

from django.urls import reverse
from documents_world import only, upload

from jixiao.model.form import Declared, Form
from jixiao.web.services.documents import detail_url, document_of, save_document
from jixiao.web.services.versions import save_version


def _december(world, targets_files, monitoring_files) -> tuple[object, object]:
    client = world.client(world.filler_a)
    upload(client, targets_files["anzhen", "docx"], world.unit_a.pk)
    upload(client, monitoring_files["seed004_july", "xlsx"], world.unit_a.pk)
    form = Form.from_json_dict(world.form_a.latest.data)
    first = form.indicators[0]
    form.indicators[0] = first.model_copy(
        update={"target": Declared(text="保障10个社区148名社工的工资、五险一金缴纳支出")}
    )
    save_version(world.form_a, form, world.filler_a, note="年底修改")
    return only("targets", unit=world.unit_a), only("monitoring", unit=world.unit_a)


def test_the_december_form_gets_both_chain_findings(world, targets_files, monitoring_files) -> None:
    targets, monitoring = _december(world, targets_files, monitoring_files)
    world.form_a.refresh_from_db()
    findings = {f["code"]: f for f in world.form_a.latest.findings if f.get("related_kind")}
    changed = findings["CHAIN_TARGET_CHANGED"]
    assert (changed["path"], changed["related_kind"], changed["related_year"]) == (
        "indicators.0.target",
        "targets",
        2020,
    )
    assert "154" in changed["message"] and "148" in changed["message"]
    unlikely = findings["CHAIN_UNLIKELY_FULL_SCORE"]
    assert (unlikely["related_kind"], unlikely["related_path"]) == (
        "monitoring",
        "indicators.0.likelihood",
    )
    assert ",CHAIN_TARGET_CHANGED," in world.form_a.finding_codes
    assert world.form_a.project_id == targets.project_id == monitoring.project_id


def test_the_form_page_links_the_findings_to_the_other_documents(
    world, targets_files, monitoring_files
) -> None:
    targets, monitoring = _december(world, targets_files, monitoring_files)
    page = world.client(world.reviewer_a).get(reverse("forms:detail", args=[world.form_a.pk]))
    text = page.content.decode()
    assert f'href="{detail_url(targets)}#indicator-0"' in text
    assert f'href="{detail_url(monitoring)}#indicator-0"' in text
    assert "2020年度绩效目标申报表" in text and "2020年度绩效运行监控表" in text


def test_a_form_without_documents_of_its_project_has_no_chain_findings(world) -> None:
    assert not [f for f in world.form_a.latest.findings if f.get("related_kind")]
    assert world.form_a.project is not None and world.form_a.project.name == "公共服务经费"


def test_a_monitoring_table_saved_after_the_form_checks_the_form_again(
    world, monitoring_files
) -> None:
    """The July table typed in late: the December form already there gets the finding in its
    latest version (no new version: what it declares is unchanged), and loses it if the table
    no longer says 完全不可能."""
    versions = world.form_a.versions.count()
    upload(world.client(world.filler_a), monitoring_files["seed004_july", "xlsx"], world.unit_a.pk)
    world.form_a.refresh_from_db()
    codes = [f["code"] for f in world.form_a.latest.findings]
    assert codes.count("CHAIN_UNLIKELY_FULL_SCORE") == 1
    assert ",CHAIN_UNLIKELY_FULL_SCORE," in world.form_a.finding_codes
    assert world.form_a.versions.count() == versions
    errors = world.form_a.errors

    monitoring = only("monitoring", unit=world.unit_a)
    document = document_of(monitoring)
    document.indicators[0] = document.indicators[0].model_copy(
        update={"likelihood": Declared(text="有可能")}
    )
    save_document(monitoring, document, world.filler_a, note="改为有可能")
    world.form_a.refresh_from_db()
    assert "CHAIN_UNLIKELY_FULL_SCORE" not in [f["code"] for f in world.form_a.latest.findings]
    assert world.form_a.errors == errors - 1


def test_a_recheck_keeps_the_chain_findings(world, monitoring_files) -> None:
    from jixiao.web.services.recheck import recheck

    upload(world.client(world.filler_a), monitoring_files["seed004_july", "xlsx"], world.unit_a.pk)
    recheck([world.form_a])
    world.form_a.refresh_from_db()
    assert "CHAIN_UNLIKELY_FULL_SCORE" in [f["code"] for f in world.form_a.latest.findings]
