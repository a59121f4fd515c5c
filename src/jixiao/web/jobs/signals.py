"""A stored original is linked to the job file being imported in the same transaction that
stores it: after a worker dies, a file whose link is there was imported (its forms are in), and
one whose link is not there was not (nothing of it is), so running the job again imports each
file exactly once. `importing(file_id)` says which job file the current import is for."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from jixiao.web.forms.models import StoredFile

_current: ContextVar[int | None] = ContextVar("jixiao_job_file", default=None)


@contextmanager
def importing(file_id: int) -> Iterator[None]:
    token = _current.set(file_id)
    try:
        yield
    finally:
        _current.reset(token)


@receiver(post_save, sender=StoredFile)
def link_stored_file(
    sender: type[StoredFile], instance: StoredFile, created: bool, **_: Any
) -> None:
    file_id = _current.get()
    if created and file_id is not None:
        from jixiao.web.jobs.models import JobFile

        JobFile.objects.filter(pk=file_id).update(stored_file=instance)
