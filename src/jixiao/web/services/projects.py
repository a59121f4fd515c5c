"""Projects: which project a document belongs to, and linking two that are one.

A project is one thing across years and documents (绩效目标申报表, 监控表, 自评表, 专家评价, 整改).
Within a unit it is known by its 项目编码 when a document gives one, else by its normalised name
(`jixiao.model.identity`); a document without a code still finds a project first made from a
coded document of the same name. Two projects linked by hand (`link`) are one from then on: the
one merged away points at the one kept, so later documents under its name or code land there.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from jixiao.model.identity import form_identity, normalised_name
from jixiao.web.forms.models import FormRecord
from jixiao.web.orgs.models import Organisation
from jixiao.web.projects.models import Project
from jixiao.web.services import audit

# how many merges deep `final` follows before it stops (a loop would be a bug; never hang on it)
_MAX_HOPS = 50


def final(project: Project) -> Project:
    """The project this one was merged into, followed to the end (itself when not merged)."""
    seen = {project.pk}
    for _ in range(_MAX_HOPS):
        if project.merged_into_id is None or project.merged_into_id in seen:
            return project
        project = Project.objects.get(pk=project.merged_into_id)
        seen.add(project.pk)
    return project


def find_project(unit: Organisation | int, name: str, code: str = "") -> Project | None:
    """The unit's project of this code or name (followed through merges); None if there is none.

    By code first, then by name: a project made from a coded 申报表 is found again by a 自评表
    that names the project but gives no code."""
    unit_id = unit if isinstance(unit, int) else unit.pk
    rows = Project.objects.filter(unit_id=unit_id)
    for identity in dict.fromkeys((form_identity(name, code), form_identity(name))):
        if identity:
            found = rows.filter(identity=identity).first()
            if found is not None:
                return final(found)
    wanted = normalised_name(name)
    if not wanted:
        return None
    for project in rows.filter(merged_into__isnull=True).order_by("pk"):
        if normalised_name(project.name) == wanted:
            return project
    return None


def project_for(unit: Organisation, name: str, code: str = "") -> Project | None:
    """The unit's project named or coded so, made when new; None when the document names
    neither (such a document is never matched to another)."""
    identity = form_identity(name, code)
    if not identity:
        return None
    found = find_project(unit, name, code)
    if found is not None:
        if code.strip() and not found.code:
            found.code = code.strip()[:100]
            found.save(update_fields=["code"])
        return found
    try:
        with transaction.atomic():
            return Project.objects.create(
                unit=unit, identity=identity, name=name.strip()[:300], code=code.strip()[:100]
            )
    except IntegrityError:  # made meanwhile by another save of the same project
        return final(Project.objects.get(unit=unit, identity=identity))


def assign(record: FormRecord, name: str, code: str = "") -> None:
    """Set the record's project from the document's name and code (not saved here)."""
    record.project = project_for(record.unit, name, code)


@transaction.atomic
def link(keep: Project, merge: Project, user: Any) -> Project:
    """Merge ``merge`` into ``keep``: its documents and rectification items move to ``keep``,
    and later documents under its name or code land there too. Returns the project kept."""
    from jixiao.web.rectification.models import RectificationItem

    keep, merge = final(keep), final(merge)
    if keep.pk == merge.pk:
        raise ValidationError("这两个项目已经是同一个项目，无需合并。")
    if keep.unit_id != merge.unit_id:
        raise ValidationError("只能合并同一预算单位的项目。")
    records = FormRecord.all_objects.filter(project=merge).update(project=keep)
    items = RectificationItem.objects.filter(project=merge).update(project=keep)
    Project.objects.filter(merged_into=merge).update(merged_into=keep)
    merge.merged_into, merge.merged_by = (
        keep,
        user if getattr(user, "is_authenticated", False) else None,
    )
    merge.save(update_fields=["merged_into", "merged_by"])
    if not keep.code and merge.code:
        keep.code = merge.code
        keep.save(update_fields=["code"])
    audit.record(
        user,
        "并入项目",
        keep,
        about=keep.unit,
        merged=f"《{merge.name}》（第{merge.pk}号）",
        moved=f"{records} 张表、{items} 项整改事项",
    )
    return keep


def candidates(project: Project) -> list[Project]:
    """The other active projects of the same unit, which this one could be merged into."""
    return list(
        Project.objects.filter(unit_id=project.unit_id, merged_into__isnull=True)
        .exclude(pk=project.pk)
        .order_by("name", "pk")
    )
