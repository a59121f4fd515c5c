"""`jixiao panel`: compute an expert panel's score sheet and check the report's figures."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ORDER = 60
SHEET = "sheet"  # --framework sheet: each sheet's own indicators and weights


def register(commands: argparse._SubParsersAction) -> None:
    panel = commands.add_parser(
        "panel",
        help="计算专家评分表并核对评价报告中的数字",
        description=(
            "读取项目支出绩效评价报告（或单独的专家评分表），逐行计算合计、平均分、各专家总分、"
            "总分与平均总分，按指标体系计算各级指标得分、失分率和评价等级，"
            "并与表中和报告正文中写明的数字逐一核对。"
        ),
    )
    panel.add_argument(
        "path", type=Path, metavar="PATH", help="报告或评分表文件（.txt/.docx/.xlsx 等）"
    )
    panel.add_argument(
        "--framework",
        default="project",
        metavar="NAME|FILE",
        help="指标体系：内置 project（默认，样例 002 的体系）；sheet 表示按评分表自身的指标和分值；"
        "或自己的 .toml 文件路径",
    )
    panel.add_argument("--json", action="store_true", help="输出 JSON")
    panel.add_argument("--xlsx", type=Path, metavar="OUT", help="把计算后的评分表写成 Excel 工作簿")
    panel.add_argument("--docx", type=Path, metavar="OUT", help="把计算后的评分表写成 Word 文档")
    panel.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from jixiao.cli.common import print_json
    from jixiao.panel.check import check_path
    from jixiao.panel.framework import FrameworkError, load_framework
    from jixiao.panel.text import print_result

    try:
        framework = None if args.framework == SHEET else load_framework(args.framework)
    except FrameworkError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2
    if not args.path.exists():
        print(f"错误：找不到文件 {args.path}", file=sys.stderr)
        return 2
    if args.path.is_dir():
        print(f"错误：{args.path} 是文件夹；请给出一个报告或评分表文件", file=sys.stderr)
        return 2
    run_ = check_path(args.path, framework)
    if args.json:
        print_json(run_.to_json_dict(), run_.errors)
    else:
        for i, result in enumerate(run_.results):
            if i:
                print()
            print_result(result, sys.stdout)
        for error in run_.errors:
            print(f"错误：{error.message}", file=sys.stderr)
    for out, kind in ((args.xlsx, "xlsx"), (args.docx, "docx")):
        if out is None or not run_.results:
            continue
        from jixiao.panel import write

        writer = write.write_xlsx if kind == "xlsx" else write.write_docx
        for i, result in enumerate(run_.results):
            target = out if i == 0 else out.with_name(f"{out.stem}-{i + 1}{out.suffix}")
            writer(result, target)
            print(f"已写出：{target}", file=sys.stderr)
    return 1 if run_.errors and not run_.results else 0
