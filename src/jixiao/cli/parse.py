"""`jixiao parse`: read the self-evaluation forms in files and folders."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from jixiao.cli.common import add_inputs, fit, print_json, wrap
from jixiao.model.form import Form, ParseResult
from jixiao.services.parse import parse_paths

ORDER = 10


def register(commands: argparse._SubParsersAction) -> None:
    parse = commands.add_parser(
        "parse",
        help="读取文件中的自评表",
        description=(
            "读取文件或文件夹（递归）中的项目支出绩效自评表：文本、Word（.docx/.doc/.wps）、"
            "Excel（.xlsx/.xls）、OpenDocument（.odt/.ods）、网页（.html）、PDF；"
            "表格线已丢失的文字按标签和顺序重建。默认每张表一行；--json 输出完整数据。"
        ),
    )
    add_inputs(parse)
    parse.add_argument("--json", action="store_true", help="输出 JSON 文档（forms 与 errors）")
    parse.add_argument("--strict", action="store_true", help="有文件读取失败时以状态码 1 退出")
    parse.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    result = parse_paths(args.paths, wrap=wrap(args))
    if args.json:
        print_json(result.to_json_dict(), result.errors)
    else:
        print_result(result)
    return 1 if args.strict and result.errors else 0


def form_line(form: Form) -> str:
    funds = form.funds.total
    cols = [
        (Path(form.source.file).name, 28),
        (f"#{form.source.index}", 4),
        (str(form.year or "—"), 5),
        (form.project_name.text or "（无项目名称）", 40),
        (f"预算 {funds.annual_budget.text or '—'}", 16),
        (f"执行 {funds.executed.text or '—'}", 16),
        (f"指标 {len(form.indicators)}", 8),
        (f"总分 {form.total_score.text or '—'}", 0),
    ]
    return " ".join(fit(text, width) if width else text for text, width in cols)


def print_result(result: ParseResult, stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    for form in result.forms:
        print(form_line(form), file=stream)
    files = len({f.source.file for f in result.forms}) + len(result.errors)
    summary = f"共 {files} 个文件，读出 {len(result.forms)} 张自评表"
    if result.errors:
        summary += f"，{len(result.errors)} 个文件未读出"
    print(summary, file=stream)
    for error in result.errors:
        print(f"  错误：{error.message}", file=stream)
