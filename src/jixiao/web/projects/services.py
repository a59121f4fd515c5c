"""A project's year by year: its 申报表, 监控表, 自评表, expert evaluations and rectification items.

The documents are the project's records (`FormRecord.project`); an expert panel belongs to the
project when it is of the same unit or its department, the same year and the same project name
(normalised as `jixiao.model.identity.normalised_name`); rectification items carry the project.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse

from jixiao.model.identity import normalised_name
from jixiao.web.forms.models import FormRecord
from jixiao.web.projects.models import Project
from jixiao.web.services.documents import detail_url

Kind = FormRecord.Kind
# the five steps of a project's year, in the order of the cycle
STEPS: tuple[tuple[str, str], ...] = (
    ("targets", "绩效目标申报表"),
    ("monitoring", "运行监控"),
    ("self", "自评表"),
    ("panel", "专家评价"),
    ("rectification", "整改"),
)


@dataclass
class Entry:
    title: str
    url: str
    status: str
    light: str = ""  # a monitoring table's 红 / 黄 / 绿 code


@dataclass
class Year:
    year: int | None
    steps: dict[str, list[Entry]] = field(default_factory=dict)

    @property
    def rows(self) -> list[tuple[str, str, list[Entry]]]:
        return [(key, title, self.steps.get(key, [])) for key, title in STEPS]


def _item_url(pk: int) -> str:
    for name in ("rectification:detail", "rectification:item"):
        try:
            return reverse(name, args=[pk])
        except NoReverseMatch:
            continue
    return ""


def panels_of(project: Project) -> list[object]:
    """The expert panels of the project: same unit (or its department), same project name."""
    from jixiao.web.panels.models import Panel

    organisations = [project.unit_id]
    if project.unit.parent_id:
        organisations.append(project.unit.parent_id)
    wanted = {normalised_name(project.name)} | {
        normalised_name(p.name) for p in project.merged.all()
    }
    return [
        p
        for p in Panel.objects.filter(organisation_id__in=organisations).order_by("year", "pk")
        if normalised_name(p.project) in wanted
    ]


def timeline(project: Project) -> list[Year]:
    """The project's years, newest first, each with its five steps."""
    from jixiao.web.rectification.models import RectificationItem

    years: dict[int | None, Year] = {}

    def add(year: int | None, step: str, entry: Entry) -> None:
        years.setdefault(year, Year(year)).steps.setdefault(step, []).append(entry)

    records = FormRecord.documents.filter(project=project).order_by("year", "kind", "pk")
    for r in records:
        title = f"{r.get_kind_display()}：{r.project_name}"
        add(r.year, r.kind, Entry(title, detail_url(r), r.get_status_display(), r.light))
    for panel in panels_of(project):
        add(
            panel.year,  # type: ignore[attr-defined]
            "panel",
            Entry(
                f"专家评价：{panel.project}",  # type: ignore[attr-defined]
                reverse("panels:detail", args=[panel.pk]),  # type: ignore[attr-defined]
                f"{len(panel.experts)} 位专家",  # type: ignore[attr-defined]
            ),
        )
    for item in RectificationItem.objects.filter(project=project).order_by("year", "pk"):
        add(
            item.year,
            "rectification",
            Entry(item.title, _item_url(item.pk), item.get_status_display()),
        )
    return sorted(years.values(), key=lambda y: -(y.year or 0))
