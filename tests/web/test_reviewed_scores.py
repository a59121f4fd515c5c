"""复核分: a reviewer gives scores for the funds block and indicators of a submitted form; the
复核后总分 and grade show on the form page, the list, its CSV, the dashboard, the department page,
the API and the exports."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from jixiao.web.forms.models import FormRecord, ReviewedScore
from jixiao.web.orgs.models import AuditEvent
from jixiao.web.services.audit import action_label, describe
from jixiao.web.services.reviewed_scores import outcome, set_reviewed_scores
from jixiao.web.services.tokens import create_token

URL = "forms:reviewed_scores"


def _submit(record: FormRecord) -> FormRecord:
    FormRecord.objects.filter(pk=record.pk).update(status=FormRecord.Status.SUBMITTED)
    record.refresh_from_db()
    return record


def _post(client, record, **fields: str):
    return client.post(reverse(URL, args=[record.pk]), fields, follow=True)


def _num(value: Decimal | None) -> str:
    return format(value.normalize(), "f") if value is not None else ""


def _page(client, record) -> str:
    return client.get(reverse("forms:detail", args=[record.pk])).content.decode()


def test_a_reviewer_sets_scores_and_the_page_shows_the_reviewed_total(world) -> None:
    record = _submit(world.form_a)
    before = outcome(record)
    reviewer = world.client(world.reviewer_a)
    page = _post(
        reviewer,
        record,
        **{"score:funds": "8", "note:funds": "执行率按资金重算", "score:indicators[0]": "1.5"},
    ).content.decode()
    assert "复核分已保存" in page
    record.refresh_from_db()
    after = outcome(record)
    first = before.items[1].counted
    expected = (before.total or Decimal(0)) - before.items[0].counted - first + 8 + Decimal("1.5")
    assert record.reviewed_total == min(expected, Decimal(100))
    assert record.reviewed_grade == after.grade
    assert after.reviewed_count == 2
    assert "资金执行 8（复核）" in after.explanation
    shown = _page(world.client(world.filler_a), record)
    assert f'<strong id="reviewed-total">{_num(record.reviewed_total)}</strong>' in shown
    assert "执行率按资金重算" in shown
    assert 'name="score:funds"' not in shown  # read-only for the unit
    assert 'name="score:funds"' in _page(reviewer, record)
    event = AuditEvent.objects.filter(action="review_scores").get()
    assert "资金执行" in event.detail["changes"]
    line = describe(event.detail)
    assert "资金执行 （空） → 8" in line and f"复核后总分：{_num(record.reviewed_total)}" in line
    assert action_label("review_scores") == "复核评分"


def test_an_empty_score_removes_it_and_with_none_left_the_total_is_empty(world) -> None:
    record = _submit(world.form_a)
    reviewer = world.client(world.reviewer_a)
    _post(reviewer, record, **{"score:funds": "8"})
    record.refresh_from_db()
    assert record.reviewed_total is not None
    page = _post(reviewer, record, **{"score:funds": ""}).content.decode()
    assert "复核分已清除" in page
    record.refresh_from_db()
    assert record.reviewed_total is None and record.reviewed_grade == ""
    assert not ReviewedScore.objects.filter(record=record).exists()
    assert "尚未复核评分" in _page(reviewer, record)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("11", "资金执行的复核分应在 0 到 10（分值）之间"),
        ("-1", "资金执行的复核分应在 0 到 10"),
        ("八分", "资金执行的复核分“八分”不是一个数"),
        ("1.234", "最多保留两位小数"),
        ("NaN", "不是一个数"),
    ],
)
def test_a_wrong_score_is_refused_with_the_item_named(world, value: str, words: str) -> None:
    record = _submit(world.form_a)
    page = _post(world.client(world.reviewer_a), record, **{"score:funds": value}).content.decode()
    assert "复核分未保存" in page and words in page
    assert not ReviewedScore.objects.filter(record=record).exists()


def test_an_indicator_score_above_its_weight_names_the_indicator(world) -> None:
    record = _submit(world.form_a)
    item = outcome(record).items[1]
    with pytest.raises(ValidationError) as caught:
        set_reviewed_scores(record, world.reviewer_a, {"indicators[0]": str(item.weight + 1)})
    assert f"第1个指标“{item.name}”的复核分应在 0 到" in caught.value.messages[0]
    with pytest.raises(ValidationError, match="没有这一项"):
        set_reviewed_scores(record, world.reviewer_a, {"indicators[999]": "1"})


def test_a_draft_cannot_be_scored(world) -> None:
    record = world.form_a
    assert record.status == FormRecord.Status.DRAFT
    page = _post(world.client(world.reviewer_a), record, **{"score:funds": "8"}).content.decode()
    assert "“草稿”状态的自评表不能复核评分" in page
    assert not ReviewedScore.objects.exists()
    assert 'name="score:funds"' not in _page(world.client(world.reviewer_a), record)


def test_an_approved_form_can_be_scored_by_an_administrator(world) -> None:
    record = world.form_a
    FormRecord.objects.filter(pk=record.pk).update(status=FormRecord.Status.APPROVED)
    record.refresh_from_db()
    set_reviewed_scores(record, world.admin, {"funds": "9.5"})
    record.refresh_from_db()
    assert record.reviewed_total is not None


def test_the_unit_cannot_score_its_own_form(world) -> None:
    record = _submit(world.form_a)
    response = _post(world.client(world.filler_a), record, **{"score:funds": "10"})
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        set_reviewed_scores(record, world.filler_a, {"funds": "10"})
    assert not ReviewedScore.objects.exists()


def test_another_tenants_reviewer_gets_404_and_nothing_changes(world) -> None:
    record = _submit(world.form_b)
    response = world.client(world.reviewer_a).post(
        reverse(URL, args=[record.pk]), {"score:funds": "1"}
    )
    assert response.status_code == 404
    assert not ReviewedScore.objects.exists()
    record.refresh_from_db()
    assert record.reviewed_total is None
    # only POST
    assert world.client(world.admin).get(reverse(URL, args=[record.pk])).status_code == 405


def _scored(world) -> FormRecord:
    record = _submit(world.form_a)
    set_reviewed_scores(record, world.reviewer_a, {"funds": "5"})
    record.refresh_from_db()
    return record


def test_the_list_shows_and_sorts_by_the_reviewed_total_and_its_csv_carries_review_data(
    world,
) -> None:
    record = _scored(world)
    client = world.client(world.admin)
    page = client.get(reverse("forms:list") + "?sort=-reviewed").content.decode()
    shown = format(record.reviewed_total.normalize(), "f")  # as the form page shows it
    assert "复核后总分" in page and f"{shown}（{record.reviewed_grade}）" in page
    data = client.get(reverse("forms:list") + "?export=csv").getvalue().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data)))
    mine = next(r for r in rows if r["项目名称"] == record.project_name)
    assert mine["复核后总分"] == str(record.reviewed_total)
    assert mine["复核等级"] == record.reviewed_grade
    for column in ("审核人", "审核时间", "已通过审核级数", "未处理意见"):
        assert column in mine
    other = next(r for r in rows if r["项目名称"] == world.form_b.project_name)
    assert other["复核后总分"] == "" and other["已通过审核级数"] == "0"


def test_the_dashboard_shows_reviewed_grades_and_the_average(world) -> None:
    record = _scored(world)
    page = world.client(world.admin).get(reverse("dashboard")).content.decode()
    assert 'id="reviewed-grades"' in page
    shown = format(record.reviewed_total.normalize(), "f")
    assert "复核后平均总分" in page and f'id="reviewed-mean">{shown}<' in page


def test_the_department_page_lists_each_projects_reviewed_total(world) -> None:
    record = _scored(world)
    url = reverse("departments:detail", args=[world.dept_a.pk, record.year])
    page = world.client(world.reviewer_a).get(url).content.decode()
    assert "复核后总分" in page and str(record.reviewed_total) in page


def test_the_api_summary_carries_the_reviewed_total_and_grade(world) -> None:
    record = _scored(world)
    token = create_token(world.admin, "test")
    rows = Client().get("/api/forms", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    mine = next(r for r in rows if r["id"] == record.pk)
    assert Decimal(str(mine["reviewed_total"])) == record.reviewed_total
    assert mine["reviewed_grade"] == record.reviewed_grade
    other = next(r for r in rows if r["id"] == world.form_b.pk)
    assert other["reviewed_total"] is None and other["reviewed_grade"] == ""


def test_a_new_version_recomputes_the_reviewed_total(world) -> None:
    from jixiao.model.form import Form
    from jixiao.web.services.versions import save_version

    record = _scored(world)
    form = Form.from_json_dict(record.latest.data)
    save_version(record, form.model_copy(update={"indicators": form.indicators[:1]}), world.admin)
    record.refresh_from_db()
    result = outcome(record)
    assert len(result.items) == 2
    assert record.reviewed_total == result.total
    reviewer = world.client(world.reviewer_a)
    old = reviewer.get(reverse("forms:version", args=[record.pk, 1])).content.decode()
    assert 'id="reviewed-scores-table"' in old and 'name="score:funds"' not in old
    assert 'name="score:funds"' in _page(reviewer, record)


def _download(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content)


def _with_comment(world) -> FormRecord:
    from jixiao.web.forms.models import Comment

    record = _scored(world)
    Comment.objects.create(
        record=record, version=record.latest, author=world.reviewer_a, text="请补充偏差原因"
    )
    set_reviewed_scores(record, world.reviewer_a, {"indicators[0]": "0.5"})
    record.refresh_from_db()
    return record


def test_the_excel_export_carries_the_reviewed_column_and_the_review_block(world) -> None:
    from openpyxl import load_workbook

    record = _with_comment(world)
    url = reverse("exports:form", args=[record.pk, "xlsx"])
    book = load_workbook(io.BytesIO(_download(world.client(world.filler_a), url)))
    values = [v for row in book.worksheets[0].iter_rows(values_only=True) for v in row if v]
    for words in (
        "复核评分",
        "复核分",
        "复核后总分",
        "审核信息",
        "已通过审核级数",
        "请补充偏差原因",
    ):
        assert words in values, words
    assert f"{_num(record.reviewed_total)}（{record.reviewed_grade}）" in values
    assert "0.5" in values and "5" in values and "已提交" in values


def test_the_word_export_carries_the_reviewed_column_and_the_review_block(world) -> None:
    import docx

    record = _with_comment(world)
    url = reverse("exports:form", args=[record.pk, "docx"])
    document = docx.Document(io.BytesIO(_download(world.client(world.reviewer_a), url)))
    assert len(document.tables) == 2
    texts = [c.text for row in document.tables[1].rows for c in row.cells]
    for words in (
        "复核评分",
        "复核分",
        "复核后总分",
        "审核信息",
        "状态",
        "已提交",
        "请补充偏差原因",
    ):
        assert words in texts, words
    assert f"{_num(record.reviewed_total)}（{record.reviewed_grade}）" in texts


def test_the_datasets_carry_the_review_columns(world) -> None:
    record = _with_comment(world)
    client = world.client(world.admin)
    base = reverse("exports:download") + "?format=csv&q=公共服务经费&table="
    forms = list(csv.DictReader(io.StringIO(_download(client, base + "forms").decode("utf-8-sig"))))
    [row] = forms
    assert row["status"] == "已提交"
    assert row["review_levels_passed"] == "0"
    assert row["comments"] == "请补充偏差原因"
    assert Decimal(row["reviewed_total"]) == record.reviewed_total
    assert row["reviewed_grade"] == record.reviewed_grade
    assert Decimal(row["funds_score_reviewed"]) == 5
    for column in ("reviewer", "reviewed_at", "open_comments"):
        assert column in row
    data = _download(client, base + "indicators").decode("utf-8-sig")
    indicators = list(csv.DictReader(io.StringIO(data)))
    assert Decimal(indicators[0]["reviewed_score"]) == Decimal("0.5")
    assert all(r["reviewed_score"] == "" for r in indicators[1:])


def test_the_unit_cannot_download_another_units_reviewed_form(world) -> None:
    record = _submit(world.form_b)
    set_reviewed_scores(record, world.admin, {"funds": "3"})
    for fmt in ("docx", "xlsx"):
        url = reverse("exports:form", args=[record.pk, fmt])
        assert world.client(world.filler_a).get(url).status_code == 404


def _api(user):
    token = create_token(user, "test")
    return Client(), {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_the_api_reads_and_sets_reviewed_scores_with_the_page_rules(world) -> None:
    record = _submit(world.form_a)
    url = f"/api/forms/{record.pk}/reviewed-scores"
    client, auth = _api(world.reviewer_a)
    before = client.get(url, **auth).json()
    assert before["reviewed_total"] is None and before["items"][0]["path"] == "funds"
    body = {"scores": {"funds": "7", "indicators[0]": "1"}, "notes": {"funds": "执行偏低"}}
    after = client.post(url, body, content_type="application/json", **auth)
    assert after.status_code == 200
    data = after.json()
    record.refresh_from_db()
    assert Decimal(str(data["reviewed_total"])) == record.reviewed_total
    assert data["items"][0]["reviewed"] == 7 and data["items"][0]["note"] == "执行偏低"
    wrong = client.post(url, {"scores": {"funds": "70"}}, content_type="application/json", **auth)
    assert wrong.status_code == 422 and "资金执行的复核分应在 0 到 10" in wrong.json()["detail"]
    unit, unit_auth = _api(world.filler_a)
    refused = unit.post(url, body, content_type="application/json", **unit_auth)
    assert refused.status_code == 403


def test_the_api_answers_404_for_another_tenants_form(world) -> None:
    record = _submit(world.form_b)
    client, auth = _api(world.reviewer_a)
    url = f"/api/forms/{record.pk}/reviewed-scores"
    assert client.get(url, **auth).status_code == 404
    body = {"scores": {"funds": "1"}}
    assert client.post(url, body, content_type="application/json", **auth).status_code == 404
    assert not ReviewedScore.objects.exists()


def test_the_department_api_carries_each_projects_reviewed_total(world) -> None:
    record = _scored(world)
    client, auth = _api(world.reviewer_a)
    data = client.get(f"/api/departments/{world.dept_a.pk}/{record.year}", **auth).json()
    project = next(p for p in data["projects"] if p["reviewed_total"] is not None)
    assert project["name"] == record.project_name
    assert sum(p["reviewed_total"] is None for p in data["projects"]) == len(data["projects"]) - 1
    assert Decimal(str(project["reviewed_total"])) == record.reviewed_total
    assert project["reviewed_grade"] == record.reviewed_grade


def test_the_dashboard_shows_a_reviewed_score_at_once_not_after_its_memory_expires(world) -> None:
    """The dashboard's figures are remembered until any form changes; a reviewed score is
    such a change (the record's `updated` moves), so the next look counts it."""
    client = world.client(world.admin)
    record = _submit(world.form_a)
    before = client.get(reverse("dashboard")).context["figures"]
    set_reviewed_scores(record, world.reviewer_a, {"funds": "1"})
    after = client.get(reverse("dashboard")).context["figures"]
    assert before != after
