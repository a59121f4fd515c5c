"""`jixiao targets`: read the 绩效目标申报表 in files and folders and review their quality."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from jixiao.cli.check import add_policy
from jixiao.cli.common import add_fail_on, add_inputs, failed, fit, print_json, wrap
from jixiao.model.finding import Finding, worst
from jixiao.model.form import FileError
from jixiao.model.targets import TargetsForm

ORDER = 25
_KINDS = {"self": "自评表", "monitoring": "绩效运行监控表"}


def register(commands: argparse._SubParsersAction) -> None:
    targets = commands.add_parser(
        "targets",
        help="读取并审核文件中的绩效目标申报表",
        description=(
            "读取文件或文件夹（递归）中的项目支出绩效目标申报表（Word、Excel、PDF 等，格式同 parse），"
            "按财预〔2021〕101号的要求审核目标质量：指向明确、细化量化、合理可行、相互匹配。"
            "默认每张申报表一行并列出审核发现；--json 输出完整数据；--template 写出 Excel 填报模板。"
        ),
    )
    add_inputs(targets)
    targets.add_argument("--json", action="store_true", help="输出 JSON 文档（targets 与 errors）")
    targets.add_argument(
        "--template",
        type=Path,
        metavar="OUT.xlsx",
        help="另写出一份空白的申报表 Excel 填报模板（官方版式，每个二级指标一行）",
    )
    add_policy(targets)
    add_fail_on(targets)
    targets.set_defaults(func=run)


def read_targets(path: Path) -> tuple[list[TargetsForm], FileError | None]:
    """The 申报表 of one file, or why there are none (the file's kind when it is another
    document), in Chinese; nothing a file contains raises."""
    from jixiao.extract.kinds import document_kind
    from jixiao.extract.targets import extract_targets
    from jixiao.read import ReadError, read_file
    from jixiao.read.sandbox import run_limited

    try:
        document = run_limited(read_file, path)  # a child process, within the limits
        found = extract_targets(document)
    except ReadError as exc:
        return [], FileError(file=str(path), message=f"{path.name}：{exc.reason}")
    except Exception as exc:  # a bug in jixiao must not stop the batch  # noqa: BLE001
        return [], FileError(
            file=str(path),
            message=f"{path.name}：读取时出现意外错误（{type(exc).__name__}），已跳过；请把此文件反馈给维护者",
        )
    if found:
        return found, None
    kind = document_kind(document)
    why = (
        f"这是一份{_KINDS[kind]}，不是申报表"
        if kind in _KINDS
        else "没有读出项目名称和年度目标或绩效指标"
    )
    return [], FileError(file=str(path), message=f"{path.name}：未找到绩效目标申报表（{why}）")


def run(args: argparse.Namespace) -> int:
    from jixiao.review.target_quality import review_targets
    from jixiao.scoring.policy import PolicyError, load_policy
    from jixiao.services.parse import iter_files

    try:
        policy = load_policy(args.policy)
    except PolicyError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2
    files = list(iter_files(args.paths))
    wrapper = wrap(args)
    reviewed: list[tuple[TargetsForm, list[Finding]]] = []
    errors: list[FileError] = []
    for path in wrapper(files) if wrapper else files:
        found, error = read_targets(path)
        if error is not None:
            errors.append(error)
        reviewed += [(t, review_targets(t, policy)) for t in found]
    if args.json:
        document = {
            "targets": [
                t.to_json_dict() | {"findings": [f.model_dump() for f in findings]}
                for t, findings in reviewed
            ],
            "errors": [e.model_dump() for e in errors],
        }
        print_json(document, errors)
    else:
        print_targets(reviewed, errors, len(files))
    if args.template:
        from jixiao.write.targets import targets_template_xlsx

        args.template.write_bytes(targets_template_xlsx())
        print(f"已写出申报表填报模板：{args.template}", file=sys.stderr)
    every = [f for _, findings in reviewed for f in findings]
    return 1 if failed(args, worst(every)) else 0


def targets_line(t: TargetsForm, findings: list[Finding]) -> str:
    unit = t.funds.unit.text or "万元"
    cols = [
        (Path(t.source.file).name, 28),
        (str(t.year or "—"), 5),
        (t.project_name.text or "（无项目名称）", 36),
        (f"资金 {t.funds.total.text or '—'} {unit}", 22),
        (f"指标 {len(t.indicators)}", 8),
        (f"发现 {len(findings)}", 0),
    ]
    return " ".join(fit(text, width) if width else text for text, width in cols)


def print_targets(
    reviewed: list[tuple[TargetsForm, list[Finding]]],
    errors: list[FileError],
    files: int,
    stream: TextIO | None = None,
) -> None:
    stream = stream or sys.stdout
    for t, findings in reviewed:
        print(targets_line(t, findings), file=stream)
        for f in findings:
            print(f"  [{f.severity.label}] {f.code} {f.location}：{f.message}", file=stream)
    summary = f"共 {files} 个文件，读出 {len(reviewed)} 张绩效目标申报表"
    if errors:
        summary += f"，{len(errors)} 个文件未读出"
    print(summary, file=stream)
    for error in errors:
        print(f"  错误：{error.message}", file=stream)
