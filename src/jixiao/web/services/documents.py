"""Saving a 绩效目标申报表 or a 绩效运行监控表: every save a new version, reviewed at that moment.

The same record and version tables keep them as keep the self-evaluation forms
(`FormRecord.kind`): one record per unit, kind, year and project; an upload or an edit of the
same document becomes its next version, never a second record; the stale-save guard
(`based_on`) and the audit log are the same as for forms (`services/versions.py`). Each save
assigns the record's project (`services/projects.py`) and stores its findings:

- a 申报表: the target-quality rules (`review.target_quality.review_targets`) and the targets
  against last year's self-evaluation of the same project (`review.chain.check_targets_history`);
- a 监控表: the monitoring rules (`review.monitoring.review_monitoring`), whose light (红 / 黄 /
  绿) is kept on the record and whose execution rate is kept in `computed`.

A self-evaluation's findings against the documents of its project (`chain_findings`; for a
file's forms at once, `Chains`) are added by `services/versions.py` on every save of a form.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery

from jixiao.extract.kinds import document_kind
from jixiao.extract.monitoring import extract_monitoring
from jixiao.extract.targets import extract_targets
from jixiao.model.finding import Finding, Severity
from jixiao.model.form import Form, FormSource
from jixiao.model.identity import form_identity
from jixiao.model.monitoring import MonitoringForm
from jixiao.model.targets import TargetsForm
from jixiao.review.chain import check_chain, check_targets_history
from jixiao.review.monitoring import review_monitoring
from jixiao.review.registry import RULES
from jixiao.review.target_quality import review_targets
from jixiao.services.check import CheckedForm
from jixiao.values import parse_number
from jixiao.web.forms.models import FormRecord, FormVersion, StoredFile
from jixiao.web.orgs.models import Organisation
from jixiao.web.services import audit
from jixiao.web.services.projects import project_for
from jixiao.web.services.versions import StaleVersion, policy

Kind = FormRecord.Kind
Declared = TargetsForm | MonitoringForm
# the documents this module keeps, by kind, with their pydantic model
MODELS: dict[str, type[TargetsForm] | type[MonitoringForm]] = {
    Kind.TARGETS: TargetsForm,
    Kind.MONITORING: MonitoringForm,
}
# a document in these states is not overwritten by an upload (as forms: imports.LOCKED)
LOCKED = (FormRecord.Status.SUBMITTED, FormRecord.Status.APPROVED)
YUAN_PER_WANYUAN = Decimal(10000)


def label(kind: str) -> str:
    """The kind's Chinese name: 自评表, 绩效目标申报表, 绩效运行监控表."""
    return str(Kind(kind).label)


def load(kind: str, data: dict[str, Any]) -> Declared:
    """A stored version's document back as its model."""
    return MODELS[kind].from_json_dict(data)


def document_of(record: FormRecord, version: FormVersion | None = None) -> Declared:
    version = version or record.latest
    return load(record.kind, version.data)


def typed_source(name: str) -> FormSource:
    """Where a document typed in the browser comes from (it has no file)."""
    return FormSource(
        file=name, sha256=hashlib.sha256(name.encode()).hexdigest(), format="web", index=0
    )


# ---------------------------------------------------------------- amounts in 万元


def in_wanyuan(text: str, unit: str) -> Decimal | None:
    """A declared amount in 万元: as written under a 万元 header (the default of both tables),
    divided by 10000 when the header declares 元; None when it is not a number."""
    value = parse_number(text) if text else None
    if value is None:
        return None
    return value / YUAN_PER_WANYUAN if unit.strip() == "元" else value


# ---------------------------------------------------------------- reading


def read_declared(name: str, grid: Any) -> tuple[str, list[Declared], str]:
    """Which document a read file holds (`extract.kinds.document_kind`) and, for a 申报表 or
    监控表, its documents (named as the user named the file); ("self", [], "") for a
    self-evaluation form, which `services/imports.py` extracts itself."""
    try:
        kind = document_kind(grid)
    except Exception:  # noqa: BLE001 - undecided: the form reader reads the file or says why not
        kind = Kind.SELF
    if kind not in MODELS:
        return Kind.SELF, [], ""
    try:
        if kind == Kind.TARGETS:
            found: list[Declared] = list(extract_targets(grid))
        else:
            found = list(extract_monitoring(grid))
    except Exception as exc:  # a bug must not lose the upload  # noqa: BLE001
        return (
            kind,
            [],
            f"{name}：读取{label(kind)}时出现意外错误（{type(exc).__name__}），文件已保存；请反馈给维护者",
        )
    if not found:
        return kind, [], f"{name}：看起来是{label(kind)}，但没有读出表中的项目和指标"
    for document in found:
        document.source.file = name
    return kind, found, ""


# ---------------------------------------------------------------- reviewing


@dataclass
class Reviewed:
    """What jixiao found and worked out for one document under one policy."""

    findings: list[Finding] = field(default_factory=list)
    computed: dict[str, Any] = field(default_factory=dict)
    light: str = ""  # a monitoring table's 红 / 黄 / 绿


def last_years_form(project_id: int | None, year: int | None) -> Form | None:
    """The same project's self-evaluation of the year before, as its latest version says."""
    if project_id is None or year is None:
        return None
    record = FormRecord.objects.filter(project_id=project_id, year=year - 1).order_by("-pk").first()
    return Form.from_json_dict(record.latest.data) if record and record.latest else None


def review(kind: str, document: Declared, unit_id: int | None, project_id: int | None) -> Reviewed:
    """The document's findings under its unit and year's policy (and, for a 申报表, against
    last year's self-evaluation of the project)."""
    rules = policy(unit_id, document.year)
    if kind == Kind.TARGETS:
        assert isinstance(document, TargetsForm)
        findings = list(review_targets(document, rules))
        findings += check_targets_history(document, last_years_form(project_id, document.year))
        total = in_wanyuan(document.funds.total.text, document.funds.unit.text)
        computed = {"policy": rules.name, "total": _text(total)}
        return Reviewed(findings, computed)
    assert isinstance(document, MonitoringForm)
    result = review_monitoring(document, rules)
    computed = {
        "policy": rules.name,
        "light": result.light,
        "execution_rate": _text(result.execution_rate),
        "month": result.month,
        "threshold": _text(result.threshold),
        "threshold_month": result.threshold_month,
        "completion": _text(result.completion),
        "reasons": list(result.reasons),  # why the light, in Chinese
    }
    return Reviewed(list(result.findings), computed, result.light or "")


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


# ---------------------------------------------------------------- saving


def same_document(unit: Organisation, kind: str, document: Declared) -> FormRecord | None:
    """The unit's active record of this document (same kind, year and project), if any."""
    identity = form_identity(document.project_name.text, document.project_code.text)
    if not identity:
        return None
    return (
        FormRecord.documents.select_for_update()
        .filter(unit=unit, kind=kind, year=document.year, identity=identity)
        .first()
    )


@transaction.atomic
def save_document(
    record: FormRecord,
    document: Declared,
    user: Any,
    note: str = "",
    source_file: StoredFile | None = None,
    based_on: int | None = None,
) -> FormVersion:
    """Store ``document`` as the record's next version, with its findings, and refresh the
    record's columns (year, project, money, light, counts). ``based_on``: the version an edit
    started from; a newer one saved meanwhile refuses the save (`StaleVersion`)."""
    if record.kind not in MODELS or not isinstance(document, MODELS[record.kind]):
        raise ValidationError(f"这不是一张{label(record.kind)}。")
    FormRecord.all_objects.select_for_update().filter(pk=record.pk).first()
    last = record.versions.order_by("-number").values_list("number", flat=True).first() or 0
    if based_on is not None and based_on != last:
        raise StaleVersion(based_on, last)
    _refuse_clash(record, document)
    name, code = document.project_name.text, document.project_code.text
    record.project = project_for(record.unit, name, code)
    reviewed = review(record.kind, document, record.unit_id, record.project_id)
    version = FormVersion.objects.create(
        record=record,
        number=last + 1,
        data=document.to_json_dict(),
        computed=reviewed.computed,
        findings=[f.model_dump(mode="json") for f in reviewed.findings],
        policy=str(reviewed.computed.get("policy", ""))[:50],
        author=user if getattr(user, "is_authenticated", False) else None,
        note=note,
        source_file=source_file,
    )
    _summarise(record, document, reviewed)
    record.save()
    audit.record(user, "save_version", record, version=version.number, note=note)
    # the project's self-evaluations of the year are checked against this document now
    refresh_chain(record.project_id, record.year)
    return version


def _refuse_clash(record: FormRecord, document: Declared) -> None:
    label_ = label(record.kind)
    if record.voided_at is not None:
        raise ValidationError(f"《{record.project_name}》已作废，不能修改；如需修改请先恢复。")
    identity = form_identity(document.project_name.text, document.project_code.text)
    if not identity:
        return
    other = (
        FormRecord.documents.filter(
            unit_id=record.unit_id, kind=record.kind, year=document.year, identity=identity
        )
        .exclude(pk=record.pk)
        .first()
    )
    if other is not None:
        raise ValidationError(
            f"本单位该年度已有项目《{other.project_name}》的{label_}（第{other.pk}号），不能有两张；"
            "请修改那一张或先作废"
        )


def _summarise(record: FormRecord, document: Declared, reviewed: Reviewed) -> None:
    record.year = document.year
    record.project_name = document.project_name.text[:300] or "（无项目名称）"
    record.identity = form_identity(document.project_name.text, document.project_code.text)
    record.department_name = document.department.text[:200]
    funds = document.funds
    if isinstance(document, TargetsForm):
        record.annual_budget = in_wanyuan(funds.total.text, funds.unit.text)
        record.executed = record.execution_rate = None
        record.light = ""
    else:
        assert isinstance(document, MonitoringForm)
        record.annual_budget = in_wanyuan(funds.annual_budget.text, funds.unit.text)
        record.executed = in_wanyuan(funds.executed.text, funds.unit.text)
        rate = reviewed.computed.get("execution_rate")
        record.execution_rate = Decimal(rate) if rate is not None else None
        record.light = reviewed.light
    counts = dict.fromkeys(Severity, 0)
    for finding in reviewed.findings:
        counts[finding.severity] += 1
    record.errors, record.warnings = counts[Severity.ERROR], counts[Severity.WARNING]
    record.finding_codes = "," + ",".join(sorted({f.code for f in reviewed.findings})) + ","


@transaction.atomic
def create_document(
    unit: Organisation,
    kind: str,
    document: Declared,
    user: Any,
    note: str,
    source_file: StoredFile | None = None,
    source_index: int | None = None,
) -> FormRecord:
    """A new record of this kind for ``unit`` with ``document`` as its first version."""
    record = FormRecord.all_objects.create(
        unit=unit,
        kind=kind,
        project_name=document.project_name.text[:300] or f"（新建{label(kind)}）",
        source_file=source_file,
        source_index=source_index,
    )
    save_document(record, document, user, note=note, source_file=source_file)
    return record


@dataclass
class Saved:
    """What became of one document of an uploaded file."""

    record: FormRecord
    number: int = 0  # the version made; 0 when the record was locked and kept
    created: bool = False


def save_uploaded(
    user: Any,
    kind: str,
    documents: Sequence[Declared],
    stored: StoredFile,
    owner: Callable[[Declared], Organisation],
    name: str,
    again: bool = False,
) -> list[Saved]:
    """Each document of an uploaded file saved: a new record, or the next version of the unit's
    record of it, or (submitted or approved) kept as it is. ``again``: the same file uploaded
    once more — only a document it did not change the first time (its record was locked, and
    may have been returned since) is saved; none is made anew."""
    out: list[Saved] = []
    for index, document in enumerate(documents):
        unit = owner(document)
        record = same_document(unit, kind, document)
        note = f"从文件“{name}”导入"
        if again and (record is None or record.versions.filter(source_file=stored).exists()):
            continue  # read from this file already, or voided since
        if record is None:
            record = create_document(unit, kind, document, user, note, stored, index)
            out.append(Saved(record, 1, created=True))
        elif record.status in LOCKED:
            out.append(Saved(record))
        else:
            version = save_document(record, document, user, note=note, source_file=stored)
            out.append(Saved(record, version.number))
    return out


# ---------------------------------------------------------------- the chain, for a self-evaluation


def _latest_of(project_id: int, kind: str, year: int | None) -> FormRecord | None:
    """The project's document of this kind and year: the approved one first, else the newest."""
    rows = FormRecord.documents.filter(project_id=project_id, kind=kind, year=year)
    approved = rows.filter(status=FormRecord.Status.APPROVED).order_by("-pk").first()
    return approved or rows.order_by("-pk").first()


@dataclass
class _Known:
    """One active document of a project, as the chain findings need it."""

    kind: str
    project_id: int | None
    year: int | None
    status: str
    order: int  # its id; after every stored one for a record not stored yet
    data: dict[str, Any] | None = None  # its latest version's document


class Chains:
    """What the chain findings of a project's self-evaluations need, read at once: the active
    documents of the projects (two queries, however many forms ask). A file's forms saved
    together (`versions.store_versions`) are asked in order and each saved one is told
    (`saved`), so every form sees those before it as one-at-a-time saves would."""

    def __init__(self, project_ids: Iterable[int | None]) -> None:
        ids = {p for p in project_ids if p is not None}
        self._projects: dict[int | None, dict[Hashable, _Known]] = {}  # by project, by record
        self._project_of: dict[Hashable, int | None] = {}
        if not ids:
            return
        rows = FormRecord.documents.filter(project_id__in=ids).values_list(
            "pk", "kind", "project_id", "year", "status"
        )
        known = {}
        for pk, kind, project_id, year, status in rows:
            known[pk] = self._put(pk, _Known(kind, project_id, year, status, pk))
        if not known:
            return
        newest = FormVersion.objects.filter(record=OuterRef("record")).order_by("-number")
        latest = FormVersion.objects.filter(
            record_id__in=list(known), number=Subquery(newest.values("number")[:1])
        ).order_by()
        for record_id, data in latest.values_list("record_id", "data"):
            known[record_id].data = data

    def _put(self, key: Hashable, known: _Known) -> _Known:
        if key in self._project_of:  # moved to another project, or saved again
            self._projects[self._project_of[key]].pop(key, None)
        self._projects.setdefault(known.project_id, {})[key] = known
        self._project_of[key] = known.project_id
        return known

    def _latest_of(self, project_id: int, kind: str, year: int | None) -> _Known | None:
        """As `_latest_of`, from what was read."""
        rows = [
            k
            for k in self._projects.get(project_id, {}).values()
            if k.kind == kind and k.year == year
        ]
        approved = [k for k in rows if k.status == FormRecord.Status.APPROVED]
        return max(approved or rows, key=lambda k: k.order, default=None)

    def findings(self, key: Hashable, project_id: int | None, form: Form) -> list[Finding]:
        """The chain findings of ``form``, the self-evaluation ``key`` (a record's id) of the
        project: against the 申报表 and 监控表 of its year and the project's earlier
        self-evaluations (newest first)."""
        if project_id is None:
            return []
        targets = self._latest_of(project_id, Kind.TARGETS, form.year)
        monitoring = self._latest_of(project_id, Kind.MONITORING, form.year)
        before = form.year or 0
        earlier = sorted(
            (
                k
                for other, k in self._projects.get(project_id, {}).items()
                if other != key
                and k.kind == Kind.SELF
                and k.year is not None
                and k.year < before
                and k.data is not None
            ),
            key=lambda k: (k.year, k.order),
            reverse=True,
        )
        return list(
            check_chain(
                form,
                targets=_loaded(targets),  # type: ignore[arg-type]
                monitoring=_loaded(monitoring),  # type: ignore[arg-type]
                history=[Form.from_json_dict(k.data) for k in earlier if k.data is not None],
            )
        )

    def saved(
        self,
        key: Hashable,
        order: int,
        record: FormRecord,
        data: dict[str, Any],
    ) -> None:
        """The self-evaluation ``key`` now has ``data`` as its latest version, under the record's
        project and year."""
        self._put(
            key, _Known(Kind.SELF, record.project_id, record.year, record.status, order, data)
        )


def _loaded(known: _Known | None) -> Declared | None:
    if known is None or known.data is None:
        return None
    return load(known.kind, known.data)


def chain_findings(record: FormRecord, form: Form) -> list[Finding]:
    """A self-evaluation checked against its project's documents: the 申报表 and 监控表 of its
    year and its earlier self-evaluations (newest first)."""
    return Chains([record.project_id]).findings(record.pk, record.project_id, form)


def with_chain(record: FormRecord, checked: CheckedForm) -> CheckedForm:
    """The checked self-evaluation with its chain findings added (`chain_findings`): what every
    re-check of a form stores (a save adds them in `versions.store_versions`)."""
    chain = chain_findings(record, checked.form)
    if not chain:
        return checked
    return CheckedForm(checked.form, checked.computed, [*checked.findings, *chain])


def _is_chain(finding: dict[str, Any]) -> bool:
    rule = RULES.get(str(finding.get("code", "")))
    return rule is not None and rule.family == "chain"


def refresh_chain(project_id: int | None, year: int | None) -> int:
    """After a 申报表 or 监控表 of the project's year is saved: the chain findings of the
    project's self-evaluations of that year worked out again against it, in their latest version
    (what the form declares is unchanged: a finding is jixiao's judgement, as `recheck` treats
    it). Returns how many forms changed."""
    if project_id is None:
        return 0
    changed = 0
    for record in FormRecord.objects.filter(project_id=project_id, year=year):
        version = record.latest
        if version is None:
            continue
        before = [f for f in version.findings if _is_chain(f)]
        form = Form.from_json_dict(version.data)
        now = [f.model_dump(mode="json") for f in chain_findings(record, form)]
        if now == before:
            continue
        version.findings = [f for f in version.findings if not _is_chain(f)] + now
        version.save(update_fields=["findings"])
        severities = [f.get("severity") for f in version.findings]
        record.errors = severities.count(Severity.ERROR.value)
        record.warnings = severities.count(Severity.WARNING.value)
        codes = sorted({str(f.get("code", "")) for f in version.findings})
        record.finding_codes = "," + ",".join(codes) + ","
        record.save(update_fields=["errors", "warnings", "finding_codes", "updated"])
        changed += 1
    return changed


def related_record(record: FormRecord, kind: str, year: int | None) -> FormRecord | None:
    """The document a chain finding points at (its related kind and year), in the record's
    project; None when the project has none."""
    if record.project_id is None or kind not in Kind.values:
        return None
    if kind == Kind.SELF:
        return (
            FormRecord.objects.filter(project_id=record.project_id, year=year)
            .order_by("-pk")
            .first()
        )
    return _latest_of(record.project_id, kind, year)


def detail_url(record: FormRecord) -> str:
    """The page of a record of any kind: a self-evaluation's form page, a document's own."""
    from django.urls import reverse

    if record.kind == Kind.SELF:
        return reverse("forms:detail", args=[record.pk])
    return reverse("documents:detail", args=[record.kind, record.pk])


def related_link(record: FormRecord, finding: dict[str, Any]) -> tuple[str, str]:
    """A chain finding's other document as (label, url): "2020年度绩效目标申报表" and its page;
    the url is "" when the project has no such document; ("", "") for a finding of one document."""
    kind, year = finding.get("related_kind", ""), finding.get("related_year")
    if not kind:
        return "", ""
    name = label(kind) if kind in Kind.values else str(kind)
    text = f"{year}年度{name}" if year else name
    related = related_record(record, kind, year)
    url = detail_url(related) if related is not None else ""
    path = finding.get("related_path", "")
    if url and path and kind != Kind.SELF:  # the row of the indicator on the document's page
        parts = str(path).split(".")
        if len(parts) >= 2 and parts[0] == "indicators" and parts[1].isdigit():
            url += f"#indicator-{parts[1]}"
    return text, url
