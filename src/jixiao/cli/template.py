"""`jixiao template`: write the Excel fill-in template for budget units."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jixiao.cli.check import add_policy

ORDER = 40


def register(commands: argparse._SubParsersAction) -> None:
    template = commands.add_parser(
        "template",
        help="生成自评表 Excel 填报模板",
        description=(
            "生成项目支出绩效自评表的 Excel 填报模板（.xlsx）：下拉选择一级、二级指标和定性结果，"
            "执行率、得分、总分由公式计算，栏目锁定，附填报说明。单位用 Excel 或 WPS 填好后交回，"
            "jixiao 可直接读取和审核。--from 可用已有的自评表（如上年的表）预先填好。"
        ),
    )
    template.add_argument("out", type=Path, metavar="OUT.xlsx", help="要写出的模板文件")
    add_policy(template)
    template.add_argument(
        "--from",
        dest="source",
        type=Path,
        metavar="PATH",
        help="用此文件中的自评表预先填写模板（任何 jixiao 能读的格式）",
    )
    template.add_argument(
        "--index",
        type=int,
        default=1,
        metavar="N",
        help="--from 的文件中有多张表时，用第 N 张（从 1 开始，默认 1）",
    )
    template.add_argument(
        "--rows",
        type=int,
        default=20,
        metavar="N",
        help="指标表的行数（默认 20；预填的表指标更多时按其条数）",
    )
    template.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from jixiao.model.form import Form
    from jixiao.scoring.policy import PolicyError, load_policy
    from jixiao.services.parse import parse_paths
    from jixiao.write.template_xlsx import write_template

    if args.out.suffix.lower() != ".xlsx":
        return _fail(f"输出文件应以 .xlsx 结尾：{args.out}")
    if not 1 <= args.rows <= 500:
        return _fail("--rows 应在 1 到 500 之间")
    try:
        policy = load_policy(args.policy)
    except PolicyError as exc:
        return _fail(exc.message)
    form: Form | None = None
    if args.source is not None:
        if args.source.is_dir():
            return _fail(f"--from 应为一个文件，而 {args.source} 是文件夹")
        parsed = parse_paths([args.source])
        if parsed.errors:
            return _fail(parsed.errors[0].message)
        if not 1 <= args.index <= len(parsed.forms):
            return _fail(
                f"{args.source.name} 中有 {len(parsed.forms)} 张自评表，没有第 {args.index} 张"
            )
        form = parsed.forms[args.index - 1]
    try:
        write_template(args.out, policy=policy, form=form, indicator_rows=args.rows)
    except OSError as exc:
        return _fail(f"无法写出 {args.out}：{exc.strerror or exc}")
    what = f"，已按“{form.project_name.text or '（无项目名称）'}”预先填写" if form else ""
    print(f"已写出自评表填报模板：{args.out}{what}")
    return 0


def _fail(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return 2
