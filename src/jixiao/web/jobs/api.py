"""Background jobs over the API: an upload answers at once with its job (202), which a client
polls at /api/jobs/{id} for progress and each file's result, as the job's page shows them."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Router, Schema
from ninja.errors import HttpError

from jixiao.web.jobs.models import FINISHED, Job, JobFile, State
from jixiao.web.jobs.views import job_for

router = Router(tags=["后台任务"])


class NewVersionResult(Schema):
    form: int
    version: int
    compare_url: str  # the page of what changed from the previous version


class FileResult(Schema):
    file: str
    state: str  # queued, running, done, failed
    forms: list[int]
    message: str
    error: bool  # the file could not be read (message says why) or its reading failed
    # forms already in the system that the upload gave a new version (not a second record)
    new_versions: list[NewVersionResult] = []
    # forms submitted or approved, not overwritten by the upload
    not_overwritten: list[int] = []


class JobResult(Schema):
    id: int
    kind: str  # import, export, report, recheck
    state: str  # queued, running, done, failed
    title: str
    message: str
    finished: bool
    files_done: int
    files_total: int
    files: list[FileResult]  # a file refused while it streamed in (too large): error, why
    page: str  # the job's web page
    download: str | None = None  # the result file of an export or report, once done


def job_result(job: Job) -> JobResult:
    rows = list(job.files.all())
    return JobResult(
        id=job.pk,
        kind=job.kind,
        state=job.state,
        title=job.title,
        message=job.message,
        finished=job.state in FINISHED,
        files_done=sum(1 for r in rows if r.state in FINISHED),
        files_total=len(rows),
        files=[_file(r) for r in rows],
        page=reverse("jobs:detail", args=[job.pk]),
        download=(
            reverse("jobs:download", args=[job.pk])
            if job.state == State.DONE and job.result_name
            else None
        ),
    )


def _file(row: JobFile) -> FileResult:
    return FileResult(
        file=row.name,
        state=row.state,
        forms=row.forms,
        message=row.message,
        error=row.error or row.state == State.FAILED,
        new_versions=[
            NewVersionResult(form=v["form"], version=v["version"], compare_url=v["url"])
            for v in row.versions
            if "form" in v  # rows from before the form and number were kept have only the link
        ],
        not_overwritten=row.kept,
    )


@router.get(
    "/{job_id}", response=JobResult, summary="后台任务的进度和结果（上传的每个文件读出了什么）"
)
def job(request: HttpRequest, job_id: int) -> JobResult:
    try:
        found = job_for(request.user, job_id)
    except Http404 as exc:
        raise HttpError(404, "没有这个后台任务，或您无权查看。") from exc
    return job_result(found)
