"""Span-aware tables → one UTF-8 HTML page, each table with its rowspan/colspan."""

from __future__ import annotations

from html import escape

from jixiao.model.grid import Cell, Table

_STYLE = (
    "body{font-family:SimSun,'Songti SC',serif;margin:2em}"
    "table{border-collapse:collapse;margin:0 auto 2em auto}"
    "td{border:1px solid #000;padding:4px 6px;vertical-align:middle}"
)


def write_html(tables: list[Table], title: str = "项目支出绩效自评表") -> str:
    """The tables as one HTML page; newlines in a cell become ``<br>``."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
    ]
    for table in tables:
        out.append("<table>")
        by_row: dict[int, list[Cell]] = {}
        for cell in table.cells:
            by_row.setdefault(cell.row, []).append(cell)
        for row in range(table.n_rows):
            cells = sorted(by_row.get(row, ()), key=lambda c: c.col)
            out.append("<tr>" + "".join(_td(cell) for cell in cells) + "</tr>")
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _td(cell: Cell) -> str:
    attrs = ""
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    text = "<br>".join(escape(line, quote=False) for line in cell.text.split("\n"))
    return f"<td{attrs}>{text}</td>"
