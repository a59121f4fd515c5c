"""Importing documents: keep each original, read its forms, make a record per form, once.

The same file uploaded twice is recognised by its SHA-256 and makes no second set of forms.
A form the unit already has (same year and project, in whatever format it came before) becomes
that record's next version, never a second record; a form already submitted or approved is
not overwritten by an upload (the file is kept all the same). A file that cannot be read is
kept too, with the reason, so nothing is lost.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse

from jixiao.extract import extract_forms
from jixiao.model.form import Form
from jixiao.model.grid import Document
from jixiao.model.identity import form_identity
from jixiao.read import SUFFIXES, ReadError
from jixiao.read.sandbox import read_limited
from jixiao.services.parse import NO_FORM
from jixiao.web.forms.models import FormRecord, FormVersion, StoredFile
from jixiao.web.orgs.models import Organisation
from jixiao.web.services import audit
from jixiao.web.services.versions import Pending, check_under, store_versions

# a form in these states is not overwritten by an upload
LOCKED = (FormRecord.Status.SUBMITTED, FormRecord.Status.APPROVED)


@dataclass
class NewVersion:
    """An upload saved as the next version of a form already in the system."""

    record: FormRecord
    number: int

    @property
    def compare_url(self) -> str:
        """What changed from the previous version to this one (the version itself when the
        comparison page is not there)."""
        try:
            if self.record.kind == FormRecord.Kind.SELF:
                url = reverse("forms:compare", args=[self.record.pk])
            else:  # a 申报表 or 监控表
                url = reverse("documents:compare", args=[self.record.kind, self.record.pk])
        except NoReverseMatch:
            return reverse("forms:version", args=[self.record.pk, self.number])
        return f"{url}?a={self.number - 1}&b={self.number}"

    @property
    def label(self) -> str:
        return f"《{self.record.project_name}》第{self.number}版"


@dataclass
class FileOutcome:
    name: str
    forms: list[FormRecord]
    error: str = ""
    duplicate: bool = False  # this exact file was uploaded before
    # ids of the records among `forms` that existed already: the upload made a new version
    new_versions: list[int] = field(default_factory=list)
    versions: list[NewVersion] = field(default_factory=list)  # those versions
    # records among `forms` submitted or approved: the upload did not overwrite them
    kept: list[FormRecord] = field(default_factory=list)
    voided: int = 0  # of an earlier upload of this file: forms voided since
    # which document the file holds: "self" (自评表), "targets" (绩效目标申报表), "monitoring"
    kind: str = FormRecord.Kind.SELF

    @property
    def kind_label(self) -> str:
        return str(FormRecord.Kind(self.kind).label)

    @property
    def created(self) -> int:
        return len(self.forms) - len(self.versions) - len(self.kept)

    @property
    def message(self) -> str:
        if self.error:
            return self.error
        noun = self.kind_label
        if self.duplicate:
            text = f"此文件已上传过，其中 {len(self.forms)} 张{noun}已在系统中，未重复导入"
            if self.versions:  # forms it could not change the first time
                names = "、".join(v.label for v in self.versions)
                text += f"；上次未覆盖的 {len(self.versions)} 张现已保存为新版本（{names}）"
            text += "".join(f"；{self._not_overwritten(r)}" for r in self.kept)
            if self.voided:
                text += f"；另有 {self.voided} 张已作废，如需使用请在该表页面恢复"
            return text
        text = f"读出 {len(self.forms)} 张{noun}"
        if not self.versions and not self.kept:
            return text
        parts = [f"新建 {self.created} 张"]
        if self.versions:
            names = "、".join(v.label for v in self.versions)
            parts.append(f"{len(self.versions)} 张是系统中已有的{noun}，已保存为新版本（{names}）")
        parts += [self._not_overwritten(r) for r in self.kept]
        return f"{text}：{'；'.join(parts)}"

    @staticmethod
    def _not_overwritten(record: FormRecord) -> str:
        return (
            f"《{record.project_name}》{record.get_status_display()}，未用上传覆盖；"
            "如需修改请先退回或重新打开"
        )


def original_path(sha256: str) -> Path:
    """Where the original with this SHA-256 is kept (content-addressed, never served)."""
    return Path(settings.ORIGINALS_DIR) / sha256[:2] / sha256


def store_original(data: bytes, sha256: str) -> Path:
    """Keep the original under its SHA-256: written to a temporary file of its own and moved
    into place, so two uploads of one file at the same moment each write whole and the one
    moved last stays (both the same bytes); no reader sees half a file."""
    path = original_path(sha256)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f"{sha256}.", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return path


# how often an import is tried when another import made the same file or form at that moment
_ATTEMPTS = 3


def import_file(
    user: Any, name: str, data: bytes, unit: Organisation | None = None, place: Any = None
) -> FileOutcome:
    """Import one uploaded file for `unit`; or, with `place`, let it choose a unit per form.

    Two imports at the same moment may both find a form (or the file) new and both make it:
    the database keeps one, and the other's transaction is undone whole (IntegrityError). That
    one is then done again, and finds what the first made: its form becomes the next version,
    its file the one uploaded before. (Inside a caller's transaction it cannot be: it fails.)"""
    for attempt in range(1, _ATTEMPTS + 1):
        try:
            return _import_file(user, name, data, unit, place)
        except IntegrityError:
            if attempt == _ATTEMPTS or transaction.get_connection().in_atomic_block:
                raise
    raise AssertionError("unreachable")


def _import_file(
    user: Any, name: str, data: bytes, unit: Organisation | None, place: Any
) -> FileOutcome:
    sha256 = hashlib.sha256(data).hexdigest()
    store_original(data, sha256)
    existing = StoredFile.objects.filter(sha256=sha256).first()
    if existing is not None:
        if existing.error or not _unused_forms(existing):
            return _within_scope(user, _uploaded_before(name, existing), existing)
        return _within_scope(user, _use_again(user, name, data, existing, unit, place), existing)
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        kinds = "、".join(sorted({s for s in SUFFIXES}))
        forms: list[Form] = []
        error = f"{name}：不支持的文件类型“{suffix or '无扩展名'}”（支持 {kinds}）"
    elif len(data) > settings.JIXIAO_MAX_UPLOAD_BYTES:
        limit = settings.JIXIAO_MAX_UPLOAD_BYTES // 1024 // 1024
        forms = []
        error = f"{name}：文件过大，超过 {limit} MB 的上限"
    else:
        kind, declared, error, grid = _read_declared(name, data)
        if kind != FormRecord.Kind.SELF:  # a 申报表 or 监控表: saved by services/documents.py
            return _import_declared(user, name, data, sha256, kind, declared, error, unit, place)
        forms, error = _read(name, data, grid) if not error else ([], error)
    with transaction.atomic():
        owner = unit or (place(forms[0]) if forms and place else None)
        if owner is None:
            owner = Organisation.objects.filter(kind=Organisation.Kind.BUREAU).first()
        stored = StoredFile.objects.create(
            sha256=sha256,
            name=name[:255],
            size=len(data),
            organisation=owner,
            uploaded_by=user if getattr(user, "is_authenticated", False) else None,
            forms_found=len(forms),
            error=error,
        )
        units = [unit or (place(form) if place else owner) for form in forms]
        # checked together (copied tables between them show), each under its round's policy
        checked = check_under(forms, [(u.pk, f.year) for u, f in zip(units, forms, strict=True)])
        found = active_records(units, forms)
        records: list[FormRecord] = []
        kept: list[FormRecord] = []  # submitted or approved: not overwritten
        pending: list[Pending] = []
        again: list[int] = []  # of `pending`: those that are a record's next version
        for index, (form, checked_form) in enumerate(zip(forms, checked, strict=True)):
            key = _key(units[index], form)
            record = found.get(key) if key[2] else None
            if record is None:  # a new record; a second form of its project is its next version
                record = FormRecord(
                    unit=units[index],
                    source_file=stored,
                    source_index=index,
                    project_name=form.project_name.text or "（无项目名称）",
                )
                if key[2]:
                    found[key] = record
            elif record.status in LOCKED:
                kept.append(record)
                records.append(record)
                continue
            else:
                again.append(len(pending))
            pending.append(Pending(record, form, checked_form))
            records.append(record)
        line = audit.event(
            user, "import_file", name, about=owner, sha256=sha256, forms=len(records), error=error
        )
        note = f"从文件“{name}”导入"
        saved = store_versions(pending, user, note, source_file=stored, events=[line])
        versions = [NewVersion(pending[i].record, saved[i].number) for i in again]
    new_versions = [v.record.pk for v in versions]
    return FileOutcome(
        name, records, error, new_versions=new_versions, versions=versions, kept=kept
    )


def _made_or_versioned(stored: StoredFile) -> Q:
    return Q(source_file=stored) | Q(versions__source_file=stored)


def _within_scope(user: Any, outcome: FileOutcome, stored: StoredFile) -> FileOutcome:
    """A file uploaded before answers within the uploader's scope: forms of units the uploader
    does not reach are neither named nor counted (their ids and names stay with their unit)."""
    from jixiao.web.scope import unit_ids_for

    ids = unit_ids_for(user) if getattr(user, "is_authenticated", False) else None
    if ids is None:  # an administrator, or no person (a command)
        return outcome
    outcome.forms = [r for r in outcome.forms if r.unit_id in ids]
    outcome.versions = [v for v in outcome.versions if v.record.unit_id in ids]
    outcome.new_versions = [v.record.pk for v in outcome.versions]
    outcome.kept = [r for r in outcome.kept if r.unit_id in ids]
    voided = FormRecord.all_objects.filter(_made_or_versioned(stored), voided_at__isnull=False)
    outcome.voided = voided.filter(unit_id__in=ids).distinct().count()
    return outcome


def _unused_forms(stored: StoredFile) -> bool:
    """Whether some forms of this file never became a record or a version (a form that was
    submitted or approved at the time, not overwritten)."""
    used = FormRecord.all_objects.filter(_made_or_versioned(stored)).distinct().count()
    return stored.forms_found > used


def _use_again(
    user: Any, name: str, data: bytes, stored: StoredFile, unit: Organisation | None, place: Any
) -> FileOutcome:
    """This exact file again, when some of its forms were not used the first time (the form was
    submitted or approved): each such form becomes its record's next version now if the record
    can be changed (returned or reopened since); nothing else is imported twice."""
    kind, declared, _, grid = _read_declared(name, data)
    if kind != FormRecord.Kind.SELF:
        return _use_declared_again(user, name, stored, kind, declared, unit, place)
    forms, _ = _read(name, data, grid)
    with transaction.atomic():
        outcome = _uploaded_before(name, stored)
        units = [unit or (place(form) if place else stored.organisation) for form in forms]
        checked = check_under(forms, [(u.pk, f.year) for u, f in zip(units, forms, strict=True)])
        found = active_records(units, forms)
        # read from this file already: not again (nor a second form of the file's project)
        done = set(
            FormVersion.objects.filter(
                source_file=stored, record_id__in=[r.pk for r in found.values()]
            ).values_list("record_id", flat=True)
        )
        pending: list[Pending] = []
        for form, checked_form, owner in zip(forms, checked, units, strict=True):
            key = _key(owner, form)
            record = found.get(key) if key[2] else None
            if record is None or record.pk in done:
                continue  # read from this file already, or voided since
            if record.pk not in {r.pk for r in outcome.forms}:
                outcome.forms.append(record)
            if record.status in LOCKED:
                outcome.kept.append(record)
                continue
            pending.append(Pending(record, form, checked_form))
            done.add(record.pk)
        saved = store_versions(pending, user, note=f"从文件“{name}”导入", source_file=stored)
        for item, version in zip(pending, saved, strict=True):
            outcome.new_versions.append(item.record.pk)
            outcome.versions.append(NewVersion(item.record, version.number))
        audit.record(
            user,
            "import_file",
            name,
            about=stored.organisation,
            sha256=stored.sha256,
            forms=len(outcome.versions),
        )
    return outcome


def _use_declared_again(
    user: Any,
    name: str,
    stored: StoredFile,
    kind: str,
    declared: list[Any],
    unit: Organisation | None,
    place: Any,
) -> FileOutcome:
    """`_use_again` for a file of 申报表 or 监控表 (`services/documents.save_uploaded`)."""
    from jixiao.web.services import documents

    with transaction.atomic():
        outcome = _uploaded_before(name, stored)
        outcome.kind = kind
        saved = documents.save_uploaded(
            user,
            kind,
            declared,
            stored,
            lambda d: unit or (place(d) if place else stored.organisation),
            name,
            again=True,
        )
        for s in saved:
            if s.record.pk not in {r.pk for r in outcome.forms}:
                outcome.forms.append(s.record)
            if s.number == 0:
                outcome.kept.append(s.record)
            else:
                outcome.new_versions.append(s.record.pk)
                outcome.versions.append(NewVersion(s.record, s.number))
        audit.record(
            user,
            "import_file",
            name,
            about=stored.organisation,
            sha256=stored.sha256,
            forms=len(outcome.versions),
        )
    return outcome


def _uploaded_before(name: str, stored: StoredFile) -> FileOutcome:
    """This exact file again: the active forms read from it, whether it made them or gave them
    a version, and how many of them have been voided since."""
    made_or_versioned = _made_or_versioned(stored)
    forms = list(FormRecord.documents.filter(made_or_versioned).distinct().order_by("pk"))
    voided = (
        FormRecord.all_objects.filter(made_or_versioned, voided_at__isnull=False).distinct().count()
    )
    kind = forms[0].kind if forms else FormRecord.Kind.SELF
    return FileOutcome(name, forms, stored.error, duplicate=True, voided=voided, kind=kind)


Key = tuple[int, int | None, str]  # (unit id, year, identity): which form of a unit it is


def _key(unit: Organisation, form: Form) -> Key:
    return (unit.pk, form.year, form_identity(form.project_name.text))


def active_records(units: Sequence[Organisation], forms: Sequence[Form]) -> dict[Key, FormRecord]:
    """The units' active records of these forms (same year and project; the i-th form of the
    i-th unit), locked until the transaction ends, in one query."""
    identities: dict[tuple[int, int | None], set[str]] = {}
    for unit_id, year, identity in (_key(u, f) for u, f in zip(units, forms, strict=True)):
        if identity:
            identities.setdefault((unit_id, year), set()).add(identity)
    if not identities:
        return {}
    wanted = Q()
    for (unit_id, year), names in identities.items():
        wanted |= Q(unit_id=unit_id, year=year, identity__in=names)
    found = FormRecord.objects.select_for_update().filter(wanted)
    by_pk = {u.pk: u for u in units}
    out = {}
    for record in found:
        record.unit = by_pk[record.unit_id]  # the unit at hand, not read again
        out[(record.unit_id, record.year, record.identity)] = record
    return out


def _read_declared(name: str, data: bytes) -> tuple[str, list[Any], str, Document | None]:
    """Which document the file holds ("self", "targets", "monitoring") and, for a 申报表 or
    监控表, its documents read; a self-evaluation form is read by `_read` from the same grid.
    The error in Chinese when the file cannot be read at all."""
    from jixiao.web.services import documents

    try:
        grid = read_limited(data, name)
    except ReadError as exc:
        return FormRecord.Kind.SELF, [], f"{name}：{exc.reason}", None
    except Exception as exc:  # a bug must not lose the upload  # noqa: BLE001
        return (
            FormRecord.Kind.SELF,
            [],
            f"{name}：读取时出现意外错误（{type(exc).__name__}），文件已保存；请反馈给维护者",
            None,
        )
    kind, declared, error = documents.read_declared(name, grid)
    return kind, declared, error, grid


def _import_declared(
    user: Any,
    name: str,
    data: bytes,
    sha256: str,
    kind: str,
    declared: list[Any],
    error: str,
    unit: Organisation | None,
    place: Any,
) -> FileOutcome:
    """A file holding 申报表 or 监控表: kept like any original, each document saved as a record
    of its kind (`services/documents.save_uploaded`)."""
    from jixiao.web.services import documents

    with transaction.atomic():
        owner = unit or (place(declared[0]) if declared and place else None)
        if owner is None:
            owner = Organisation.objects.filter(kind=Organisation.Kind.BUREAU).first()
        stored = StoredFile.objects.create(
            sha256=sha256,
            name=name[:255],
            size=len(data),
            organisation=owner,
            uploaded_by=user if getattr(user, "is_authenticated", False) else None,
            forms_found=len(declared),
            error=error,
        )
        saved = documents.save_uploaded(
            user, kind, declared, stored, lambda d: unit or (place(d) if place else owner), name
        )
        audit.record(
            user, "import_file", name, about=owner, sha256=sha256, forms=len(saved), error=error
        )
    outcome = FileOutcome(name, [s.record for s in saved], error, kind=kind)
    for s in saved:
        if s.number == 0:
            outcome.kept.append(s.record)
        elif not s.created:
            outcome.new_versions.append(s.record.pk)
            outcome.versions.append(NewVersion(s.record, s.number))
    return outcome


def _read(name: str, data: bytes, grid: Document | None = None) -> tuple[list[Form], str]:
    try:
        forms = extract_forms(grid if grid is not None else read_limited(data, name))
    except ReadError as exc:
        return [], f"{name}：{exc.reason}"
    except Exception as exc:  # a bug must not lose the upload  # noqa: BLE001
        return [], f"{name}：读取时出现意外错误（{type(exc).__name__}），文件已保存；请反馈给维护者"
    if not forms:
        return [], f"{name}：{NO_FORM}"
    for form in forms:  # the stored original is named as the user named it
        form.source.file = name
    return forms, ""
