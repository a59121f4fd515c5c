"""Set-up sheets for the tests: the downloaded template filled in with openpyxl, as a clerk would,
and a small bureau to import them into."""

from __future__ import annotations

import io
from collections.abc import Sequence

import openpyxl
from django.contrib.auth import get_user_model

from jixiao.web.orgs import services as orgs
from jixiao.web.orgs.models import Organisation
from jixiao.web.setup_sheet.sheet import write_template

BUREAU_CODE = "110106000"
Row = Sequence[object]


def filled_template(organisations: Sequence[Row] = (), people: Sequence[Row] = ()) -> bytes:
    """The template with these rows typed under the headers of 机构 and 人员."""
    out = io.BytesIO()
    write_template(out, BUREAU_CODE, "某区财政局")
    book = openpyxl.load_workbook(io.BytesIO(out.getvalue()))
    for name, rows in (("机构", organisations), ("人员", people)):
        for number, values in enumerate(rows, start=2):
            for column, value in enumerate(values, start=1):
                book[name].cell(row=number, column=column, value=value)
    filled = io.BytesIO()
    book.save(filled)
    return filled.getvalue()


def workbook(sheets: dict[str, Sequence[Row]]) -> bytes:
    """A plain workbook with exactly these sheets and rows (headers included)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for values in rows:
            sheet.append(list(values))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def bureau() -> Organisation:
    return orgs.create_organisation(None, code=BUREAU_CODE, name="某区财政局", kind="bureau")


def administrator() -> object:
    return get_user_model().objects.create_superuser(username="admin", password="x-Pass-2026-长")


# a department, two units (one listed before its department) and three people, one of whom
# holds two roles
ORGANISATIONS = [
    ["110106001001", "某区第一中学", "110106001", "预算单位"],
    ["110106001", "某区教育委员会", BUREAU_CODE, "主管部门"],
    ["110106001002", "某区第二中学", "110106001", "预算单位"],
]
PEOPLE = [
    ["zhangsan", "张三", "zhangsan@example.gov.cn", "110106001001", "填报人"],
    ["lisi", "李四", "", "110106001", "审核人"],
    ["lisi", "李四", "", BUREAU_CODE, "审核人"],
    ["wangwu", "王五", "", "110106001002", "填报人"],
]
