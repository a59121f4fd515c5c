"""Saving a form: every save is a new version, checked under the policy at that moment."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from jixiao.model.finding import Severity
from jixiao.model.form import Form
from jixiao.model.identity import form_identity
from jixiao.scoring.policy import Policy, load_policy, policy_for_layout
from jixiao.services.check import CheckedForm, check_forms
from jixiao.values import parse_number
from jixiao.web.forms.models import FormRecord, FormVersion, StoredFile
from jixiao.web.services import audit


def policy(unit_id: int | None = None, year: int | None = None, layout: str = "") -> Policy:
    """The policy a unit's form of ``year`` is checked under: the one its round names, else its
    layout's (`policy_for_layout`), else the site's (JIXIAO_POLICY)."""
    return _load(policy_names([(unit_id, year)], layout)[(unit_id, year)])


@lru_cache(maxsize=8)
def _load(name: str) -> Policy:  # a Policy is frozen; read its file once per process
    return load_policy(name)


Key = tuple[int | None, int | None]  # (unit id, year)


def policy_names(keys: Sequence[Key], layout: str = "") -> dict[Key, str]:
    """The policy name for each (unit, year), from the rounds' tasks in one query; where no
    round names one, the policy of the form's layout (`policy_for_layout`), the site's
    (JIXIAO_POLICY) for Beijing and unknown layouts."""
    from jixiao.web.rounds.models import Task

    fallback = policy_for_layout(layout, settings.JIXIAO_POLICY)
    names: dict[Key, str] = {key: fallback for key in keys}
    units = {u for u, y in keys if u is not None and y is not None}
    if units:
        tasks = Task.objects.filter(unit_id__in=units, year__in={y for _, y in keys if y})
        for unit_id, year, name in tasks.values_list("unit_id", "year", "round__policy"):
            if (unit_id, year) in names:
                names[(unit_id, year)] = name
    return names


def check_under(forms: Sequence[Form], keys: Sequence[Key]) -> list[CheckedForm]:
    """Each form checked under its (unit, year)'s policy, else its layout's; forms under one
    policy are checked together, so cross-form rules see them side by side. In the forms'
    order."""
    by_layout: dict[str, dict[Key, str]] = {}
    for form in forms:
        layout = getattr(form, "layout", "")
        if layout not in by_layout:
            by_layout[layout] = policy_names(keys, layout)
    groups: dict[str, list[int]] = {}
    for i, (form, key) in enumerate(zip(forms, keys, strict=True)):
        name = by_layout[getattr(form, "layout", "")][key]
        groups.setdefault(name, []).append(i)
    out: list[CheckedForm | None] = [None] * len(forms)
    for name, indexes in groups.items():
        for i, checked in zip(
            indexes, check_forms([forms[i] for i in indexes], _load(name)), strict=True
        ):
            out[i] = checked
    return [c for c in out if c is not None]


def check_one(form: Form, unit_id: int | None = None) -> CheckedForm:
    return check_under([form], [(unit_id, form.year)])[0]


def latest_forms(records: Sequence[FormRecord]) -> list[Form]:
    """The latest version of each record as a form, read in one query."""
    latest: dict[int, dict[str, Any]] = {}
    versions = FormVersion.objects.filter(record__in=records).order_by("record_id", "-number")
    for record_id, data in versions.values_list("record_id", "data"):
        latest.setdefault(record_id, data)
    return [Form.from_json_dict(latest[r.pk]) for r in records]


def checked_records(records: Sequence[FormRecord]) -> list[CheckedForm]:
    """The records' latest forms, checked under their policies (those of one policy together,
    so cross-form rules see them side by side), in the records' order."""
    forms = latest_forms(records)
    return check_under(forms, [(r.unit_id, f.year) for r, f in zip(records, forms, strict=True)])


def stored_checked(records: Sequence[FormRecord]) -> list[CheckedForm]:
    """The records' latest versions as they were checked when saved (the form, its computed
    values and findings as stored), read in one query and not scored again, in the records'
    order. Pages and reports use these; `checked_records` checks anew (recheck, exports)."""
    from django.db.models import OuterRef, Subquery

    from jixiao.model.finding import Finding
    from jixiao.scoring.computed import Computed

    newest = FormVersion.objects.filter(record=OuterRef("record")).order_by("-number")
    rows = FormVersion.objects.filter(
        record__in=[r.pk for r in records], number=Subquery(newest.values("number")[:1])
    ).order_by()
    stored = {
        record_id: (data, computed, findings)
        for record_id, data, computed, findings in rows.values_list(
            "record_id", "data", "computed", "findings"
        )
    }
    out = []
    for record in records:
        data, computed, findings = stored[record.pk]
        out.append(
            CheckedForm(
                Form.from_json_dict(data),
                Computed.model_validate(computed),
                [Finding.model_validate(f) for f in findings],
            )
        )
    return out


class StaleVersion(Exception):
    """The form was saved by someone else after the version an edit started from."""

    def __init__(self, based_on: int, latest: int) -> None:
        self.based_on, self.latest = based_on, latest
        super().__init__(
            f"这张自评表已有更新的第 {latest} 版（您的修改基于第 {based_on} 版），未保存，"
            "请先合并他人的修改。"
        )


def save_version(
    record: FormRecord,
    form: Form,
    user: Any,
    note: str = "",
    checked: CheckedForm | None = None,
    source_file: StoredFile | None = None,
    based_on: int | None = None,
) -> FormVersion:
    """Store `form` as the record's next version and refresh the record's summary columns.

    ``checked`` is the form already checked together with others (a whole file's forms, so
    that cross-form rules see them side by side); without it the form is checked alone.
    ``based_on`` is the version number the edit started from: when a newer version was saved
    meanwhile, nothing is saved and `StaleVersion` says which is the latest (no lost edit).
    """
    # checked before the transaction: the write lock (the row's, and on SQLite the database's)
    # is held only for the few queries that store the version, not for the scoring
    checked = checked or check_one(form, record.unit_id)
    with transaction.atomic():
        return _store_version(record, form, user, note, checked, source_file, based_on)


def _store_version(
    record: FormRecord,
    form: Form,
    user: Any,
    note: str,
    checked: CheckedForm,
    source_file: StoredFile | None,
    based_on: int | None,
) -> FormVersion:
    # the record's row locked, so two saves of one form are taken one after the other (on
    # SQLite the IMMEDIATE transaction holds the write lock already); then the record as the
    # save before this one left it, so no column that save wrote is written back stale
    FormRecord.all_objects.select_for_update().filter(pk=record.pk).first()
    record.refresh_from_db()
    last = record.versions.order_by("-number").values_list("number", flat=True).first() or 0
    if based_on is not None and based_on != last:
        raise StaleVersion(based_on, last)
    _refuse_clash(record, form)
    # the project of the form, and its findings against the project's 申报表, 监控表 and earlier
    # self-evaluations (services/documents.py; issue 13)
    from jixiao.web.services import documents
    from jixiao.web.services.projects import project_for

    record.project = project_for(record.unit, form.project_name.text)
    checked = documents.with_chain(record, checked)
    data = checked.to_json_dict()
    version = FormVersion.objects.create(
        record=record,
        number=last + 1,
        data=form.to_json_dict(),
        computed=data["computed"],
        findings=data["findings"],
        policy=checked.computed.policy,
        author=user if getattr(user, "is_authenticated", False) else None,
        note=note,
        source_file=source_file,
    )
    summarise(record, checked)
    from jixiao.web.services.reviewed_scores import refresh

    refresh(record, version, save=False)  # 复核后总分 over the new version's items
    record.save()
    audit.record(user, "save_version", record, version=version.number, note=note)
    return version


def _refuse_clash(record: FormRecord, form: Form) -> None:
    """A voided form is not changed; an active one cannot take the project of another active
    form of its unit and year (one record per form)."""
    if record.voided_at is not None:
        raise ValidationError(f"《{record.project_name}》已作废，不能修改；如需修改请先恢复。")
    identity = form_identity(form.project_name.text)
    if not identity or record.unit_id is None:
        return
    other = (
        FormRecord.objects.filter(unit_id=record.unit_id, year=form.year, identity=identity)
        .exclude(pk=record.pk)
        .first()
    )
    if other is not None:
        raise ValidationError(
            f"本单位该年度已有项目《{other.project_name}》的自评表（第{other.pk}号），不能有两张；"
            "请修改那一张或先作废"
        )


def summarise(record: FormRecord, checked: CheckedForm) -> None:
    form, computed = checked.form, checked.computed
    counts = checked.counts()
    record.year = form.year
    record.project_name = form.project_name.text or "（无项目名称）"
    record.identity = form_identity(form.project_name.text)
    record.department_name = form.department.text
    # in 万元, converted when the form was filled in 元, so that totals add like with like
    record.annual_budget = computed.annual_budget
    record.executed = computed.executed
    record.execution_rate = computed.execution_rate
    record.declared_total = form.total_score.text[:50]
    record.total_score = computed.total_score
    record.grade = computed.grade or ""
    record.errors = counts[Severity.ERROR]
    record.warnings = counts[Severity.WARNING]
    record.infos = counts[Severity.INFO]
    record.finding_codes = "," + ",".join(sorted({f.code for f in checked.findings})) + ","
    record.full_self_score = bool(form.indicators) and all(
        _full(ind.weight.text, ind.score.text) for ind in form.indicators if ind.weight.text
    )


def _full(weight: str, score: str) -> bool:
    w, s = parse_number(weight), parse_number(score)
    return w is not None and s is not None and s >= w > Decimal(0)
