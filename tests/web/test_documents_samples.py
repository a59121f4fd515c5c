"""一键导入样例 shows a project's year with one click: seed 004's 公共服务经费 with its 申报表
(samples_cycle, Word), its July 监控表 lighting it red (Excel) and its December self-evaluation
checked against both."""

from __future__ import annotations

from django.urls import reverse

from jixiao.web.forms.models import FormRecord


def test_the_samples_hold_one_projects_chain(world) -> None:
    client = world.client(world.admin)
    page = client.post(reverse("forms:samples"), follow=True).content.decode()
    assert "项目全年样例：1 张绩效目标申报表、1 张绩效运行监控表" in page
    targets = FormRecord.documents.get(kind="targets", project_name="公共服务经费")
    monitoring = FormRecord.documents.get(kind="monitoring", project_name="公共服务经费")
    # filed by the names the documents carry, in the sample bureau (seed 004's own unit
    # imported it first in this world, so the sample's unit is the sample bureau's)
    assert targets.unit == monitoring.unit
    assert targets.unit.parent.parent.name == "示例财政局"
    assert monitoring.light == FormRecord.Light.RED
    assert targets.project_id == monitoring.project_id is not None
    project = targets.project
    timeline = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "2020年度" in timeline
    for kind, record in (("targets", targets), ("monitoring", monitoring)):
        assert reverse("documents:detail", args=[kind, record.pk]) in timeline


def test_on_a_fresh_site_the_sample_self_evaluation_is_checked_against_them(db, data_dir) -> None:
    from django.contrib.auth import get_user_model

    from jixiao.web.services.samples import import_samples

    import_samples(get_user_model().objects.create_superuser(username="root", password="x"))
    form = FormRecord.objects.get(project_name="公共服务经费", year=2020)
    monitoring = FormRecord.documents.get(kind="monitoring", project_name="公共服务经费")
    targets = FormRecord.documents.get(kind="targets", project_name="公共服务经费")
    assert form.project_id == monitoring.project_id == targets.project_id
    [chain] = [f for f in form.latest.findings if f.get("related_kind")]
    # July said the 数量指标 was 完全不可能; December scored it full (10 of 10)
    assert chain["code"] == "CHAIN_UNLIKELY_FULL_SCORE"
    assert chain["path"] == "indicators.0.score"
    assert (chain["related_kind"], chain["related_year"]) == ("monitoring", 2020)
    assert ",CHAIN_UNLIKELY_FULL_SCORE," in form.finding_codes
