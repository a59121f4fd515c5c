"""Concurrent saves on the real database (real threads; SQLite as a file with the settings'
options, PostgreSQL): twenty saves of one form and twenty new forms at once answer without a
500, every version number is unique and follows the last, no record is left without a version."""

from __future__ import annotations

import pytest
from concurrently import afterwards, shared_database, together
from django.contrib.auth import get_user_model
from django.test import Client
from seeds import SAMPLES

from jixiao.web.forms.models import FormRecord, FormVersion
from jixiao.web.orgs.models import Membership, Organisation
from jixiao.web.services.imports import import_file
from jixiao.web.services.tokens import create_token

SEED = SAMPLES / "000_6e77f7a237aa1684.txt"
COUNT = 20


@pytest.fixture
def unit_world(transactional_db, settings, tmp_path):
    settings.ORIGINALS_DIR = tmp_path / "originals"
    settings.DATA_DIR = tmp_path
    bureau = Organisation.objects.create(name="某区财政局", kind=Organisation.Kind.BUREAU)
    department = Organisation.objects.create(
        name="甲街道办事处", kind=Organisation.Kind.DEPARTMENT, parent=bureau
    )
    unit = Organisation.objects.create(
        name="乙市民服务中心", kind=Organisation.Kind.UNIT, parent=department
    )
    filler = get_user_model().objects.create_user(username="tianbao", password="x")
    Membership.objects.create(user=filler, organisation=unit, role=Membership.Role.FILLER)
    form = import_file(filler, SEED.name, SEED.read_bytes(), unit=unit).forms[0]
    return {"unit": unit, "filler": filler, "form": form, "token": create_token(filler)}


def test_twenty_saves_of_one_form_at_once_each_get_their_own_version(unit_world, tmp_path) -> None:
    form, token = unit_world["form"], unit_world["token"]
    body = Client().get(f"/api/forms/{form.pk}", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    declared = {k: v for k, v in body["form"].items() if k not in ("computed", "findings")}

    def save(i: int) -> int:
        changed = {**declared, "manager": f"负责人{i}"}
        return (
            Client()
            .put(
                f"/api/forms/{form.pk}",
                changed,
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {token}",
            )
            .status_code
        )

    with shared_database(tmp_path):
        answers = together(COUNT, save)
        numbers = afterwards(
            lambda: list(
                FormVersion.objects.filter(record_id=form.pk)
                .order_by("number")
                .values_list("number", flat=True)
            )
        )
    assert answers == [200] * COUNT
    assert numbers == list(range(1, COUNT + 2))  # the import's first version, then one each


def test_twenty_new_forms_at_once_each_get_a_first_version(unit_world, tmp_path) -> None:
    unit, filler = unit_world["unit"], unit_world["filler"]

    def new(i: int) -> int:
        client = Client()
        client.force_login(filler)
        return client.post("/forms/new/", {"unit": unit.pk, "year": 2025}).status_code

    with shared_database(tmp_path):
        answers = together(COUNT, new)
        without = afterwards(lambda: FormRecord.all_objects.filter(versions__isnull=True).count())
        made = afterwards(lambda: FormRecord.all_objects.filter(unit=unit).count())
    assert answers == [302] * COUNT
    assert without == 0
    assert made == COUNT + 1
