"""The set-up workbook: the template an administrator fills, and reading it back.

Two data sheets, 机构 (organisations) and 人员 (people, one row per role), and a 填写说明 sheet
with the rules and examples. Reading goes through `jixiao.read` (python-calamine behind the same
guards as every uploaded workbook: zip bombs, XML entities, encryption, absurd sheet areas), so a
bad file gives one Chinese sentence naming the file and the reason. Nothing here touches the
database: what the rows mean is decided by `services.plan`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.model.grid import Table
from jixiao.read import ReadError
from jixiao.read import sniff as sniff_format
from jixiao.read.sandbox import read_limited
from jixiao.web.orgs.models import Membership, Organisation

ORGANISATIONS = "机构"
PEOPLE = "人员"
INSTRUCTIONS = "填写说明"
KIND_LABELS = [str(label) for label in Organisation.Kind.labels]  # 财政局、主管部门、预算单位
ROLE_LABELS = [str(label) for label in Membership.Role.labels]  # 填报人、审核人、管理员
TEMPLATE_ROWS = 2000  # rows of the data sheets that get the drop-downs and text format
HEADER_SEARCH_ROWS = 10  # a title line or two above the header is tolerated


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = True  # the column must be present (a cell may still be left empty)
    width: int = 16
    text: bool = False  # codes: typed as text so leading zeros survive


ORGANISATION_COLUMNS = (
    Column("code", "单位编码", ("机构编码", "编码", "代码", "单位代码"), width=18, text=True),
    Column("name", "名称", ("单位名称", "机构名称"), width=32),
    Column(
        "parent_code", "上级编码", ("上级单位编码", "上级机构编码", "上级代码"), width=18, text=True
    ),
    Column("kind", "类型", ("机构类型", "单位类型"), width=12),
)
PERSON_COLUMNS = (
    Column("username", "用户名", ("登录名", "账号", "帐号"), width=16),
    Column("name", "姓名", (), width=12),
    Column("email", "电子邮箱", ("邮箱", "电子邮件", "email", "e-mail"), required=False, width=28),
    Column(
        "org_code", "机构编码", ("单位编码", "所属机构编码", "所属单位编码"), width=18, text=True
    ),
    Column("role", "角色", (), width=10),
)


@dataclass(frozen=True)
class OrganisationRow:
    row: int  # the row number Excel shows
    code: str
    name: str
    parent_code: str
    kind: str  # as written: 财政局、主管部门、预算单位


@dataclass(frozen=True)
class PersonRow:
    row: int
    username: str
    name: str
    email: str
    org_code: str
    role: str  # as written: 填报人、审核人、管理员


@dataclass
class Sheet:
    """What a filled-in set-up workbook says, row by row, as text."""

    file: str
    sha256: str
    organisations: list[OrganisationRow] = field(default_factory=list)
    people: list[PersonRow] = field(default_factory=list)


class SheetError(Exception):
    """The workbook cannot be used; ``message`` names the file and says why, in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# ---------------------------------------------------------------- reading


def read_sheet(name: str, data: bytes) -> Sheet:
    """Read an uploaded .xlsx/.xls set-up workbook, or raise SheetError."""
    try:
        fmt = sniff_format(data, Path(name).suffix.lower())
        if fmt not in ("xlsx", "xls"):
            raise ReadError("不是 Excel 工作簿，请上传 .xlsx 或 .xls 文件（可先下载模板填写）")
        document = read_limited(data, name)
    except ReadError as exc:
        raise SheetError(f"{name}：{exc.reason}") from exc
    except Exception as exc:  # a bug must not turn an upload into a server error  # noqa: BLE001
        raise SheetError(f"{name}：读取时出现意外错误（{type(exc).__name__}）") from exc
    tables = {_sheet_name(t.sheet or ""): t for t in reversed(document.tables)}
    organisations, people = tables.get(ORGANISATIONS), tables.get(PEOPLE)
    if organisations is None and people is None:
        raise SheetError(
            f"{name}：没有找到“{ORGANISATIONS}”或“{PEOPLE}”工作表（或两张表都是空的），"
            "请使用下载的模板填写"
        )
    sheet = Sheet(file=name, sha256=document.sha256)
    if organisations is not None:
        for number, cells in _records(name, ORGANISATIONS, organisations, ORGANISATION_COLUMNS):
            sheet.organisations.append(OrganisationRow(number, **cells))
    if people is not None:
        for number, cells in _records(name, PEOPLE, people, PERSON_COLUMNS):
            sheet.people.append(PersonRow(number, **cells))
    if not sheet.organisations and not sheet.people:
        raise SheetError(f"{name}：“{ORGANISATIONS}”和“{PEOPLE}”工作表中都没有填写数据")
    return sheet


def _sheet_name(name: str) -> str:
    """机构, 机构表, ' 机构 ' → 机构; 人员, 人员与角色 → 人员; anything else as it is."""
    bare = plain(name)
    for wanted in (ORGANISATIONS, PEOPLE):
        if bare.startswith(wanted):
            return wanted
    return bare


def plain(text: str) -> str:
    """A header or sheet name without what people add or vary: spaces, full-width forms,
    bracketed notes such as （必填）, asterisks marking required columns, case."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[(\[【][^)\]】]*[)\]】]", "", text)
    return re.sub(r"[\s*:：]", "", text).lower()


def _records(
    file: str, sheet: str, table: Table, columns: Sequence[Column]
) -> Iterable[tuple[int, dict[str, str]]]:
    """(Excel row number, {column key: text}) for each non-empty row under the header."""
    grid: dict[int, dict[int, str]] = {}
    for cell in table.cells:
        row, col = (cell.loc.row, cell.loc.col) if cell.loc else (cell.row, cell.col)
        grid.setdefault(row, {})[col] = " ".join(cell.text.split())
    header_row, positions = _header(grid, columns)
    missing = [c.header for c in columns if c.required and c.key not in positions]
    if missing:
        expected = "、".join(c.header for c in columns)
        raise SheetError(
            f"{file}：工作表“{sheet}”缺少列：{'、'.join(missing)}（表头应为：{expected}）"
        )
    for row in sorted(r for r in grid if r > header_row):
        cells = {
            c.key: grid[row].get(positions[c.key], "") if c.key in positions else ""
            for c in columns
        }
        if any(cells.values()):
            yield row + 1, cells


def _header(
    grid: dict[int, dict[int, str]], columns: Sequence[Column]
) -> tuple[int, dict[str, int]]:
    """The header row (the first of the top rows naming the most columns) and each column's place."""
    names = {plain(name): c.key for c in columns for name in (c.header, *c.aliases)}
    best_row, best = -1, {}
    for row in sorted(grid)[:HEADER_SEARCH_ROWS]:
        found: dict[str, int] = {}
        for col in sorted(grid[row]):
            key = names.get(plain(grid[row][col]))
            if key is not None and key not in found:
                found[key] = col
        if len(found) > len(best):
            best_row, best = row, found
    return best_row, best


# ---------------------------------------------------------------- writing

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_EXAMPLE_FONT = Font(italic=True, color="808080")
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

EXAMPLE_ORGANISATIONS = (
    ("110106000", "某区财政局", "", "财政局"),
    ("110106001", "某区教育委员会", "110106000", "主管部门"),
    ("110106001001", "某区第一中学", "110106001", "预算单位"),
)
EXAMPLE_PEOPLE = (
    ("zhangsan", "张三", "zhangsan@example.gov.cn", "110106001001", "填报人"),
    ("lisi", "李四", "", "110106001", "审核人"),
    ("lisi", "李四", "", "110106000", "审核人"),
    ("wangwu", "王五", "", "110106000", "管理员"),
)


def write_template(out: IO[bytes] | Path, bureau_code: str = "", bureau_name: str = "") -> None:
    """The empty set-up workbook: 填写说明, then 机构 and 人员 with headers, drop-downs and
    text-formatted code columns. ``bureau_code``/``bureau_name`` name the bureau already in
    the system, for the instructions."""
    book = Workbook()
    notes = book.active
    assert notes is not None
    notes.title = INSTRUCTIONS
    _instructions(notes, bureau_code, bureau_name)
    _data_sheet(book.create_sheet(ORGANISATIONS), ORGANISATION_COLUMNS, {"kind": KIND_LABELS})
    _data_sheet(book.create_sheet(PEOPLE), PERSON_COLUMNS, {"role": ROLE_LABELS})
    book.active = 1  # opens on 机构, the sheet to fill first
    book.save(out)


def _data_sheet(ws: Worksheet, columns: Sequence[Column], choices: dict[str, list[str]]) -> None:
    for index, column in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=index, value=column.header)
        cell.font, cell.fill, cell.border = _HEADER_FONT, _HEADER_FILL, _BORDER
        cell.alignment = Alignment(horizontal="center")
        letter = cell.column_letter
        ws.column_dimensions[letter].width = column.width
        if column.text:
            for row in range(2, TEMPLATE_ROWS + 2):
                ws.cell(row=row, column=index).number_format = "@"
        if column.key in choices:
            listed = "、".join(choices[column.key])
            rule = DataValidation(
                type="list",
                formula1='"' + ",".join(choices[column.key]) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=f"{column.header}不正确",
                error=f"请从下拉列表中选择：{listed}",
                showInputMessage=True,
                promptTitle=column.header,
                prompt=f"请选择：{listed}",
            )
            rule.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            ws.add_data_validation(rule)
    ws.freeze_panes = "A2"


def _instructions(ws: Worksheet, bureau_code: str, bureau_name: str) -> None:
    lines = [
        "机构与人员批量设置：填写说明",
        "",
        f"1. 在“{ORGANISATIONS}”工作表每行填一个机构：单位编码（唯一，建议用一体化系统的编码）、名称、上级编码、类型。",
        "2. 类型为财政局、主管部门或预算单位：财政局的上级编码留空；主管部门的上级是财政局；"
        "预算单位的上级是主管部门或财政局。",
        "3. 上级可以写在下级之后；系统中已有的机构也可以作为上级，填它的单位编码即可。",
        f"4. 在“{PEOPLE}”工作表每行填一个角色：用户名（登录用，不含空格）、姓名、电子邮箱（可不填）、"
        "机构编码、角色。一个人有几个角色就填几行，各行的姓名、邮箱相同。",
        "5. 填报人设在预算单位；审核人设在主管部门或财政局（可看其下所有单位）；管理员设在财政局。",
        "6. 系统中已有的机构按单位编码对应：名称、上级与表中不同的将被修改；类型不能通过导入修改。"
        "已有的人员按用户名对应：姓名、邮箱不同的将被修改，缺少的角色将被增加（邮箱留空则不修改）。",
        "7. 表中没有列出的机构、人员和角色保持不变：导入不会删除或停用任何东西。",
        "8. 上传后先看预览：有误的行列出工作表、行号和原因，全部改正后才能导入；确认后整张表一次导入，"
        "中途出错则什么都不改。同一张表再导入一次不会有任何变化。",
        "9. 新建的人员得到临时密码，导入完成后只显示一次，可下载“初始密码.xlsx”；首次登录须修改密码。",
    ]
    if bureau_code:
        lines.insert(
            2,
            f"本系统中已有的财政局：{bureau_name}，单位编码 {bureau_code}（主管部门的上级编码填它）。",
        )
    for number, text in enumerate(lines, start=1):
        ws.cell(row=number, column=1, value=text or None)
    ws["A1"].font = Font(bold=True, size=14)
    ws.page_setup.orientation = "landscape"  # printed: the long lines on one page width
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.column_dimensions["A"].width = 18
    for letter in "BCDE":
        ws.column_dimensions[letter].width = 22
    row = len(lines) + 2
    for title, columns, examples in (
        (f"示例：“{ORGANISATIONS}”工作表", ORGANISATION_COLUMNS, EXAMPLE_ORGANISATIONS),
        (f"示例：“{PEOPLE}”工作表（李四在两处任审核人，填两行）", PERSON_COLUMNS, EXAMPLE_PEOPLE),
    ):
        ws.cell(row=row, column=1, value=title).font = _HEADER_FONT
        row += 1
        for index, column in enumerate(columns, start=1):
            cell = ws.cell(row=row, column=index, value=column.header)
            cell.font, cell.fill, cell.border = _HEADER_FONT, _HEADER_FILL, _BORDER
        for example in examples:
            row += 1
            for index, value in enumerate(example, start=1):
                cell = ws.cell(row=row, column=index, value=value or None)
                cell.font, cell.border = _EXAMPLE_FONT, _BORDER
        row += 2


def write_passwords(out: IO[bytes] | Path, rows: Iterable[tuple[str, str, str]]) -> None:
    """初始密码.xlsx: (用户名, 姓名, 临时密码) for the people an import created."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "初始密码"
    for index, (header, width) in enumerate(
        (("用户名", 18), ("姓名", 14), ("临时密码", 20)), start=1
    ):
        cell = ws.cell(row=1, column=index, value=header)
        cell.font, cell.fill, cell.border = _HEADER_FONT, _HEADER_FILL, _BORDER
        ws.column_dimensions[cell.column_letter].width = width
    count = 0
    for count, values in enumerate(rows, start=1):
        for index, value in enumerate(values, start=1):
            cell = ws.cell(row=count + 1, column=index, value=value)
            cell.number_format, cell.border = "@", _BORDER
    ws.cell(
        row=count + 3,
        column=1,
        value="临时密码仅供首次登录，登录后须立即修改。请妥善保管本文件，发放后删除。",
    )
    ws.freeze_panes = "A2"
    book.save(out)
