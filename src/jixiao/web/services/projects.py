"""Projects: which project a document belongs to, and linking two that are one.

A project is one thing across years and documents (绩效目标申报表, 监控表, 自评表, 专家评价, 整改).
Within a unit it is known by its 项目编码 when a document gives one, else by its normalised name
(`jixiao.model.identity`); a document without a code still finds a project first made from a
coded document of the same name. Two projects linked by hand (`link`) are one from then on: the
one merged away points at the one kept, so later documents under its name or code land there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

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
    return _found([(unit_id, name, code)])[0]


def _identities(name: str, code: str) -> list[str]:
    """The identities a document is looked up by, in order: its code's, then its name's."""
    return [i for i in dict.fromkeys((form_identity(name, code), form_identity(name))) if i]


Wanted = tuple[int, str, str]  # (unit id, project name, project code)


def _found(wanted: Sequence[Wanted]) -> list[Project | None]:
    """`find_project` for many documents at once, in one query: the projects of their
    identities and, for those not found so, the units' active coded projects by name (only a
    coded project can have the name without its identity being the name's: a project made
    without a code is "name:…", found by its identity)."""
    out: list[Project | None] = [None] * len(wanted)
    keys = {(u, i) for u, name, code in wanted for i in _identities(name, code)}
    if not keys:
        return out
    rows = Project.objects.filter(
        Q(identity__in={i for _, i in keys})
        | Q(identity__startswith="code:", merged_into__isnull=True),
        unit_id__in={u for u, _ in keys},
    ).order_by("pk")
    by_identity: dict[tuple[int, str], Project] = {}
    by_name: dict[tuple[int, str], Project] = {}
    for project in rows:
        by_identity[(project.unit_id, project.identity)] = project
        if project.merged_into_id is None and project.identity.startswith("code:"):
            # the first of a name, as the oldest
            by_name.setdefault((project.unit_id, normalised_name(project.name)), project)
    for index, (unit_id, name, code) in enumerate(wanted):
        for identity in _identities(name, code):
            if (unit_id, identity) in by_identity:
                out[index] = final(by_identity[(unit_id, identity)])
                break
        else:
            if normalised_name(name):
                out[index] = by_name.get((unit_id, normalised_name(name)))
    return out


def project_for(unit: Organisation, name: str, code: str = "") -> Project | None:
    """The unit's project named or coded so, made when new; None when the document names
    neither (such a document is never matched to another)."""
    return projects_for([(unit.pk, name, code)])[0]


def projects_for(wanted: Sequence[Wanted]) -> list[Project | None]:
    """`project_for` for many documents at once (a file's forms), in a few queries whatever
    their number: each document as if made one after the other, so a project the first of two
    documents makes is the second's too."""
    out = _found(wanted)
    made: dict[tuple[int, str], Project] = {}  # (unit, identity) → a project to make
    names: dict[tuple[int, str], Project] = {}  # (unit, normalised name) → one made here
    for index, (unit_id, name, code) in enumerate(wanted):
        identity = form_identity(name, code)
        if not identity:
            continue
        found = out[index]
        if found is None:
            keys = [(unit_id, i) for i in _identities(name, code)]
            found = next((made[k] for k in keys if k in made), None) or names.get(
                (unit_id, normalised_name(name))
            )
        if found is None:
            found = Project(
                unit_id=unit_id, identity=identity, name=name.strip()[:300], code=code.strip()[:100]
            )
            made[(unit_id, identity)] = found
            names.setdefault((unit_id, normalised_name(name)), found)
        elif code.strip() and not found.code:
            found.code = code.strip()[:100]
            if found.pk is not None:
                found.save(update_fields=["code"])
        out[index] = found
    if made:
        # a project made meanwhile by another save of the same project is taken, not made twice
        Project.objects.bulk_create(made.values(), ignore_conflicts=True)
        stored = Project.objects.filter(
            unit_id__in={u for u, _ in made}, identity__in={i for _, i in made}
        )
        saved = {(p.unit_id, p.identity): final(p) for p in stored}
        by_object = {id(project): saved[key] for key, project in made.items()}
        out = [by_object.get(id(p), p) if p is not None else None for p in out]
    return out


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
