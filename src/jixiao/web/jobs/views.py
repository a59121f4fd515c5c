"""Pages of background jobs: the user's jobs, one job's progress and result, retry, download.

A user sees their own jobs (an administrator every job); anything else answers 404. While a
job runs its page reloads itself every two seconds (no script beyond that); an upload of many
files is summed up (forms read, files that could not be read, with why) above its table of
files.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao.web.forms.models import FormRecord
from jixiao.web.jobs import services
from jixiao.web.jobs.models import Job, State
from jixiao.web.scope import is_admin

LIST_SIZE = 50


def jobs_for(user: object) -> QuerySet[Job]:
    jobs = Job.objects.all()
    return jobs if is_admin(user) else jobs.filter(user=user)


def job_for(user: object, pk: int) -> Job:
    job = jobs_for(user).filter(pk=pk).first()
    if job is None:
        raise Http404("没有这个后台任务，或您无权查看。")
    return job


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = jobs_for(request.user).select_related("user")[:LIST_SIZE]
    return render(request, "jobs/list.html", {"jobs": jobs, "size": LIST_SIZE})


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = job_for(request.user, pk)
    files = list(job.files.all())
    ids = {pk for f in files for pk in f.forms}
    records = FormRecord.all_objects.only("pk", "kind", "project_name").in_bulk(ids) if ids else {}
    for f in files:
        f.records = [records[i] for i in f.forms if i in records]
    counts = job.files.aggregate(
        total=Count("pk"), done=Count("pk", filter=Q(state__in=[State.DONE, State.FAILED]))
    )
    context = {
        "job": job,
        "files": files,
        "running": [f for f in files if f.state == State.RUNNING],
        "counts": counts,
        "failed": any(f.state == State.FAILED for f in files) or job.state == State.FAILED,
        # an upload of many files: how many forms so far, and the files refused, above the table
        "forms_read": sum(len(f.records) for f in files),
        "refused": [f for f in files if f.error or f.state == State.FAILED],
    }
    return render(request, "jobs/detail.html", context)


@login_required
@require_POST
def job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    job = services.retry(job_for(request.user, pk))
    messages.success(request, "已重新排队。")
    return redirect("jobs:detail", pk=job.pk)


@login_required
def job_download(request: HttpRequest, pk: int) -> FileResponse:
    job = job_for(request.user, pk)
    path = services.result_path(job)
    if job.state != State.DONE or not job.result_name or not path.exists():
        raise Http404("这个任务没有可下载的文件。")
    return download(job)


def download(job: Job) -> FileResponse:
    return FileResponse(
        services.result_path(job).open("rb"),
        as_attachment=True,
        filename=job.result_name,
        content_type=job.content_type or "application/octet-stream",
    )


@login_required
@require_POST
def recheck_department(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    """Re-check the department's forms of the year under today's rules, each unit's together
    (for the department's reviewers; anyone else 404)."""
    from jixiao.web.departments.services import department_for, department_forms

    department = department_for(request.user, pk)
    forms = department_forms(request.user, department).filter(year=year)
    pairs = sorted(set(forms.values_list("unit_id", "year")))
    if not pairs:
        messages.info(request, "本部门这一年度没有自评表，无需重新审核。")
        return redirect("departments:detail", pk=pk, year=year)
    job = services.start_recheck(request.user, pairs)
    return redirect("jobs:detail", pk=job.pk)


def answer(request: HttpRequest, job: Job, back: str) -> HttpResponse:
    """What a page that started an export or a report answers: the file when the job is done
    already (a queue that runs at once), why not (on `back`) when it failed at once, else the
    job's page, which shows its progress and then the file."""
    if job.state == State.DONE and job.result_name:
        return download(job)
    if job.state == State.FAILED:
        messages.error(request, job.message)
        return redirect(back)
    return redirect("jobs:detail", pk=job.pk)
