"""`jixiao parse`: read the self-evaluation forms in files and folders.

Each file's forms are printed (or written into the JSON document) as soon as it is read and
then let go, so memory stays flat over any number of files; only the failures are kept, for
the summary at the end.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from jixiao.cli.common import add_inputs, fit, wrap
from jixiao.model.form import FileError, Form, ParseResult
from jixiao.services.parse import iter_parsed

Parsed = Iterable[tuple[Path, list[Form], FileError | None]]

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
    return run_to(args, sys.stdout)


def run_to(args: argparse.Namespace, stream: TextIO) -> int:
    """`jixiao parse` writing to ``stream``."""
    parsed = iter_parsed(args.paths, wrap=wrap(args))
    if args.json:
        errors = write_json(parsed, stream)
        for error in errors:
            print(f"错误：{error.message}", file=sys.stderr)
    else:
        errors = print_parsed(parsed, stream)
    return 1 if args.strict and errors else 0


def write_json(parsed: Parsed, stream: TextIO) -> list[FileError]:
    """The document ``ParseResult.to_json_dict`` makes, written form by form (byte for byte
    what ``json.dump(..., indent=1)`` writes of it); returns the files that failed."""
    errors: list[FileError] = []
    stream.write('{\n "forms": [')
    first = True
    for _, forms, error in parsed:
        for form in forms:
            text = json.dumps(form.to_json_dict(), ensure_ascii=False, indent=1)
            stream.write(("\n  " if first else ",\n  ") + text.replace("\n", "\n  "))
            first = False
        if error is not None:
            errors.append(error)
    stream.write("]" if first else "\n ]")
    listed = json.dumps([e.model_dump() for e in errors], ensure_ascii=False, indent=1)
    stream.write(',\n "errors": ' + listed.replace("\n", "\n ") + "\n}\n")
    return errors


def print_parsed(parsed: Parsed, stream: TextIO) -> list[FileError]:
    """One line per form as each file is read, then the summary and the failures."""
    files = forms = 0
    errors: list[FileError] = []
    for _, found, error in parsed:
        for form in found:
            print(form_line(form), file=stream, flush=False)
        forms += len(found)
        files += bool(found)
        if error is not None:
            errors.append(error)
            files += not found
    print(_summary(files, forms, errors), file=stream)
    for error in errors:
        print(f"  错误：{error.message}", file=stream)
    return errors


def _summary(files: int, forms: int, errors: list[FileError]) -> str:
    summary = f"共 {files} 个文件，读出 {forms} 张自评表"
    if errors:
        summary += f"，{len(errors)} 个文件未读出"
    return summary


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
    """A result already gathered, printed as `print_parsed` prints files as they come."""
    stream = stream or sys.stdout
    for form in result.forms:
        print(form_line(form), file=stream)
    files = len({f.source.file for f in result.forms}) + len(result.errors)
    print(_summary(files, len(result.forms), result.errors), file=stream)
    for error in result.errors:
        print(f"  错误：{error.message}", file=stream)
