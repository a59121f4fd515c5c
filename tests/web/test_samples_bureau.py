"""“一键导入样例” sets up a believable bureau: coded departments and units with distinct names,
a round for every sample year, and people of every role who log in with the printed passwords.

Importing the fifty forms takes a while, so only two tests import them; the others set up the
bureau without the forms (`set_up_sample_bureau`), which is the same code.
"""

from __future__ import annotations

import re
import stat
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jixiao.model.form import Declared, Form, FormSource
from jixiao.web.forms.models import FormRecord
from jixiao.web.orgs.models import AuditEvent, Membership, Organisation
from jixiao.web.rounds.models import Round, Task
from jixiao.web.services import samples


@pytest.fixture(autouse=True)
def fast_hashing(settings) -> None:
    """Fourteen sample people: hash their passwords cheaply here (the real hasher is slow by design)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def sample_organisations():
    top = Organisation.objects.get(code=samples.BUREAU_CODE)
    return Organisation.objects.filter(pk__in=top.subtree_ids())


def printed_passwords(data_dir) -> dict[str, str]:
    """The accounts file as a person reads it: 用户名, a tab, 密码 …"""
    text = (data_dir / samples.ACCOUNTS_FILE).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    return {row[0]: row[1] for row in rows if len(row) > 1}


def logs_in(username: str, password: str) -> bool:
    client = Client()
    client.post(reverse("login"), {"username": username, "password": password})
    return "_auth_user_id" in client.session


def test_the_import_sets_up_a_believable_bureau(world, data_dir) -> None:
    response = world.client(world.admin).post(reverse("forms:samples"), follow=True)
    assert "已导入样例：4 个文件，50 张自评表" in response.content.decode()
    organisations = list(sample_organisations())
    # every organisation has a code like 一体化's: 901 for a department, 901001 for its unit
    for o in organisations:
        if o.kind == Organisation.Kind.DEPARTMENT:
            assert re.fullmatch(r"\d{3}", o.code), o.label
        if o.kind == Organisation.Kind.UNIT:
            assert re.fullmatch(r"\d{6}", o.code) and o.code.startswith(o.parent.code), o.label
    units = [o for o in organisations if o.kind == Organisation.Kind.UNIT]
    assert len({u.name for u in units}) == len(units)  # no two units of one name
    # seed 002's 18 forms all say 实施单位 丰台区政务服务管理局: they go to three distinct units
    fengtai = Counter(
        FormRecord.objects.filter(source_file__name__startswith="002_").values_list(
            "unit__name", flat=True
        )
    )
    assert fengtai == {
        "丰台区政务服务管理局（本级）": 11,
        "丰台区政务服务管理局运行保障中心": 5,
        "丰台区政务服务管理局信息中心": 2,
    }
    assert FormRecord.objects.filter(unit__name="潞源街道办事处（本级）", year=2023).count() == 29
    # a round for every sample year, a task for each unit of the departments taking part
    rounds = Round.objects.filter(owner__code=samples.BUREAU_CODE)
    assert sorted(rounds.values_list("year", flat=True)) == [2020, 2021, 2023, 2024]
    assert all(r.deadline > timezone.localdate() for r in rounds)  # live: ready to be tried
    tasks = Task.objects.filter(round__in=rounds)
    assert tasks.filter(year=2021).count() == 3
    assert tasks.filter(unit__name="潞源街道社区服务中心", year=2023).exists()  # no forms yet
    # the people of every role log in with the passwords printed by make run
    passwords = printed_passwords(data_dir)
    roles = Counter(
        Membership.objects.filter(user__username__in=passwords).values_list("role", flat=True)
    )
    assert roles[Membership.Role.FILLER] == len(units)
    assert roles[Membership.Role.REVIEWER] == 1 + 4  # the bureau's and one per department
    assert roles[Membership.Role.ADMIN] == 1
    for role in Membership.Role.values:
        username = (
            Membership.objects.filter(role=role, user__username__in=passwords)
            .values_list("user__username", flat=True)
            .first()
        )
        assert logs_in(username, passwords[username]), username
    # the sample bureau is not the installation's own
    assert Organisation.objects.get(code=samples.BUREAU_CODE).name == "示例财政局"


def test_importing_twice_changes_nothing(world) -> None:
    client = world.client(world.admin)
    client.post(reverse("forms:samples"))

    def state() -> dict[str, object]:
        return {
            "organisations": sorted(Organisation.objects.values_list("code", "name", "parent")),
            "people": sorted(get_user_model().objects.values_list("username", "password")),
            "roles": Membership.objects.count(),
            "rounds": sorted(Round.objects.values_list("year", "deadline")),
            "tasks": Task.objects.count(),
            "forms": sorted(FormRecord.objects.values_list("pk", "unit")),
        }

    before = state()
    events = AuditEvent.objects.exclude(action="import_file").count()
    client.post(reverse("forms:samples"))
    assert state() == before
    assert AuditEvent.objects.exclude(action="import_file").count() == events


def test_the_organisation_tree_is_data_with_unique_codes_and_names() -> None:
    tree = samples.sample_tree()
    units = [u for d in tree.departments for u in d.units]
    codes = [d.code for d in tree.departments] + [u.code for u in units]
    assert len(set(codes)) == len(codes)
    assert len({u.name for u in units}) == len(units)
    placed = [key for u in units for key in u.forms]
    assert len(set(placed)) == len(placed)  # a form's names lead to one unit only
    assert {r.year for r in tree.rounds} == {2020, 2021, 2023, 2024}
    assert {p.role for p in tree.people} == set(Membership.Role.values)


def test_the_passwords_are_made_once_and_kept_owner_only(db, data_dir) -> None:
    first = {a.username: a.password for a in samples.sample_accounts()}
    again = {a.username: a.password for a in samples.sample_accounts()}
    assert first == again == printed_passwords(data_dir)
    path = data_dir / samples.ACCOUNTS_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "一键导入样例" in path.read_text(encoding="utf-8")


def test_the_sample_people_keep_their_passwords_without_having_to_change_them(
    db, data_dir, world
) -> None:
    samples.set_up_sample_bureau(world.admin)
    person = get_user_model().objects.get(username="anzhen_shequ")
    assert person.check_password(printed_passwords(data_dir)["anzhen_shequ"])
    assert not person.profile.must_change_password
    assert Membership.objects.get(user=person).organisation.name == "安贞街道社区建设办公室"


def test_the_sample_department_is_seed_002s_department_with_its_code(db, data_dir) -> None:
    department = samples.sample_department()
    assert (department.name, department.code) == ("丰台区政务服务管理局", "902")
    assert department.parent.code == samples.BUREAU_CODE
    assert samples.sample_department() == department


def test_a_form_the_samples_do_not_know_gets_a_coded_unit_of_its_own(db, data_dir) -> None:
    form = Form(
        source=FormSource(file="某某局.docx", sha256="0" * 64, format="docx", index=0),
        department=Declared(text="某某局"),
        implementing_unit=Declared(text="某某局"),
    )
    unit = samples.place(form)
    assert unit.name == "某某局（本级）" and unit.parent.name == "某某局"
    assert unit.code == unit.parent.code + "001"
    assert samples.place(form) == unit


def test_a_sample_code_taken_by_the_bureaus_own_organisation_is_refused_in_chinese(
    world, data_dir
) -> None:
    Organisation.objects.create(
        code="902", name="区教委", kind=Organisation.Kind.DEPARTMENT, parent=world.bureau
    )
    with pytest.raises(ValidationError, match="单位编码“902”已被“区教委”使用"):
        samples.set_up_sample_bureau(world.admin)


def test_the_page_says_so_instead_of_failing(world, data_dir) -> None:
    Organisation.objects.create(
        code="901", name="区民政局", kind=Organisation.Kind.DEPARTMENT, parent=world.bureau
    )
    response = world.client(world.admin).post(reverse("forms:samples"), follow=True)
    assert response.status_code == 200
    assert "无法导入样例：单位编码“901”已被“区民政局”使用" in response.content.decode()
    assert not Organisation.objects.filter(code=samples.BUREAU_CODE).exists()  # nothing half-made
