"""The API's writes: PATCH changes only the fields sent, PUT takes a whole form and refuses
missing or unknown fields with 422, the status only moves through the workflow, the form's
provenance stays the server's, and an upload of a file another unit uploaded names nothing of
that unit."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from seeds import SAMPLES

from jixiao.web.forms.models import FormRecord
from jixiao.web.orgs.models import Membership, Organisation
from jixiao.web.services.imports import import_file
from jixiao.web.services.tokens import create_token

SEED = SAMPLES / "000_6e77f7a237aa1684.txt"


@pytest.fixture
def two_units(db, data_dir):
    bureau = Organisation.objects.create(name="某区财政局", kind=Organisation.Kind.BUREAU)
    department = Organisation.objects.create(
        name="甲街道办事处", kind=Organisation.Kind.DEPARTMENT, parent=bureau
    )
    made = {}
    for key, name in (("a", "甲社区建设办公室"), ("b", "乙市民服务中心")):
        unit = Organisation.objects.create(
            name=name, kind=Organisation.Kind.UNIT, parent=department
        )
        user = get_user_model().objects.create_user(username=f"tianbao_{key}", password="x")
        Membership.objects.create(user=user, organisation=unit, role=Membership.Role.FILLER)
        made[key] = (unit, user, create_token(user))
    unit_a, user_a, _ = made["a"]
    form = import_file(user_a, SEED.name, SEED.read_bytes(), unit=unit_a).forms[0]
    return {**made, "form": form}


class Api:
    def __init__(self, token: str) -> None:
        self.client, self.auth = Client(), f"Bearer {token}"

    def get(self, form: FormRecord) -> dict:
        return self.client.get(f"/api/forms/{form.pk}", HTTP_AUTHORIZATION=self.auth).json()

    def send(self, method: str, form: FormRecord, body: dict):
        return getattr(self.client, method)(
            f"/api/forms/{form.pk}",
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=self.auth,
        )


def declared(detail: dict) -> dict:
    return {k: v for k, v in detail["form"].items() if k not in ("computed", "findings")}


@pytest.fixture
def api(two_units) -> Api:
    return Api(two_units["a"][2])


def test_patch_changes_only_the_fields_sent(api, two_units) -> None:
    form = two_units["form"]
    before = api.get(form)
    response = api.send("patch", form, {"manager": "张三"})
    assert response.status_code == 200, response.content
    after = response.json()
    assert after["version"] == before["version"] + 1
    assert after["form"]["manager"] == "张三"
    for key in ("project_name", "indicators", "funds", "goals", "source", "locations"):
        assert after["form"][key] == before["form"][key], key


def test_patch_merges_into_nested_objects(api, two_units) -> None:
    form = two_units["form"]
    before = api.get(form)["form"]["funds"]
    after = api.send("patch", form, {"funds": {"total": {"executed": "1.5"}}}).json()
    funds = after["form"]["funds"]
    assert funds["total"]["executed"] == "1.5"
    assert funds["total"]["annual_budget"] == before["total"]["annual_budget"]
    assert funds["appropriation"] == before["appropriation"]


def test_a_whole_form_sent_back_by_put_is_saved(api, two_units) -> None:
    form = two_units["form"]
    body = {**declared(api.get(form)), "phone": "010-12345678"}
    response = api.send("put", form, body)
    assert response.status_code == 200, response.content
    assert response.json()["form"]["phone"] == "010-12345678"


def test_put_refuses_a_form_with_fields_missing(api, two_units) -> None:
    form = two_units["form"]
    response = api.send("put", form, {"manager": "张三"})
    assert response.status_code == 422
    assert "缺少" in response.json()["detail"] and "project_name" in response.json()["detail"]
    assert form.versions.count() == 1


def test_put_and_patch_refuse_a_field_the_form_does_not_have(api, two_units) -> None:
    form = two_units["form"]
    body = {**declared(api.get(form)), "manger": "张三"}
    for method, sent in (("put", body), ("patch", {"manger": "张三"})):
        response = api.send(method, form, sent)
        assert response.status_code == 422, method
        assert "manger" in response.json()["detail"]
    assert form.versions.count() == 1


@pytest.mark.parametrize("method", ["put", "patch"])
def test_the_status_cannot_be_written_and_no_empty_version_is_stored(
    api, two_units, method
) -> None:
    form = two_units["form"]
    response = api.send(method, form, {"status": "approved"})
    assert response.status_code == 422
    assert "submit" in response.json()["detail"]
    form.refresh_from_db()
    assert form.status == "draft" and form.versions.count() == 1
    assert form.latest.data["project_name"]  # the stored version untouched


@pytest.mark.parametrize("method", ["put", "patch"])
def test_the_provenance_is_the_servers(api, two_units, method) -> None:
    form = two_units["form"]
    body = declared(api.get(form))
    source = {**body["source"], "file": "别的文件.docx"}
    sent = {**body, "source": source} if method == "put" else {"source": source}
    response = api.send(method, form, sent)
    assert response.status_code == 422
    assert "source" in response.json()["detail"]
    layout = {**body, "layout": "sichuan"} if method == "put" else {"layout": "sichuan"}
    assert api.send(method, form, layout).status_code == 422
    assert form.versions.count() == 1
    assert form.latest.data["source"]["file"] == SEED.name


def test_an_upload_of_another_units_file_names_nothing_of_that_unit(two_units) -> None:
    form = two_units["form"]
    unit_b, _, token_b = two_units["b"]
    response = Client().post(
        "/api/upload",
        {"unit": unit_b.pk, "files": [SEED.open("rb")]},
        HTTP_AUTHORIZATION=f"Bearer {token_b}",
    )
    assert response.status_code == 202, response.content
    text = response.content.decode()
    (result,) = response.json()["files"]
    assert result["forms"] == [] and result["new_versions"] == []
    assert form.project_name not in text
    assert f"{form.pk}" not in str(result["forms"])


def test_a_misspelt_field_inside_the_form_is_refused_not_dropped(api, two_units) -> None:
    form = two_units["form"]
    response = api.send("patch", form, {"funds": {"total": {"exeucted": "1.5"}}})
    assert response.status_code == 422
    assert "funds.total.exeucted" in response.json()["detail"]
    body = declared(api.get(form))
    body["indicators"][0] = {**body["indicators"][0], "scroe": "5"}
    response = api.send("put", form, body)
    assert response.status_code == 422
    assert "indicators.0.scroe" in response.json()["detail"]
    assert form.versions.count() == 1
