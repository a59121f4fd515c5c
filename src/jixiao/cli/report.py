"""`jixiao report`: a department's overall evaluation (部门整体绩效评价) as a Word report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jixiao.cli.check import add_policy
from jixiao.cli.common import add_inputs, print_json, wrap

ORDER = 50


def register(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser(
        "report",
        help="生成部门整体绩效评价报告（Word）",
        description=(
            "汇总一个部门某年度的项目支出绩效自评表（按“主管部门”匹配），结合部门的预算执行数据"
            "（--figures）计算预算执行率、结转结余率、预决算差异率和整体得分，写出 Word 报告，"
            "并在屏幕上列出评价摘要。"
        ),
    )
    add_inputs(report)
    report.add_argument(
        "--department",
        required=True,
        metavar="名称",
        help="部门名称（与自评表的主管部门相同或包含于其中）",
    )
    report.add_argument("--year", required=True, type=int, metavar="年度", help="评价年度，如 2021")
    report.add_argument("-o", "--output", type=Path, metavar="OUT.docx", help="写出的 Word 报告")
    report.add_argument(
        "--figures",
        type=Path,
        metavar="FILE.toml",
        help="部门数据（基本支出、项目支出的预算数和执行数、年末结转结余、决算数），"
        "示例见 src/jixiao/department/examples/fengtai-2021.toml",
    )
    add_policy(report)
    report.add_argument("--json", action="store_true", help="以 JSON 输出评价结果")
    report.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from jixiao.department.evaluation import (
        NoSuchDepartment,
        evaluate_department,
        select_department,
    )
    from jixiao.department.figures import FiguresError, load_figures
    from jixiao.department.report import ReportError, write_department_report
    from jixiao.department.summary import print_summary
    from jixiao.scoring.policy import PolicyError, load_policy
    from jixiao.services.check import check_paths

    if args.output is None and not args.json:
        print(
            "错误：请用 -o 指定要写出的 Word 报告（如 -o 报告.docx），或用 --json 只输出结果",
            file=sys.stderr,
        )
        return 2
    if args.output is not None and args.output.suffix.lower() != ".docx":
        print(f"错误：报告文件 {args.output} 应以 .docx 结尾", file=sys.stderr)
        return 2
    try:
        policy = load_policy(args.policy)
        figures = load_figures(args.figures) if args.figures else None
    except (PolicyError, FiguresError) as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2
    result = check_paths(args.paths, policy, wrap=wrap(args))
    for error in result.errors:
        print(f"未读出：{error.message}", file=sys.stderr)
    try:
        name, forms = select_department(args.department, args.year, result.forms)
        evaluation = evaluate_department(name, args.year, forms, figures, policy)
    except (NoSuchDepartment, FiguresError) as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2
    if args.json:
        print_json(evaluation.to_json_dict(), [])
    else:
        print_summary(evaluation, sys.stdout)
    if args.output is not None:
        try:
            write_department_report(evaluation, args.output)
        except ReportError as exc:
            print(f"错误：{exc.message}", file=sys.stderr)
            return 2
        except OSError as exc:
            print(f"错误：无法写出 {args.output}：{exc.strerror or exc}", file=sys.stderr)
            return 2
        print(f"已写出部门评价报告：{args.output}", file=sys.stderr)
    return 0
