"""`jixiao accounts`: check the figures in a final-accounts narrative (部门决算说明)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from jixiao.cli.common import add_fail_on, failed

if TYPE_CHECKING:
    from jixiao.final_accounts import AccountsCheck, Claim

ORDER = 70

MARKS = {True: "✓", False: "✗", None: "?"}


def register(commands: argparse._SubParsersAction) -> None:
    accounts = commands.add_parser(
        "accounts",
        help="核对决算说明中的数字",
        description=(
            "读取部门决算说明（文本或 Word；整份公开材料时只看“部门决算说明”和“其他重要事项的情况说明”"
            "两部分），找出其中的金额、增减额、增减率、占比、分项合计和年度，逐条核算："
            "✓ 相符，✗ 不符，? 无从核对。"
        ),
    )
    accounts.add_argument("path", type=Path, metavar="PATH", help="决算说明文件（.txt/.docx）")
    accounts.add_argument(
        "--json", action="store_true", help="输出 JSON（claims 与 findings，数字为字符串）"
    )
    accounts.add_argument(
        "--year", type=int, metavar="YYYY", help="决算年度（默认从标题或正文中识别）"
    )
    accounts.add_argument("--wrong-only", action="store_true", help="只列出不符的说法")
    add_fail_on(accounts)
    accounts.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from jixiao.final_accounts import check_path
    from jixiao.read import ReadError

    path: Path = args.path
    try:
        result = check_path(path, args.year)
    except ReadError as exc:
        message = f"{path.name}：{exc.reason}"
        if args.json:
            document = {
                "claims": [],
                "findings": [],
                "errors": [{"file": str(path), "message": message}],
            }
            json.dump(document, sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
        print(f"错误：{message}", file=sys.stderr)
        return 2
    if args.json:
        json.dump(result.to_json_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print_accounts(result, sys.stdout, wrong_only=args.wrong_only)
    return 1 if failed(args, result.worst()) else 0


def print_accounts(result: AccountsCheck, out: TextIO, wrong_only: bool = False) -> None:
    from jixiao.final_accounts import CLAIM_TYPES

    narrative = result.narrative
    year = f"{narrative.year}年度" if narrative.year else "年度未识别"
    print(f"■ {Path(narrative.file).name}（{year}决算说明）", file=out)
    if narrative.sections:
        print(f"  核对部分：{'、'.join(narrative.sections)}", file=out)
    for claim in result.claims:
        if wrong_only and claim.ok is not False:
            continue
        title = CLAIM_TYPES[claim.kind].title
        print(
            f"{MARKS[claim.ok]} {claim.location.paragraph.describe():<6} {title}  {claim.text}",
            file=out,
        )
        print(
            f"      文中 {_figure(claim, claim.stated)}  计算 {_computed(claim)}  {claim.explanation}",
            file=out,
        )
    counts = result.counts()
    print(
        f"共 {len(result.claims)} 处数字说法：相符 {counts['ok']}，不符 {counts['wrong']}，"
        f"无从核对 {counts['unchecked']}",
        file=out,
    )
    if result.findings:
        print("审核发现：", file=out)
    for finding in result.findings:
        print(f"  [{finding.severity.label}] {finding.code}  {finding.message}", file=out)
        print(f"      位置：{finding.location}", file=out)


def _figure(claim: Claim, value: object) -> str:
    if value is None:
        return "—"
    if claim.unit == "%":
        return f"{value}%"
    if claim.unit == "年":
        return f"{value}年"
    return f"{value}{claim.unit}"


def _computed(claim: Claim) -> str:
    return _figure(claim, claim.computed)
