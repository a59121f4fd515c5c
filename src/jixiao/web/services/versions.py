"""Saving a form: every save is a new version, checked under the policy at that moment."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import CharField, Max, Value
from django.utils import timezone

from jixiao.model.finding import Severity
from jixiao.model.form import Form
from jixiao.model.identity import form_identity
from jixiao.scoring.policy import Policy, load_policy, policy_for_layout
from jixiao.services.check import CheckedForm, check_forms
from jixiao.values import parse_number
from jixiao.web.forms.models import FormRecord, FormVersion, ReviewedScore, StoredFile
from jixiao.web.orgs.models import AuditEvent
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
    if based_on is not None:
        last = record.versions.order_by("-number").values_list("number", flat=True).first() or 0
        if based_on != last:
            raise StaleVersion(based_on, last)
    _refuse_clash(record, form)
    return store_versions([Pending(record, form, checked)], user, note, source_file)[0]


@dataclass
class Pending:
    """A form to store as the next version of ``record``: a record read and locked in this
    transaction, or a new one (no id yet) that `store_versions` inserts."""

    record: FormRecord
    form: Form
    checked: CheckedForm


# what a save writes on a record that exists already (`summarise`, its project, 复核后总分)
_SAVED_COLUMNS = [
    "project",
    "year",
    "project_name",
    "identity",
    "department_name",
    "annual_budget",
    "executed",
    "execution_rate",
    "declared_total",
    "total_score",
    "grade",
    "errors",
    "warnings",
    "infos",
    "finding_codes",
    "full_self_score",
    "reviewed_total",
    "reviewed_grade",
    "updated",
]
# after every stored record, in the order of the chain's "newest first" (ids grow)
_NOT_STORED = 1 << 62


def store_versions(
    pending: Sequence[Pending],
    user: Any,
    note: str = "",
    source_file: StoredFile | None = None,
    events: Sequence[AuditEvent] = (),
) -> list[FormVersion]:
    """Store each form as its record's next version, in order, inside the caller's transaction
    (stored records locked there, their voided state and clashes checked by the caller), in a
    few queries whatever the number of forms: the projects, the chain's documents, the last
    version numbers and the reviewed scores read at once; new records, versions and audit lines
    inserted at once, changed records updated at once.

    Each form is treated as if saved after the ones before it: a record may come more than
    once (two forms of one project in a file: the second is its next version), and a form's
    chain findings see the earlier self-evaluations saved before it. ``events``: the caller's
    own audit lines (an import's), written after the versions' in the same insert.
    """
    with transaction.atomic(savepoint=False):  # the caller's transaction, or one of its own
        return _store_all(pending, user, note, source_file, events)


def _store_all(
    pending: Sequence[Pending],
    user: Any,
    note: str,
    source_file: StoredFile | None,
    also: Sequence[AuditEvent],
) -> list[FormVersion]:
    # the project of each form, and its findings against the project's 申报表, 监控表 and
    # earlier self-evaluations (services/documents.py; issue 13)
    from jixiao.web.services import documents
    from jixiao.web.services.projects import projects_for
    from jixiao.web.services.reviewed_scores import refresh

    projects = projects_for([(p.record.unit_id, p.form.project_name.text, "") for p in pending])
    stored = {p.record.pk: p.record for p in pending if p.record.pk is not None}
    last: dict[Any, int] = {}
    if stored:
        numbers = (
            FormVersion.objects.filter(record_id__in=list(stored))
            .values("record_id")
            .annotate(last=Max("number"))
            .values_list("record_id", "last")
        )
        last.update(numbers)
    chains = documents.Chains(p.pk for p in projects if p is not None)
    author = user if getattr(user, "is_authenticated", False) else None
    made: dict[int, FormRecord] = {}  # records inserted here, by object
    order: dict[Any, int] = {}  # where each record comes among those it is the newest of
    versions: list[FormVersion] = []
    events: list[AuditEvent] = []
    for index, (item, project) in enumerate(zip(pending, projects, strict=True)):
        record = item.record
        key: Any = record.pk if record.pk is not None else id(record)
        if record.pk is None:
            made.setdefault(id(record), record)
        order.setdefault(key, record.pk if record.pk is not None else _NOT_STORED + index)
        record.project = project
        chain = chains.findings(key, record.project_id, item.form)
        checked = item.checked
        if chain:
            checked = CheckedForm(checked.form, checked.computed, [*checked.findings, *chain])
        number = last[key] = last.get(key, 0) + 1
        version = FormVersion(
            record=record,
            number=number,
            data=item.form.to_json_dict(),
            computed=checked.computed.to_json_dict(),
            findings=[f.model_dump(mode="json") for f in checked.findings],
            policy=checked.computed.policy,
            author=author,
            note=note,
            source_file=source_file,
        )
        versions.append(version)
        summarise(record, checked)
        chains.saved(key, order[key], record, version.data)
        events.append(
            audit.event(
                user, "save_version", record, about_id=record.unit_id, version=number, note=note
            )
        )
    if made:
        FormRecord.all_objects.bulk_create(made.values())
    # one value an expression: PostgreSQL then takes the rows as VALUES, not UNNEST of arrays,
    # whose client-side quoting of every version's JSON costs more than the rest of the insert
    for version in versions:
        version.note = Value(note, output_field=CharField())  # type: ignore[assignment]
    FormVersion.objects.bulk_create(versions)
    for version in versions:
        version.note = note
    if stored:
        # 复核后总分 over the new version's items: only a record with reviewed scores has one
        scored = set(
            ReviewedScore.objects.filter(record_id__in=list(stored)).values_list(
                "record_id", flat=True
            )
        )
        newest = {v.record_id: v for v in versions}
        now = timezone.now()
        for record in stored.values():
            if record.pk in scored:
                refresh(record, newest[record.pk], save=False)
            else:
                record.reviewed_total, record.reviewed_grade = None, ""
            record.updated = now
        _update_all(list(stored.values()), _SAVED_COLUMNS)
    audit.record_all([*events, *also])
    return versions


def _update_all(records: Sequence[FormRecord], fields: Sequence[str]) -> None:
    """Write these columns of each record: one parameterised UPDATE by id, sent once with every
    record's values (`executemany`: one round trip, in pipeline mode on PostgreSQL). Django's
    `bulk_update` builds a CASE with a filter per record and column, which for a file's forms
    costs more than the rest of the save."""
    if not records:
        return
    meta, quote = FormRecord._meta, connection.ops.quote_name
    columns = [meta.get_field(name) for name in fields]
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        quote(meta.db_table),
        ", ".join(f"{quote(c.column)} = %s" for c in columns),
        quote(meta.pk.column),
    )
    rows = [
        [c.get_db_prep_save(getattr(r, c.attname), connection) for c in columns] + [r.pk]
        for r in records
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


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
