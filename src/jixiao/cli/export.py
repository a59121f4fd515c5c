"""`jixiao export`: read and check forms, then write them out — in the official layout (Word,
Excel) and as datasets (a three-sheet workbook, CSV, Parquet).

Exit status: 0 when every requested file was written, even if some inputs could not be read
(each is named on stderr, as `jixiao check` does); 1 when no form could be read at all (then
nothing is written: an empty export would hide a wrong path) or when the system refused to write
an output (the others are still written); 2 when the command itself is wrong (no output asked
for, an unknown policy or layout, an output that is a folder or in a folder that does not
exist), said before anything is read.
"""

from __future__ import annotations

import argparse
import errno
import sys
from collections.abc import Callable
from pathlib import Path

from jixiao.cli.check import add_policy
from jixiao.cli.common import add_inputs, wrap

ORDER = 30
OUTPUT_FLAGS = ("--docx", "--xlsx", "--dataset", "--csv", "--parquet")


def register(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser(
        "export",
        help="导出自评表（Word、Excel 正式版式）和数据集（xlsx、CSV、Parquet）",
        description=(
            "读取并审核自评表，然后写出指定的文件：按正式版式排版的 Word 或 Excel 自评表，"
            "数据集工作簿（自评表、绩效指标、审核发现三张表和字段说明），或单张数据表的 CSV、"
            "Parquet。字段说明见 docs/datasets.md。至少指定一个输出。"
        ),
    )
    add_inputs(export)
    add_policy(export, by_layout=True)
    export.add_argument(
        "--layout",
        default="beijing",
        metavar="NAME",
        help="--docx/--xlsx 的版式：内置 beijing（默认）、mof-2020，或版式文件（.toml）路径",
    )
    export.add_argument(
        "--docx", type=Path, metavar="OUT.docx", help="写出 Word 自评表（正式版式）"
    )
    export.add_argument(
        "--xlsx", type=Path, metavar="OUT.xlsx", help="写出 Excel 自评表（正式版式）"
    )
    export.add_argument(
        "--dataset",
        type=Path,
        metavar="OUT.xlsx",
        help="写出数据集工作簿：自评表、绩效指标、审核发现三张表和字段说明",
    )
    export.add_argument(
        "--csv",
        type=Path,
        metavar="OUT.csv",
        help="写出一张数据表的 CSV（UTF-8 带 BOM，Excel 可直接打开）",
    )
    export.add_argument(
        "--parquet", type=Path, metavar="OUT.parquet", help="写出一张数据表的 Parquet"
    )
    export.add_argument(
        "--table",
        choices=["forms", "indicators", "findings"],
        default="indicators",
        help="--csv/--parquet 写哪张表：forms 自评表、indicators 绩效指标（默认）、findings 审核发现",
    )
    export.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from jixiao.cli.check import chosen_policy
    from jixiao.scoring.policy import PolicyError
    from jixiao.services.check import check_paths
    from jixiao.write import datasets

    wanted = [args.docx, args.xlsx, args.dataset, args.csv, args.parquet]
    if not any(wanted):
        print(f"错误：请至少指定一个输出：{'、'.join(OUTPUT_FLAGS)}", file=sys.stderr)
        return 2
    try:
        policy = chosen_policy(args)
    except PolicyError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2
    if (args.docx or args.xlsx) and (problem := _unknown_layout(args.layout)):
        print(f"错误：{problem}", file=sys.stderr)
        return 2
    unwritable = [(out, why) for out in wanted if out and (why := _cannot_write(out))]
    for out, why in unwritable:
        print(f"错误：无法写出 {out}：{why}", file=sys.stderr)
    if unwritable:
        return 2

    result = check_paths(args.paths, policy, wrap=wrap(args))
    for error in result.errors:
        print(f"错误：{error.message}", file=sys.stderr)
    if not result.forms:
        print("错误：没有读出任何自评表，未写出文件", file=sys.stderr)
        return 1

    checked = result.forms
    forms = [c.form for c in checked]
    table_title = datasets.TABLE_TITLES[args.table]
    rows = datasets.row_count(checked, args.table)
    jobs: list[tuple[Path | None, Callable[[Path], None], str]] = [
        (
            args.docx,
            lambda out: _forms_writer("docx")(forms, out, layout=args.layout),
            f"Word 自评表，{len(forms)} 张",
        ),
        (
            args.xlsx,
            lambda out: _forms_writer("xlsx")(forms, out, layout=args.layout),
            f"Excel 自评表，{len(forms)} 张",
        ),
        (
            args.dataset,
            lambda out: datasets.write_dataset_xlsx(checked, out),
            "数据集工作簿，"
            + "，".join(
                f"{datasets.TABLE_TITLES[t]} {datasets.row_count(checked, t)} 行"
                for t in datasets.TABLES
            ),
        ),
        (
            args.csv,
            lambda out: datasets.write_dataset_csv(checked, out, table=args.table),
            f"CSV，{table_title} {rows} 行",
        ),
        (
            args.parquet,
            lambda out: datasets.write_dataset_parquet(checked, out, table=args.table),
            f"Parquet，{table_title} {rows} 行",
        ),
    ]
    code = 0
    for out, write, what in jobs:
        if out is None:
            continue
        problem = _write(out, write)
        if problem is None:
            print(f"已写出 {out}：{what}", file=sys.stderr)
        else:
            print(f"错误：未能写出 {out}：{problem}", file=sys.stderr)
            code = 1
    return code


def _unknown_layout(layout: str) -> str | None:
    """Why the layout cannot be used (in Chinese, naming the file), or None."""
    from jixiao.write.layout import LayoutError, load_layout

    try:
        load_layout(layout)
    except LayoutError as exc:
        return exc.message
    return None


def _forms_writer(kind: str) -> Callable[..., None]:
    """The official-layout writer, imported only when asked for."""
    from jixiao.write import forms

    return forms.write_forms_docx if kind == "docx" else forms.write_forms_xlsx  # type: ignore[no-any-return]


def _cannot_write(out: Path) -> str | None:
    """What stops a file being written there, said before minutes of reading are spent."""
    if out.is_dir():
        return "这是一个文件夹，请给出文件名"
    if not out.parent.is_dir():
        return f"文件夹 {out.parent} 不存在"
    return None


def _write(out: Path, write: Callable[[Path], None]) -> str | None:
    """Write one output; a reason in Chinese if the system refused it (and no half file left)."""
    try:
        write(out)
    except PermissionError:
        return "没有写入权限"
    except OSError as exc:  # a full disk, a read-only disk, a file locked by another program …
        _remove(out)
        known = {errno.ENOSPC: "磁盘空间不足", errno.EROFS: "只读的文件系统"}
        return known.get(exc.errno or 0, f"系统错误（{exc.strerror or exc}）")
    return None


def _remove(out: Path) -> None:
    if out.is_file():
        out.unlink()
