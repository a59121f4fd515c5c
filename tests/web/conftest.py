"""Two units under two departments, their people, and a real seed form in each unit.

As in healthchecks' BaseTestCase: almost every test asks for the other unit's form as well and
expects a refusal, so scope is proven everywhere, not assumed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from seeds import SAMPLES
from web_world import PASSWORD

from jixiao.web.forms.models import FormRecord
from jixiao.web.orgs.models import Membership, Organisation
from jixiao.web.rounds.models import Round
from jixiao.web.rounds.services import open_round
from jixiao.web.services.imports import import_file


@dataclass
class World:
    bureau: Organisation
    dept_a: Organisation
    dept_b: Organisation
    unit_a: Organisation
    unit_b: Organisation
    filler_a: object
    filler_b: object
    reviewer_a: object
    bureau_reviewer: object
    admin: object
    form_a: FormRecord  # 004 公共服务经费, in unit A
    form_b: FormRecord  # 000 市民服务中心工作经费, in unit B

    def open_round(self, deadline: datetime.date, year: int = 2020, **options: object) -> Round:
        """The bureau's administrator opens a round for both departments."""
        return open_round(
            self.admin,
            owner=self.bureau,
            year=year,
            deadline=deadline,
            scope=[self.dept_a, self.dept_b],
            **options,
        ).round

    def client(self, user: object) -> Client:
        client = Client()
        client.force_login(user)
        return client


def _user(name: str, org: Organisation, role: str, **extra: object) -> object:
    user = get_user_model().objects.create_user(username=name, password=PASSWORD, **extra)
    Membership.objects.create(user=user, organisation=org, role=role)
    return user


@pytest.fixture
def data_dir(tmp_path: Path, settings) -> Path:
    settings.ORIGINALS_DIR = tmp_path / "originals"
    settings.DATA_DIR = tmp_path  # the sample accounts file too: a test never writes to var/
    return tmp_path


@pytest.fixture
def world(db, data_dir) -> World:
    bureau = Organisation.objects.create(name="某区财政局", kind="bureau")
    dept_a = Organisation.objects.create(name="甲街道办事处", kind="department", parent=bureau)
    dept_b = Organisation.objects.create(name="乙街道办事处", kind="department", parent=bureau)
    unit_a = Organisation.objects.create(name="甲社区建设办公室", kind="unit", parent=dept_a)
    unit_b = Organisation.objects.create(name="乙市民服务中心", kind="unit", parent=dept_b)
    filler_a = _user("filler_a", unit_a, Membership.Role.FILLER)
    filler_b = _user("filler_b", unit_b, Membership.Role.FILLER)
    reviewer_a = _user("reviewer_a", dept_a, Membership.Role.REVIEWER)
    bureau_reviewer = _user("bureau_reviewer", bureau, Membership.Role.REVIEWER)
    admin = get_user_model().objects.create_superuser(username="admin", password=PASSWORD)
    seed_a = SAMPLES / "004_b10b36a27f1da553.txt"
    seed_b = SAMPLES / "000_6e77f7a237aa1684.txt"
    a = import_file(filler_a, seed_a.name, seed_a.read_bytes(), unit=unit_a)
    b = import_file(filler_b, seed_b.name, seed_b.read_bytes(), unit=unit_b)
    form_a = next(r for r in a.forms if r.project_name == "公共服务经费")
    return World(
        bureau,
        dept_a,
        dept_b,
        unit_a,
        unit_b,
        filler_a,
        filler_b,
        reviewer_a,
        bureau_reviewer,
        admin,
        form_a,
        b.forms[0],
    )
