"""A form as the paper original, for printing: title, year, header, funds, goals, indicators,
total, then the lines for 单位负责人, 填表人, 填报日期 and the unit's seal.

The cells come from `paper_form`, as on the form page; every label, the page margins, the fonts
and the column widths from the layout file (`write/layouts/*.toml`), as in the Word export. So
the print is the official form, filled in with what the unit declared. jixiao's computed column
is added only when asked (``?computed=1``): the paper original has none.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jixiao.web.forms.layout import paper_form
from jixiao.web.rounds.models import Task
from jixiao.web.scope import form_for
from jixiao.write.layout import DEFAULT, Layout, available, load_layout

COMPUTED_COLUMN_MM = 24  # room for "99.44% · 9.94 分" in the body font


@login_required
def form_print(request: HttpRequest, pk: int) -> HttpResponse:
    record = form_for(request.user, pk)
    version = record.latest
    layout = load_layout(_layout_id(request.GET.get("layout", ""), record))
    computed = request.GET.get("computed") == "1"
    paper = paper_form(version.data, version.computed, version.findings)
    context = {
        "record": record,
        "version": version,
        "p": paper,
        "layout": layout,
        "computed": computed,
        "header_rows": _header_rows(layout, paper["header"]),
        "funds_rows": list(zip(layout.funds.rows, paper["funds_rows"], strict=True)),
        "columns": _column_shares(layout, computed),
        "year_line": layout.year_line.format(year=paper["year"]) if paper["year"] else "",
    }
    return render(request, "web/form_print.html", context)


def _layout_id(asked: str, record: Any) -> str:
    """The layout asked for; else the one the unit's round for that year chose; else Beijing's."""
    if asked in available():
        return asked
    task = (
        Task.objects.filter(unit_id=record.unit_id, year=record.year)
        .select_related("round")
        .first()
    )
    if task is not None and task.round.layout in available():
        return task.round.layout
    return DEFAULT


def _column_shares(layout: Layout, computed: bool) -> list[str]:
    """The layout's column widths as shares of the line (a computed column takes a share too),
    so the table fills the page between the layout's margins."""
    widths = [*layout.grid.column_widths_mm, *([COMPUTED_COLUMN_MM] if computed else [])]
    return [f"{100 * w / sum(widths):.2f}%" for w in widths]


def _header_rows(layout: Layout, header: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """Each header row of the layout as cells: a label, then the value, each with its span."""
    rows = []
    for row in layout.header:
        cells = []
        spans = list(zip(row.spans[::2], row.spans[1::2], strict=True))
        for label, field, (label_span, value_span) in zip(
            row.labels, row.fields, spans, strict=True
        ):
            cells.append({"label": True, "text": label, "span": label_span})
            cells.append({"label": False, "text": header[field]["text"], "span": value_span})
        rows.append(cells)
    return rows
