"""Background work: start a job from a request (its inputs kept, then queued) and do it in a worker.

Starting keeps everything the job needs before anything is queued — an upload's originals
(stored by hash) and one pending row per file — so a file is never without a record, whatever
happens to the worker. Doing is idempotent: a file marked done is skipped; a file whose import
committed before the worker died (its stored original linked by `signals.importing`) is marked
done from what it made; anything else runs again. The work itself is the services the pages
used before: `imports.import_file`, `exports.export_records`, the department report, `recheck`.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jixiao.web.forms.models import FormRecord
from jixiao.web.jobs.models import FINISHED, Job, JobFile, State
from jixiao.web.jobs.signals import importing
from jixiao.web.orgs.models import Organisation
from jixiao.web.services.imports import FileOutcome, original_path, store_original

UNEXPECTED = "处理时出现意外错误（{error}），原文件已保存，可在本页重试；如仍失败请反馈给维护者"
NOT_QUEUED = "后台任务队列暂时不可用（{error}），已提交的内容都已记下；请稍后在本页重试，如一直如此请管理员检查队列服务"


# ---- starting (in the request) ----


def start_import(
    user: Any,
    uploads: Sequence[tuple[str, bytes]],
    unit: Organisation | None,
    auto: bool = False,
    samples: bool = False,
    refused: Sequence[tuple[str, str]] = (),
) -> Job:
    """Keep each uploaded file and a pending row for it, then queue one task per file.
    `auto`: each form goes to the unit its table names (the administrator's choice).
    `samples`: the sample files, read one after the other in their order (`_queue_next`).
    `refused`: (name, why) of the upload's files dropped as too large while they came in:
    listed on the job as files that could not be read, nothing kept of them."""
    count = len(uploads) + len(refused)
    title = f"上传 {count} 个文件" + (f"到{unit.name}" if unit else "（按表自动归类）")
    with transaction.atomic():
        job = Job.objects.create(
            kind=Job.Kind.IMPORT,
            title=f"导入样例（{len(uploads)} 个文件）" if samples else title,
            user=user,
            organisation=unit,
            params={"unit": unit.pk if unit else None, "auto": auto or samples}
            | ({"samples": True, "in_order": True} if samples else {}),
        )
        for position, (name, data) in enumerate(uploads):
            sha256 = hashlib.sha256(data).hexdigest()
            store_original(data, sha256)
            JobFile.objects.create(
                job=job, position=position, name=name[:255], sha256=sha256, size=len(data)
            )
        now = timezone.now()
        for position, (name, why) in enumerate(refused, len(uploads)):
            JobFile.objects.create(
                job=job,
                position=position,
                name=name[:255],
                sha256="",
                size=0,
                state=State.DONE,
                error=True,
                message=why,
                started_at=now,
                finished_at=now,
            )
    if job.params.get("in_order"):
        _queue_next(job)
    else:
        for row in job.files.filter(state=State.QUEUED):
            _enqueue_file(row)
    job.refresh_from_db()
    return job


def start_samples(user: Any) -> Job:
    """The one-click sample import as a job: the sample bureau, its figures and 整改事项 made
    here (no reading; a ValidationError when a sample code is taken), the files queued to be
    read in their order, each form to its unit."""
    from jixiao.web.services import samples

    samples.prepare_samples(user)
    uploads = [(path.name, path.read_bytes()) for path in samples.sample_files()]
    return start_import(user, uploads, None, samples=True)


def start_export(user: Any, ids: Sequence[int], fmt: str, layout: str, table: str) -> Job:
    """Export the records `ids` (already within the user's scope, in the list's order)."""
    job = Job.objects.create(
        kind=Job.Kind.EXPORT,
        title=f"导出 {len(ids)} 张自评表",
        user=user,
        params={"ids": list(ids), "format": fmt, "layout": layout, "table": table},
    )
    return _enqueue_job(job)


def start_report(user: Any, department: Organisation, year: int) -> Job:
    job = Job.objects.create(
        kind=Job.Kind.REPORT,
        title=f"{department.name}{year}年度部门整体绩效评价报告",
        user=user,
        organisation=department,
        params={"department": department.pk, "year": year},
    )
    return _enqueue_job(job)


def start_recheck(user: Any, units_years: Sequence[tuple[int, int | None]]) -> Job:
    """Re-check the forms of these units and years together (cross-form rules, chains)."""
    pairs = sorted({(u, y) for u, y in units_years}, key=lambda p: (p[0], p[1] or 0))
    names = dict(
        Organisation.objects.filter(pk__in=[u for u, _ in pairs]).values_list("pk", "name")
    )
    described = "、".join(f"{names.get(u, u)}{y or ''}年度" for u, y in pairs[:3])
    job = Job.objects.create(
        kind=Job.Kind.RECHECK,
        title=f"重新审核 {described}{'等' if len(pairs) > 3 else ''}的表",
        user=user,
        params={"units_years": [list(p) for p in pairs]},
    )
    return _enqueue_job(job)


def recheck_beside(user: Any, record: FormRecord) -> Job | None:
    """After a form is saved: re-check it beside the unit's other forms of the year (rules
    across forms), in the background; None when it has no such neighbour."""
    others = FormRecord.objects.filter(unit_id=record.unit_id, year=record.year)
    if not others.exclude(pk=record.pk).exists():
        return None
    return start_recheck(user, [(record.unit_id, record.year)])


def retry(job: Job) -> Job:
    """Queue again what failed: an import's failed files, or the whole export or report."""
    if job.kind == Job.Kind.IMPORT:
        failed = list(job.files.filter(state=State.FAILED))
        for row in failed:
            JobFile.objects.filter(pk=row.pk).update(state=State.QUEUED, message="")
        if failed:
            Job.objects.filter(pk=job.pk).update(state=State.RUNNING, finished_at=None)
        for row in failed:
            _enqueue_file(row)
    elif job.state == State.FAILED:
        Job.objects.filter(pk=job.pk).update(state=State.QUEUED, message="", finished_at=None)
        _enqueue_job(job)
    job.refresh_from_db()
    return job


def _enqueue_file(row: JobFile) -> None:
    from jixiao.web.jobs import tasks

    try:
        result = tasks.import_one_file.enqueue(row.pk)
    except Exception as exc:  # the queue is down: the file is kept, the page offers a retry
        _finish_file(row, state=State.FAILED, message=NOT_QUEUED.format(error=type(exc).__name__))
        _settle(row.job)
        return
    JobFile.objects.filter(pk=row.pk).update(task_id=str(result.id)[:64])


def _queue_next(job: Job) -> None:
    """A job read in order: queue its first file not yet queued, once (the row is claimed
    before it is queued, so two runs of the file before it do not both queue it)."""
    row = job.files.filter(state=State.QUEUED, task_id="").order_by("position").first()
    if row is not None and JobFile.objects.filter(pk=row.pk, task_id="").update(task_id="…"):
        _enqueue_file(row)


def _enqueue_job(job: Job) -> Job:
    from jixiao.web.jobs import tasks

    try:
        result = tasks.run_job.enqueue(job.pk)
    except Exception as exc:  # the queue is down: the page says so and offers a retry
        _finish_job(job, State.FAILED, NOT_QUEUED.format(error=type(exc).__name__))
    else:
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


# ---- doing (in a worker) ----


def import_one(file_id: int) -> None:
    """Import one file of an import job, exactly once however often this runs."""
    row = JobFile.objects.select_related("job", "job__user").filter(pk=file_id).first()
    if row is None:
        return
    if row.state == State.DONE:  # a run after the worker died: the next file may be unqueued
        _go_on(row.job)
        return
    job = row.job
    now = timezone.now()
    JobFile.objects.filter(pk=row.pk).update(
        state=State.RUNNING, attempts=row.attempts + 1, started_at=now, finished_at=None
    )
    Job.objects.filter(pk=job.pk, state=State.QUEUED).update(state=State.RUNNING, started_at=now)
    try:
        if row.stored_file_id is not None:  # imported before the worker died: what it made
            outcome = _imported_before(row)
        else:
            outcome = _import(row)
    except Exception as exc:  # unless another run of this task has done the file meanwhile
        JobFile.objects.filter(pk=row.pk).exclude(state=State.DONE).update(
            state=State.FAILED,
            message=UNEXPECTED.format(error=type(exc).__name__),
            finished_at=timezone.now(),
        )
        _go_on(job)
        raise
    _finish_file(
        row,
        state=State.DONE,
        message=outcome.message,
        error=bool(outcome.error),
        kind=outcome.kind,
        forms=[r.pk for r in outcome.forms],
        versions=[
            {"label": v.label, "url": v.compare_url, "form": v.record.pk, "version": v.number}
            for v in outcome.versions
        ],
        kept=[r.pk for r in outcome.kept],
    )
    _go_on(job)


def _go_on(job: Job) -> None:
    """After a file: the next one of a job read in order, then the job settled if all are."""
    if job.params.get("in_order"):
        _queue_next(job)
    _settle(job)


def _import(row: JobFile) -> FileOutcome:
    from jixiao.web.services import samples
    from jixiao.web.services.imports import import_file

    params = row.job.params
    unit = (
        Organisation.objects.filter(pk=params.get("unit")).first() if params.get("unit") else None
    )
    place = samples.place if params.get("auto") else None
    data = original_path(row.sha256).read_bytes()
    with importing(row.pk):
        return import_file(row.job.user, row.name, data, unit=unit, place=place)


def _imported_before(row: JobFile) -> FileOutcome:
    """The outcome of an import that committed before its worker died: the forms it made."""
    from jixiao.web.services.imports import _uploaded_before

    outcome = _uploaded_before(row.name, row.stored_file)
    outcome.duplicate = False
    return outcome


def _finish_file(row: JobFile, **fields: Any) -> None:
    JobFile.objects.filter(pk=row.pk).update(finished_at=timezone.now(), **fields)


def _settle(job: Job) -> None:
    """An import job is finished when every file is; then its units' forms of those years are
    re-checked together, so rules across forms see the new ones beside the rest."""
    states = list(job.files.values_list("state", flat=True))
    if any(s not in FINISHED for s in states):
        return
    failed = states.count(State.FAILED)
    state = State.FAILED if failed else State.DONE
    message = f"{len(states)} 个文件已处理" + (f"，{failed} 个出错，可重试" if failed else "")
    if job.params.get("samples"):
        message = _samples_summary(job) + ("" if not failed else f"{failed} 个文件出错，可重试。")
    settled = Job.objects.filter(pk=job.pk).exclude(state=state, message=message)
    if not settled.update(state=state, message=message, finished_at=timezone.now()):
        return  # another worker settled it
    ids = [pk for row in job.files.all() for pk in row.forms]
    read = Counter(FormRecord.objects.filter(pk__in=ids).values_list("unit_id", "year"))
    # only where the unit has other forms of that year: they were not checked beside the new ones
    pairs = [
        (unit, year)
        for (unit, year), count in read.items()
        if FormRecord.objects.filter(unit_id=unit, year=year).count() > count
    ]
    if pairs:
        start_recheck(job.user, pairs)


def _samples_summary(job: Job) -> str:
    from jixiao.web.services import samples

    return samples.summary_of(
        [
            samples.Read(row.kind or FormRecord.Kind.SELF, tuple(row.forms), len(row.versions))
            for row in job.files.filter(state=State.DONE, error=False)
        ]
    )


def run(job_id: int) -> None:
    """Do an export, a report or a re-check; its outcome (a file, or why not) on the job."""
    job = Job.objects.select_related("user").filter(pk=job_id).first()
    if job is None or job.state == State.DONE:
        return
    Job.objects.filter(pk=job.pk).update(
        state=State.RUNNING, started_at=timezone.now(), attempts=job.attempts + 1
    )
    try:
        message = WORK[job.kind](job)
    except Refused as exc:
        _finish_job(job, State.FAILED, str(exc))
        return
    except Exception as exc:
        _finish_job(job, State.FAILED, UNEXPECTED.format(error=type(exc).__name__))
        raise
    _finish_job(job, State.DONE, message)


class Refused(ValueError):
    """The work cannot be done as asked; the message, in Chinese, says why."""


def _finish_job(job: Job, state: str, message: str) -> None:
    Job.objects.filter(pk=job.pk).update(state=state, message=message, finished_at=timezone.now())


def result_path(job: Job) -> Path:
    return Path(settings.DATA_DIR) / "jobs" / str(job.pk) / "result"


def _keep(job: Job, name: str, content_type: str, data: bytes) -> None:
    path = result_path(job)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    tmp.write_bytes(data)
    tmp.replace(path)
    Job.objects.filter(pk=job.pk).update(result_name=name[:255], content_type=content_type)


def _export(job: Job) -> str:
    from jixiao.web.services import exports

    p = job.params
    order = {pk: i for i, pk in enumerate(p["ids"])}
    records = sorted(FormRecord.objects.filter(pk__in=p["ids"]), key=lambda r: order[r.pk])
    try:
        export = exports.export_records(
            job.user, records, p["format"], exports.Options(p["layout"], p["table"])
        )
    except exports.ExportError as exc:
        raise Refused(str(exc)) from exc
    _keep(job, export.name, export.content_type, export.data)
    return f"已生成 {export.name}"


def _report(job: Job) -> str:
    from jixiao.department.report import ReportError
    from jixiao.web.departments import services as departments

    department = departments.department_for(job.user, job.params["department"])
    try:
        name, data = departments.report_file(job.user, department, job.params["year"])
    except ReportError as exc:
        raise Refused(exc.message) from exc
    _keep(job, name, departments.DOCX, data)
    return f"已生成 {name}"


def _recheck(job: Job) -> str:
    from django.db.models import Q

    from jixiao.web.services.recheck import recheck

    wanted = Q(pk__in=[])
    for unit, year in job.params["units_years"]:
        wanted |= Q(unit_id=unit, year=year)
    return recheck(FormRecord.objects.filter(wanted), job.user).summary  # active 自评表


WORK = {Job.Kind.EXPORT: _export, Job.Kind.REPORT: _report, Job.Kind.RECHECK: _recheck}
