"""One record per form: the same form uploaded again, in any format, is the record's next version.

Real seed forms written as Word and as PDF (the paper layout, as the read tests do), uploaded
through the page and the API; the result says what happened to each form, with a link to what
changed; a form handed in is never overwritten by an upload; a rename cannot make two records
of one form.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Sum
from django.test import Client
from django.urls import reverse
from fixtures.pdf_writer import write_pdf
from seeds import SAMPLES, seed_forms

from jixiao.model.form import Declared, Form
from jixiao.web.forms.models import FormRecord, FormVersion, StoredFile
from jixiao.web.orgs.models import Organisation
from jixiao.web.scope import forms_for
from jixiao.web.services import voiding
from jixiao.web.services.stats import dashboard
from jixiao.web.services.tokens import create_token
from jixiao.write.docx_grid import write_docx
from jixiao.write.layout import form_table

PROJECT = "市民服务中心工作经费"  # seed 000's one form (2024), which unit A does not have yet
SEED_004 = SAMPLES / "004_b10b36a27f1da553.txt"


def seed_000() -> Form:
    [form] = seed_forms("000")
    return form


def as_docx(form: Form, path: Path) -> bytes:
    write_docx([form_table(form)], path)
    return path.read_bytes()


def as_pdf(form: Form, path: Path) -> bytes:
    write_pdf([form_table(form)], path)
    return path.read_bytes()


def upload(client: Client, name: str, data: bytes, unit: object) -> str:
    response = client.post(
        reverse("forms:upload"),
        {"unit": unit.pk, "files": [SimpleUploadedFile(name, data)]},
        follow=True,  # to the job's page, which shows the file's result
    )
    assert response.status_code == 200
    return response.content.decode()


def api_upload(user: object, name: str, data: bytes, unit: object) -> dict:
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user, 'test')}"}
    response = Client().post(
        "/api/upload", {"unit": unit.pk, "files": [SimpleUploadedFile(name, data)]}, **auth
    )
    assert response.status_code == 202, response.content
    [result] = response.json()["files"]
    return result


def edit_fields(record: FormRecord) -> dict[str, str]:
    """The edit page's fields, filled with the record's latest version."""
    data = record.latest.data
    fields = {
        "year": str(data["year"]),
        "indicator_count": str(len(data["indicators"])),
        "total_weight": data["total_weight"],
        "total_score": data["total_score"],
        "base_version": str(record.latest.number),
    }
    for key in ("project_name", "department", "implementing_unit", "manager", "phone"):
        fields[key] = data[key]
    for row in ("total", "appropriation", "carryover", "other"):
        for col in ("initial_budget", "annual_budget", "executed"):
            fields[f"funds.{row}.{col}"] = data["funds"][row][col]
    for key in ("weight", "execution_rate", "score"):
        fields[f"funds.{key}"] = data["funds"][key]
    for k in ("expected", "achieved"):
        fields[f"goals.{k}"] = data["goals"][k]
    for i, ind in enumerate(data["indicators"]):
        for key in ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation"):
            fields[f"indicators.{i}.{key}"] = ind[key]
    return fields


def records(unit: object, name: str = PROJECT) -> list[FormRecord]:
    return list(FormRecord.all_objects.filter(unit=unit, project_name=name))


def test_a_word_form_uploaded_again_as_pdf_is_one_record_with_two_versions(world, tmp_path) -> None:
    client = world.client(world.filler_a)
    first = upload(client, "自评表.docx", as_docx(seed_000(), tmp_path / "a.docx"), world.unit_a)
    assert "读出 1 张自评表" in first and "已有的自评表" not in first
    page = upload(client, "自评表.pdf", as_pdf(seed_000(), tmp_path / "a.pdf"), world.unit_a)

    [record] = records(world.unit_a)
    assert (
        f"读出 1 张自评表：新建 0 张；1 张是系统中已有的自评表，已保存为新版本（《{PROJECT}》第2版）"
        in page
    )
    compare = f"/forms/{record.pk}/compare/?a=1&amp;b=2"
    assert compare in page
    assert client.get(compare.replace("&amp;", "&")).status_code == 200
    versions = list(record.versions.order_by("number").select_related("source_file"))
    assert [(v.number, v.source_file.name) for v in versions] == [
        (1, "自评表.docx"),
        (2, "自评表.pdf"),
    ]
    assert record.source_file.name == "自评表.docx"  # the record is where it came from first
    # the form in unit B (the same project, another unit) is its own record, untouched
    assert FormRecord.objects.filter(project_name=PROJECT).count() == 2
    assert world.form_b.versions.count() == 1


def test_a_changed_form_uploaded_through_the_api_is_a_version_with_a_link(world, tmp_path) -> None:
    upload(
        world.client(world.filler_a),
        "a.docx",
        as_docx(seed_000(), tmp_path / "a.docx"),
        world.unit_a,
    )
    changed = seed_000().model_copy(update={"manager": Declared(text="王新负责人")})
    result = api_upload(
        world.filler_a, "改过的.docx", as_docx(changed, tmp_path / "b.docx"), world.unit_a
    )

    [record] = records(world.unit_a)
    assert result["forms"] == [record.pk]
    assert result["new_versions"] == [
        {"form": record.pk, "version": 2, "compare_url": f"/forms/{record.pk}/compare/?a=1&b=2"}
    ]
    assert result["not_overwritten"] == []
    assert "已保存为新版本（《市民服务中心工作经费》第2版）" in result["message"]
    assert record.latest.data["manager"] == "王新负责人"
    assert record.versions.get(number=1).data["manager"] != "王新负责人"


def test_a_submitted_or_approved_form_is_not_overwritten_but_the_file_is_kept(world) -> None:
    # the unit's two forms of seed 004: 公共服务经费 handed in, 民生家园建设经费 still a draft
    FormRecord.objects.filter(pk=world.form_a.pk).update(status=FormRecord.Status.SUBMITTED)
    other = FormRecord.objects.get(unit=world.unit_a, project_name="民生家园建设经费")
    again = SEED_004.read_bytes() + "\n（重新导出）\n".encode()
    page = upload(world.client(world.filler_a), "004 again.txt", again, world.unit_a)

    assert (
        "读出 2 张自评表：新建 0 张；1 张是系统中已有的自评表，已保存为新版本（《民生家园建设经费》第2版）"
        in page
    )
    assert "《公共服务经费》已提交，未用上传覆盖；如需修改请先退回或重新打开" in page
    assert world.form_a.versions.count() == 1
    assert other.versions.count() == 2
    assert StoredFile.objects.filter(name="004 again.txt").exists()
    assert FormRecord.objects.filter(unit=world.unit_a).count() == 2

    FormRecord.objects.filter(pk=world.form_a.pk).update(status=FormRecord.Status.APPROVED)
    result = api_upload(world.filler_a, "004 third.txt", again + b"\n", world.unit_a)
    assert result["not_overwritten"] == [world.form_a.pk]
    assert "《公共服务经费》已审核，未用上传覆盖" in result["message"]
    assert world.form_a.versions.count() == 1

    # reopened (here: returned), the same file again now gives it the version it could not take
    FormRecord.objects.filter(pk=world.form_a.pk).update(status=FormRecord.Status.RETURNED)
    page = upload(world.client(world.filler_a), "004 again again.txt", again, world.unit_a)
    assert (
        "此文件已上传过，其中 2 张自评表已在系统中，未重复导入；"
        "上次未覆盖的 1 张现已保存为新版本（《公共服务经费》第2版）" in page
    )
    assert world.form_a.versions.count() == 2 and other.versions.count() == 3
    assert world.form_a.latest.source_file.name == "004 again.txt"
    # and once more: nothing left to use
    page = upload(world.client(world.filler_a), "004 again x3.txt", again, world.unit_a)
    assert "此文件已上传过，其中 2 张自评表已在系统中，未重复导入" in page
    assert "新版本" not in page.split("读取结果")[1]
    assert world.form_a.versions.count() == 2 and other.versions.count() == 3


def test_the_same_file_again_lists_the_forms_it_gave_versions_to(world) -> None:
    client = world.client(world.filler_a)
    again = SEED_004.read_bytes() + b"\n"
    upload(client, "004 v2.txt", again, world.unit_a)  # versions of both forms, no new record
    page = upload(client, "004 v2 copy.txt", again, world.unit_a)
    assert "此文件已上传过，其中 2 张自评表已在系统中，未重复导入" in page
    assert "公共服务经费" in page and "民生家园建设经费" in page
    assert FormRecord.objects.filter(unit=world.unit_a).count() == 2
    assert FormVersion.objects.filter(record__unit=world.unit_a).count() == 4


def test_a_voided_forms_project_uploaded_again_makes_a_new_record(world, tmp_path) -> None:
    client = world.client(world.filler_a)
    upload(client, "a.docx", as_docx(seed_000(), tmp_path / "a.docx"), world.unit_a)
    [old] = records(world.unit_a)
    voiding.void_form(old, world.filler_a, "上传错了单位")
    page = upload(client, "a.pdf", as_pdf(seed_000(), tmp_path / "a.pdf"), world.unit_a)
    assert "读出 1 张自评表" in page and "已有的自评表" not in page

    voided, new = sorted(records(world.unit_a), key=lambda r: r.pk)
    assert voided.pk == old.pk and voided.voided_at is not None and voided.versions.count() == 1
    assert new.voided_at is None and new.versions.count() == 1
    # the exact file of the voided form again: nothing new, and it says where the form went
    page = upload(client, "a again.docx", (tmp_path / "a.docx").read_bytes(), world.unit_a)
    assert "此文件已上传过，其中 0 张自评表已在系统中" in page
    assert "另有 1 张已作废，如需使用请在该表页面恢复" in page


def test_renaming_a_form_to_another_forms_project_is_refused_with_a_message(world) -> None:
    other = FormRecord.objects.get(unit=world.unit_a, project_name="民生家园建设经费")
    expected = (
        f"本单位该年度已有项目《民生家园建设经费》的自评表（第{other.pk}号），不能有两张；"
        "请修改那一张或先作废"
    )
    # through the API
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(world.filler_a, 'test')}"}
    data = {**world.form_a.latest.data, "project_name": {"text": "民生家园建设经费"}}
    response = Client().put(
        f"/api/forms/{world.form_a.pk}", data, content_type="application/json", **auth
    )
    assert response.status_code == 409
    assert expected in response.json()["detail"]
    # through the edit page
    fields = edit_fields(world.form_a)
    fields["project_name"] = "民生家园 建设经费"  # the same project, written differently
    page = (
        world.client(world.filler_a)
        .post(reverse("forms:edit", args=[world.form_a.pk]), fields, follow=True)
        .content.decode()
    )
    assert expected in page
    world.form_a.refresh_from_db()
    assert world.form_a.project_name == "公共服务经费" and world.form_a.versions.count() == 1
    # once the other one is voided, the rename goes through
    voiding.void_form(other, world.admin, "重复")
    response = Client().put(
        f"/api/forms/{world.form_a.pk}", data, content_type="application/json", **auth
    )
    assert response.status_code == 200
    world.form_a.refresh_from_db()
    assert world.form_a.project_name == "民生家园建设经费"


def test_a_new_form_from_last_year_that_exists_already_is_refused(world) -> None:
    client = world.client(world.filler_a)
    client.post(reverse("forms:new"), {"unit": world.unit_a.pk, "from": world.form_a.pk})
    assert FormRecord.objects.filter(project_name="公共服务经费", year=2021).count() == 1
    page = client.post(
        reverse("forms:new"), {"unit": world.unit_a.pk, "from": world.form_a.pk}, follow=True
    ).content.decode()
    assert "本单位该年度已有项目《公共服务经费》的自评表" in page
    assert FormRecord.all_objects.filter(project_name="公共服务经费", year=2021).count() == 1
    assert not FormRecord.all_objects.filter(versions__isnull=True).exists()


def test_the_sample_import_gives_a_form_already_there_a_version_not_a_duplicate(
    db, data_dir, tmp_path
) -> None:
    Organisation.objects.create(name="某区财政局", kind="bureau")  # the site's own bureau
    admin = get_user_model().objects.create_superuser(username="root", password="x-Passw0rd!")
    client = Client()
    client.force_login(admin)
    # seed 000's form as Word first, filed by its names in the sample bureau (自动归类)
    data = as_docx(seed_000(), tmp_path / "a.docx")
    client.post(
        reverse("forms:upload"), {"unit": "auto", "files": [SimpleUploadedFile("a.docx", data)]}
    )
    [record] = FormRecord.objects.all()

    page = client.post(reverse("forms:samples"), follow=True).content.decode()
    assert (
        "已导入样例：4 个文件，50 张自评表（其中 1 张是已有自评表，保存为新版本，未重复计入）。"
        in page
    )
    assert FormRecord.all_objects.filter(kind="self").count() == 50
    assert FormVersion.objects.filter(record__kind="self").count() == 51
    assert [v.source_file.name for v in record.versions.order_by("number")] == [
        "a.docx",
        "000_6e77f7a237aa1684.txt",
    ]
    total = FormRecord.objects.aggregate(s=Sum("annual_budget"))["s"]
    assert dashboard(forms_for(admin))["totals"]["budget"] == total
