"""Which project a document belongs to: by 项目编码 when known, else by unit and normalised name;
a coded project is found again by a document that only names it; a merged project leads on."""

from __future__ import annotations

import pytest

from jixiao.web.orgs.models import Organisation
from jixiao.web.projects.models import Project
from jixiao.web.services.projects import find_project, project_for


@pytest.fixture
def unit(db) -> Organisation:
    return Organisation.objects.create(name="甲社区建设办公室", kind="unit")


def test_the_same_name_written_differently_is_one_project(unit) -> None:
    first = project_for(unit, "公共服务经费")
    again = project_for(unit, " 公共服务 经费（ ")
    assert first is not None and again is not None
    assert again.pk == first.pk
    assert first.identity == "name:公共服务经费"
    assert Project.objects.count() == 1


def test_a_coded_project_is_found_by_a_document_that_only_names_it(unit) -> None:
    coded = project_for(unit, "公共服务经费", "11010521T000000123456")
    assert coded is not None and coded.identity == "code:11010521t000000123456"
    named = project_for(unit, "公共服务经费")
    assert named is not None and named.pk == coded.pk


def test_a_code_given_later_is_kept_on_the_project_found_by_name(unit) -> None:
    named = project_for(unit, "公共服务经费")
    coded = project_for(unit, "公共服务经费", "A-001")
    assert coded is not None and named is not None and coded.pk == named.pk
    coded.refresh_from_db()
    assert coded.code == "A-001"


def test_another_unit_has_its_own_project_of_the_same_name(unit) -> None:
    other = Organisation.objects.create(name="乙市民服务中心", kind="unit")
    a = project_for(unit, "公共服务经费")
    b = project_for(other, "公共服务经费")
    assert a is not None and b is not None and a.pk != b.pk


def test_a_document_naming_nothing_has_no_project(unit) -> None:
    assert project_for(unit, "  ", "") is None


def test_a_merged_project_leads_to_the_one_kept(unit) -> None:
    kept = project_for(unit, "社区公共服务经费")
    old = project_for(unit, "公共服务经费")
    assert kept is not None and old is not None
    old.merged_into = kept
    old.save()
    assert find_project(unit, "公共服务经费") == kept
    assert project_for(unit, "公共服务经费") == kept


def test_a_recheck_gives_a_form_stored_before_projects_its_project(world) -> None:
    from jixiao.web.forms.models import FormRecord
    from jixiao.web.services.recheck import recheck

    FormRecord.objects.filter(pk=world.form_a.pk).update(project=None)
    Project.objects.all().delete()
    recheck([FormRecord.objects.get(pk=world.form_a.pk)])
    project = FormRecord.objects.get(pk=world.form_a.pk).project
    assert project is not None
    assert (project.unit, project.name) == (world.unit_a, "公共服务经费")
