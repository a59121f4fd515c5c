"""Seed 002's department: its checked forms and its figures, shared by the department tests."""

from __future__ import annotations

import pytest
from fengtai import EXAMPLE, FENGTAI
from seeds import all_seed_forms

from jixiao.department.figures import DepartmentFigures, load_figures
from jixiao.scoring.policy import Policy, load_policy
from jixiao.services.check import CheckedForm, check_forms


@pytest.fixture(scope="session")
def policy() -> Policy:
    return load_policy("beijing")


@pytest.fixture(scope="session")
def checked(policy: Policy) -> list[CheckedForm]:
    return check_forms(all_seed_forms(), policy)


@pytest.fixture(scope="session")
def figures() -> DepartmentFigures:
    return load_figures(EXAMPLE)


@pytest.fixture(scope="session")
def evaluation(checked: list[CheckedForm], figures: DepartmentFigures, policy: Policy):  # type: ignore[no-untyped-def]
    from jixiao.department.evaluation import evaluate_department, select_department

    name, forms = select_department(FENGTAI, 2021, checked)
    return evaluate_department(name, 2021, forms, figures, policy)


@pytest.fixture(scope="session")
def report_path(evaluation, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from jixiao.department.report import write_department_report

    path = tmp_path_factory.mktemp("report") / "部门评价.docx"
    write_department_report(evaluation, path)
    return path
