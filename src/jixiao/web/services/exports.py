"""Exports from the web application: forms in the official layouts, datasets, the fill-in template.

The same writers as `jixiao export` and `jixiao template`; this module turns a selection of
records into the checked forms they hold and picks the writer for a format. Adding a format is
adding an entry to EXPORTERS.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.db.models import QuerySet

from jixiao.model.review import FormReview
from jixiao.services.check import CheckedForm
from jixiao.web.forms.models import FormRecord
from jixiao.web.services import audit
from jixiao.web.services.reviewed_scores import form_reviews
from jixiao.web.services.versions import checked_records, policy

MAX_FORMS = 2000  # one download; the list's filters narrow a larger selection

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Options:
    layout: str = "beijing"  # the official layout of the form writers
    table: str = "indicators"  # the dataset table of the CSV and Parquet files


@dataclass(frozen=True)
class Exporter:
    title: str  # what the export page offers
    suffix: str
    content_type: str
    # the checked forms, their keys, the output, the options, and each form's review (the
    # status, reviewer, comments and 复核分 the web application knows)
    write: Callable[
        [list[CheckedForm], list[str], IO[bytes], Options, Sequence[FormReview | None]], None
    ]


def _forms_docx(
    checked: list[CheckedForm],
    keys: list[str],
    out: IO[bytes],
    o: Options,
    reviews: Sequence[FormReview | None],
) -> None:
    from jixiao.write.forms import write_forms_docx

    write_forms_docx([c.form for c in checked], out, layout=o.layout, reviews=reviews)


def _forms_xlsx(
    checked: list[CheckedForm],
    keys: list[str],
    out: IO[bytes],
    o: Options,
    reviews: Sequence[FormReview | None],
) -> None:
    from jixiao.write.forms import write_forms_xlsx

    write_forms_xlsx([c.form for c in checked], out, layout=o.layout, reviews=reviews)


def _dataset_xlsx(
    checked: list[CheckedForm],
    keys: list[str],
    out: IO[bytes],
    o: Options,
    reviews: Sequence[FormReview | None],
) -> None:
    from jixiao.write.datasets import write_dataset_xlsx

    write_dataset_xlsx(checked, out, form_keys=keys, reviews=reviews)


def _dataset_csv(
    checked: list[CheckedForm],
    keys: list[str],
    out: IO[bytes],
    o: Options,
    reviews: Sequence[FormReview | None],
) -> None:
    from jixiao.write.datasets import write_dataset_csv

    write_dataset_csv(checked, out, table=o.table, form_keys=keys, reviews=reviews)


def _dataset_parquet(
    checked: list[CheckedForm],
    keys: list[str],
    out: IO[bytes],
    o: Options,
    reviews: Sequence[FormReview | None],
) -> None:
    from jixiao.write.datasets import write_dataset_parquet

    write_dataset_parquet(checked, out, table=o.table, form_keys=keys, reviews=reviews)


EXPORTERS: dict[str, Exporter] = {
    "docx": Exporter("Word：正式样式的自评表，每页一张", ".docx", DOCX, _forms_docx),
    "xlsx": Exporter("Excel：正式样式的自评表，每张一个工作表", ".xlsx", XLSX, _forms_xlsx),
    "dataset": Exporter(
        "数据集 Excel：自评表、绩效指标、审核发现三张表和字段说明", ".xlsx", XLSX, _dataset_xlsx
    ),
    "csv": Exporter(
        "数据集 CSV（UTF-8 带 BOM，Excel 可直接打开）", ".csv", "text/csv", _dataset_csv
    ),
    "parquet": Exporter(
        "数据集 Parquet（供 pandas、DuckDB 等分析）",
        ".parquet",
        "application/vnd.apache.parquet",
        _dataset_parquet,
    ),
}
DATASET_TABLES = {
    "indicators": "绩效指标（每行一个指标）",
    "forms": "自评表",
    "findings": "审核发现",
}


class ExportError(ValueError):
    """A request the export cannot honour; the message is for the user."""


@dataclass(frozen=True)
class ExportFile:
    name: str
    content_type: str
    data: bytes


def layouts() -> list[tuple[str, str]]:
    from jixiao.write.forms import layout_names

    return layout_names()


def export_records(
    user: Any, records: QuerySet[FormRecord] | Sequence[FormRecord], fmt: str, options: Options
) -> ExportFile:
    """The selected records written in ``fmt``; ExportError when the request cannot be met."""
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise ExportError(f"不支持的导出格式：{fmt}")
    if options.layout not in dict(layouts()):
        raise ExportError(f"没有这个表样：{options.layout}")
    if options.table not in DATASET_TABLES:
        raise ExportError(f"没有这张数据表：{options.table}")
    selected = list(records[: MAX_FORMS + 1])
    if not selected:
        raise ExportError("没有选中任何自评表，请先调整筛选条件。")
    if len(selected) > MAX_FORMS:
        raise ExportError(f"一次最多导出 {MAX_FORMS} 张自评表，请用筛选缩小范围。")
    checked = checked_records(selected)
    out = io.BytesIO()
    exporter.write(checked, [str(r.pk) for r in selected], out, options, form_reviews(selected))
    audit.record(
        user, "export", f"{len(selected)} 张自评表", format=fmt, forms=[r.pk for r in selected]
    )
    if len(selected) == 1:
        stem = _safe(selected[0].project_name) or "自评表"
    else:
        stem = f"自评表{len(selected)}张"
    if fmt in ("csv", "parquet"):
        stem += f"-{DATASET_TABLES[options.table].split('（')[0]}"
    elif fmt == "dataset":
        stem += "-数据集"
    return ExportFile(stem + exporter.suffix, exporter.content_type, out.getvalue())


def export_template(user: Any, start: FormRecord | None = None) -> ExportFile:
    """The Excel fill-in template; from a record, pre-filled as next year's form from it."""
    from jixiao.web.forms.editing import next_years_form
    from jixiao.write.template_xlsx import write_template

    form = next_years_form(start.latest.data) if start is not None else None
    out = io.BytesIO()
    write_template(out, policy=policy(), form=form)
    audit.record(user, "export_template", start or "空白模板")
    name = f"{_safe(start.project_name)}-{form.year}年度填报模板" if start and form else "填报模板"
    return ExportFile(name + ".xlsx", XLSX, out.getvalue())


def _safe(name: str) -> str:
    """A file name from a project name: no path separators or characters Windows refuses."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("_.")[:60]
