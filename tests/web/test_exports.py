"""Downloads from the web application: a form in the official layouts, the list's selection as
Word, Excel and datasets, the fill-in template; always within the user's scope."""

from __future__ import annotations

import csv
import io
from urllib.parse import unquote

import pyarrow.parquet as pq
from django.urls import reverse
from openpyxl import load_workbook

from jixiao.extract.forms import extract_forms
from jixiao.model.form import Form
from jixiao.read import read_bytes
from jixiao.web.orgs.models import AuditEvent


def forms_in(data: bytes, name: str) -> list[Form]:
    return extract_forms(read_bytes(data, name))


def stored(record) -> Form:
    return Form.from_json_dict(record.latest.data)


def same(a: Form, b: Form, *skip: str) -> bool:
    leave = {"source", *skip}
    return a.model_dump(exclude=leave) == b.model_dump(exclude=leave)


def test_it_downloads_a_form_as_word_that_reads_back_as_the_same_form(world) -> None:
    response = world.client(world.filler_a).get(
        reverse("exports:form", args=[world.form_a.pk, "docx"])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert unquote(response["Content-Disposition"]).endswith("公共服务经费.docx")
    [form] = forms_in(b"".join(response.streaming_content), "x.docx")
    assert same(form, stored(world.form_a))


def test_it_downloads_a_form_as_excel_in_the_finance_ministry_layout(world) -> None:
    url = reverse("exports:form", args=[world.form_a.pk, "xlsx"]) + "?layout=mof-2020"
    response = world.client(world.filler_a).get(url)
    [form] = forms_in(b"".join(response.streaming_content), "x.xlsx")
    # the 财政部 form has no row for the person in charge and the phone, and reads back as
    # the 财政部 layout it was written in
    assert same(form, stored(world.form_a), "manager", "phone", "layout")
    assert (form.layout, stored(world.form_a).layout) == ("mof-2020", "beijing")
    assert form.manager.text == "" and stored(world.form_a).manager.text != ""


def test_it_refuses_another_units_form_in_every_download(world) -> None:
    client = world.client(world.filler_a)
    for fmt in ("docx", "xlsx"):
        url = reverse("exports:form", args=[world.form_b.pk, fmt])
        assert client.get(url).status_code == 404
    assert client.get(reverse("exports:template") + f"?from={world.form_b.pk}").status_code == 404


def test_it_says_so_for_an_unknown_layout_or_format(world) -> None:
    client = world.client(world.filler_a)
    url = reverse("exports:form", args=[world.form_a.pk, "docx"]) + "?layout=nowhere"
    response = client.get(url, follow=True)
    assert "没有这个表样：nowhere" in response.content.decode()
    response = client.get(reverse("exports:download") + "?format=pdf", follow=True)
    assert "不支持的导出格式：pdf" in response.content.decode()


def test_it_exports_only_the_forms_in_scope(world) -> None:
    url = reverse("exports:download") + "?format=docx"
    response = world.client(world.filler_a).get(url)
    names = {f.project_name.text for f in forms_in(b"".join(response.streaming_content), "x.docx")}
    assert names == {"公共服务经费", "民生家园建设经费"}  # not unit B's 市民服务中心工作经费
    response = world.client(world.admin).get(url)
    assert len(forms_in(b"".join(response.streaming_content), "x.docx")) == 3


def test_it_exports_the_lists_filtered_selection_as_a_dataset_workbook(world) -> None:
    url = reverse("exports:download") + "?format=dataset&q=公共"
    response = world.client(world.admin).get(url)
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    form_rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert len(form_rows) == 2  # the header and 公共服务经费
    assert "公共服务经费" in form_rows[1]
    assert str(world.form_a.pk) in [str(v) for v in form_rows[1]]  # keyed by the record id


def test_it_exports_indicators_as_csv_with_a_bom_and_as_parquet(world) -> None:
    indicators = len(stored(world.form_a).indicators)
    client = world.client(world.filler_a)
    base = reverse("exports:download") + "?q=公共服务经费&table=indicators&format="
    data = b"".join(client.get(base + "csv").streaming_content)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 1 + indicators
    table = pq.read_table(io.BytesIO(b"".join(client.get(base + "parquet").streaming_content)))
    assert table.num_rows == indicators


def test_it_explains_an_empty_selection_instead_of_sending_an_empty_file(world) -> None:
    url = reverse("exports:download") + "?format=xlsx&q=没有这个项目"
    response = world.client(world.filler_a).get(url, follow=True)
    assert "没有选中任何自评表" in response.content.decode()


def test_it_offers_the_selection_on_the_export_page(world) -> None:
    page = world.client(world.filler_a).get(reverse("exports:page") + "?year=2020").content.decode()
    assert "导出选中的自评表（2 张）" in page
    assert "（年度：2020）" in page
    assert 'name="year" value="2020"' in page
    assert "下载空白填报模板" in page


def test_it_gives_a_blank_template_and_next_years_template_from_a_form(world) -> None:
    client = world.client(world.filler_a)
    blank = client.get(reverse("exports:template"))
    assert blank.status_code == 200
    assert "填报说明" in load_workbook(io.BytesIO(b"".join(blank.streaming_content))).sheetnames
    response = client.get(reverse("exports:template") + f"?from={world.form_a.pk}")
    [form] = forms_in(b"".join(response.streaming_content), "t.xlsx")
    before = stored(world.form_a)
    assert form.year == before.year + 1
    assert form.project_name.text == "公共服务经费"
    assert [i.name.text for i in form.indicators] == [i.name.text for i in before.indicators]
    assert all(not i.actual.text and not i.score.text for i in form.indicators)


def test_it_records_every_export_in_the_audit_log(world) -> None:
    world.client(world.filler_a).get(reverse("exports:form", args=[world.form_a.pk, "docx"]))
    event = AuditEvent.objects.get(action="export")
    assert event.user == world.filler_a
    assert event.detail == {"format": "docx", "forms": [world.form_a.pk]}


def test_the_api_exports_forms_and_the_template_in_the_users_scope(world) -> None:
    from jixiao.web.services.tokens import create_token

    token = create_token(world.filler_a, "test")
    headers = {"Authorization": f"Bearer {token}"}
    client = world.client(world.filler_a)
    response = client.get("/api/exports/forms?format=docx", headers=headers)
    assert response.status_code == 200
    names = {f.project_name.text for f in forms_in(response.content, "x.docx")}
    assert names == {"公共服务经费", "民生家园建设经费"}
    other = client.get(f"/api/exports/forms?format=docx&ids={world.form_b.pk}", headers=headers)
    assert other.status_code == 404
    bad = client.get("/api/exports/forms?format=pdf", headers=headers)
    assert bad.status_code == 400 and "不支持的导出格式" in bad.json()["detail"]
    template = client.get(f"/api/exports/template?from_form={world.form_b.pk}", headers=headers)
    assert template.status_code == 404
    assert client.get("/api/exports/template", headers=headers).status_code == 200


def test_it_explains_every_dataset_column_on_a_page(world) -> None:
    page = world.client(world.filler_a).get(reverse("exports:columns")).content.decode()
    for heading in ("自评表（forms）", "绩效指标（indicators）", "审核发现（findings）"):
        assert heading in page
    assert "<code>form_key</code>" in page and "表键" in page


def test_it_exports_the_latest_version_of_a_form(world) -> None:
    from jixiao.model.form import Declared
    from jixiao.web.services.versions import save_version

    corrected = stored(world.form_a)
    corrected.funds.execution_rate = Declared(text="90.10%")
    save_version(world.form_a, corrected, world.filler_a, note="改正执行率")
    response = world.client(world.filler_a).get(
        reverse("exports:form", args=[world.form_a.pk, "docx"])
    )
    [form] = forms_in(b"".join(response.streaming_content), "x.docx")
    assert form.funds.execution_rate.text == "90.10%"  # the first version said 100%
