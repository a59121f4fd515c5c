"""The sample documents in one click: an organisation tree made from the forms, then an import.

The samples are real published forms. Their 主管部门 and 实施单位 become departments and units
under one 示例财政局, so a newcomer sees real forms in their places within a minute.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jixiao.model.form import Form
from jixiao.web.orgs.models import Organisation
from jixiao.web.services.imports import FileOutcome, import_file

SAMPLES = Path(__file__).resolve().parents[4] / "samples"
BUREAU = "示例财政局"
BUREAU_CODE = "SL000000"  # the samples' bureau, kept apart from the real one
SAMPLE_DEPARTMENT = "丰台区政务服务管理局"  # seed 002's department, as the forms name it


def bureau() -> Organisation:
    return Organisation.objects.get_or_create(
        name=BUREAU, parent=None, defaults={"kind": Organisation.Kind.BUREAU}
    )[0]


def sample_department() -> Organisation:
    """Where seed 002's other documents (its narrative, its expert panel) go for an administrator."""
    return Organisation.objects.get_or_create(
        name=SAMPLE_DEPARTMENT, parent=bureau(), defaults={"kind": Organisation.Kind.DEPARTMENT}
    )[0]


def place(form: Form) -> Organisation:
    """The unit a sample form belongs to, made under its department if need be."""
    top = bureau()
    department = Organisation.objects.get_or_create(
        name=(form.department.text or "（未填主管部门）")[:200],
        parent=top,
        defaults={"kind": Organisation.Kind.DEPARTMENT},
    )[0]
    return Organisation.objects.get_or_create(
        name=(form.implementing_unit.text or form.department.text or "（未填实施单位）")[:200],
        parent=department,
        defaults={"kind": Organisation.Kind.UNIT},
    )[0]


def import_samples(user: Any, folder: Path = SAMPLES) -> list[FileOutcome]:
    """The sample files, each form in its place; then the sample department's own figures
    (budget and execution of the whole department), so its overall evaluation is complete."""
    from jixiao.web.departments.services import import_example_figures

    outcomes = [
        import_file(user, path.name, path.read_bytes(), place=place)
        for path in sorted(folder.glob("*.txt"))
    ]
    import_example_figures(user, Organisation.objects.filter(parent=bureau()))
    return outcomes
