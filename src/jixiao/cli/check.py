"""`jixiao check`: score the forms and list what is wrong with them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from jixiao.cli.common import add_fail_on, add_inputs, failed, print_json, wrap

if TYPE_CHECKING:
    from jixiao.scoring.policy import Policy

ORDER = 20


def register(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser(
        "check",
        help="评分并审核自评表",
        description=(
            "读取自评表，按评分规则计算执行率、得分、总分和等级，与表中填报的值并列，"
            "并列出审核发现（错误、警告、提示）。"
        ),
    )
    add_inputs(check)
    add_policy(check, by_layout=True)
    check.add_argument(
        "--json", action="store_true", help="输出 JSON（parse 的文档加 computed 与 findings）"
    )
    check.add_argument(
        "--xlsx", type=Path, metavar="OUT", help="写出审核工作簿（自评表、审核发现两张表）"
    )
    add_fail_on(check)
    check.set_defaults(func=run)


def add_policy(command: argparse.ArgumentParser, *, by_layout: bool = False) -> None:
    """--policy; with `by_layout`, none given means each form under its layout's policy."""
    from jixiao.scoring.policy import available

    names = "、".join(available())
    command.add_argument(
        "--policy",
        default=None if by_layout else "beijing",
        metavar="NAME",
        help=(
            f"评分规则：内置 {names}，或自己的 .toml 文件路径；"
            + (
                "不指定时每张表按读出的表样选择（四川表用 sichuan、湖北表用 hubei 等，"
                "北京表、财政部通用表和无法识别的表用 beijing）"
                if by_layout
                else "默认 beijing"
            )
        ),
    )


def chosen_policy(args: argparse.Namespace) -> Policy | None:
    """The policy --policy names, or None (each form under its layout's); PolicyError if the
    name or file is wrong."""
    from jixiao.scoring.policy import load_policy

    return None if args.policy is None else load_policy(args.policy)


def run(args: argparse.Namespace) -> int:
    from jixiao.scoring.policy import PolicyError
    from jixiao.services.check import check_paths
    from jixiao.write.check_report import print_check

    try:
        policy = chosen_policy(args)
    except PolicyError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2
    result = check_paths(args.paths, policy, wrap=wrap(args))
    if args.json:
        print_json(result.to_json_dict(), result.errors)
    else:
        print_check(result, sys.stdout)
    if args.xlsx:
        from jixiao.write.review_xlsx import write_review_xlsx

        write_review_xlsx(result, args.xlsx)
        print(f"已写出审核工作簿：{args.xlsx}", file=sys.stderr)
    return 1 if failed(args, result.worst()) else 0
