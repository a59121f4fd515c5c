"""A list a page at a time: which page was asked for, its rows, and what the pager shows
(templates/web/_pager.html). Every long list uses it — forms, the review queue, 申报表 and
监控表, projects, people — so a list costs a few queries however many rows there are."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from jixiao.web.services import workflow

PAGE_SIZE = 50  # rows on one page of a list


def page_of(request: HttpRequest, count: int) -> tuple[int, int]:
    """The page asked for (1-based, kept within the pages there are) and the number of pages."""
    pages = max(1, -(-count // PAGE_SIZE))
    asked = request.GET.get("page", "")
    return (min(int(asked), pages) if asked.isdigit() and int(asked) > 0 else 1), pages


def one_page(
    request: HttpRequest,
    rows: QuerySet[Any],
    count: int,
    each: Callable[[Any], Any] = workflow.label_stages,
    unit: str = "张",
) -> dict[str, Any]:
    """The page of ``rows`` asked for (``count`` of them in all) as "records", made ready by
    ``each`` (records: each status's review stage), and what web/_pager.html shows: which rows
    these are (counted in ``unit``) and the links to the others (the request's other parameters
    kept)."""
    page, pages = page_of(request, count)
    start = (page - 1) * PAGE_SIZE
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "records": each(rows[start : start + PAGE_SIZE]),
        "pager_unit": unit,
        "count": count,
        "page": page,
        "pages": pages,
        "first_shown": start + 1 if count else 0,
        "last_shown": min(start + PAGE_SIZE, count),
        "query": query.urlencode(),
    }
