"""The `jixiao` command."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from jixiao import __version__
from jixiao.model.form import FileError, Form, ParseResult
from jixiao.services.parse import parse_paths

PROGRESS_AFTER = 3  # show a progress bar for batches of more files than this


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jixiao",
        description="jixiao（绩效）：读取、评分、审核项目支出绩效自评表",
    )
    parser.add_argument("--version", action="version", version=f"jixiao {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="命令", required=True)

    parse = commands.add_parser(
        "parse",
        help="读取文件中的自评表",
        description=(
            "读取文件或文件夹（递归）中的项目支出绩效自评表：文本、Word（.docx/.doc/.wps）、"
            "Excel（.xlsx/.xls）、网页（.html）、PDF。默认每张表一行；--json 输出完整数据。"
        ),
    )
    _inputs(parse)
    parse.add_argument("--json", action="store_true", help="输出 JSON 文档（forms 与 errors）")
    parse.add_argument("--strict", action="store_true", help="有文件读取失败时以状态码 1 退出")
    parse.set_defaults(func=cmd_parse)

    check = commands.add_parser(
        "check",
        help="评分并审核自评表",
        description=(
            "读取自评表，按评分规则计算执行率、得分、总分和等级，与表中填报的值并列，"
            "并列出审核发现（错误、警告、提示）。"
        ),
    )
    _inputs(check)
    check.add_argument(
        "--policy",
        default="beijing",
        metavar="NAME",
        help="评分规则：内置 beijing（默认）、mof-2020，或自己的 .toml 文件路径",
    )
    check.add_argument(
        "--json", action="store_true", help="输出 JSON（parse 的文档加 computed 与 findings）"
    )
    check.add_argument(
        "--xlsx", type=Path, metavar="OUT", help="写出审核工作簿（自评表、审核发现两张表）"
    )
    check.add_argument(
        "--fail-on", choices=["error", "warning"], help="存在该级别或更严重的发现时以状态码 1 退出"
    )
    check.set_defaults(func=cmd_check)
    return parser


def _inputs(command: argparse.ArgumentParser) -> None:
    """The arguments every command that reads documents takes."""
    command.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="文件或文件夹（递归）")
    command.add_argument("--no-progress", action="store_true", help="不显示进度条")


def _progress(files: list[Path]) -> Iterable[Path]:
    if len(files) <= PROGRESS_AFTER:
        return files
    from tqdm import tqdm

    # disable=None: shown only when stderr is a terminal
    return tqdm(files, desc="读取", unit="个文件", file=sys.stderr, disable=None, leave=False)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit(text: str, width: int) -> str:
    """Cut and pad text to a display width (CJK characters count double)."""
    out = ""
    for ch in text.replace("\n", " "):
        if _width(out + ch) > width - (1 if _width(text) > width else 0):
            out += "…"
            break
        out += ch
    return out + " " * max(0, width - _width(out))


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
    return " ".join(_fit(text, width) if width else text for text, width in cols)


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


def _print_json(document: dict[str, object], errors: list[FileError]) -> None:
    """The JSON document on stdout; the files that failed also said on stderr."""
    json.dump(document, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    for error in errors:
        print(f"错误：{error.message}", file=sys.stderr)


def cmd_parse(args: argparse.Namespace) -> int:
    result = parse_paths(args.paths, wrap=None if args.no_progress else _progress)
    if args.json:
        _print_json(result.to_json_dict(), result.errors)
    else:
        print_result(result)
    return 1 if args.strict and result.errors else 0


def cmd_check(args: argparse.Namespace) -> int:
    from jixiao.model.finding import Severity
    from jixiao.scoring.policy import PolicyError, load_policy
    from jixiao.services.check import check_paths
    from jixiao.write.check_report import print_check

    try:
        policy = load_policy(args.policy)
    except PolicyError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2
    result = check_paths(args.paths, policy, wrap=None if args.no_progress else _progress)
    if args.json:
        _print_json(result.to_json_dict(), result.errors)
    else:
        print_check(result, sys.stdout)
    if args.xlsx:
        from jixiao.write.review_xlsx import write_review_xlsx

        write_review_xlsx(result, args.xlsx)
        print(f"已写出审核工作簿：{args.xlsx}", file=sys.stderr)
    if args.fail_on:
        worst = result.worst()
        if worst is not None and worst.rank >= Severity(args.fail_on).rank:
            return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    code: int = args.func(args)
    return code


def run() -> None:
    """Console entry point."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:  # `jixiao parse … | head` is fine
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        code = 130
    sys.exit(code)


if __name__ == "__main__":
    run()
