"""docs/cli.md, the command-line reference, generated from the commands' own parsers.

`python -m jixiao.cli.reference` rewrites it; a test fails when it is stale, so the page says
what `jixiao … --help` says.
"""

from __future__ import annotations

import argparse
import os

from jixiao.docs import DOCS, write_page

DOC = DOCS / "cli.md"
WIDTH = "100"  # columns argparse wraps the help at, whatever the terminal


def reference_markdown() -> str:
    from jixiao.cli import build_parser

    before = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = WIDTH
    try:
        parser = build_parser()
        commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        lines = [
            "# 命令行参考",
            "",
            "本页由 `python -m jixiao.cli.reference` 根据各命令自己的帮助生成，与 `jixiao 命令 --help` 一致。",
            "",
        ]
        for choice in commands._choices_actions:
            lines.append(f"- [`jixiao {choice.dest}`](#jixiao-{choice.dest})：{choice.help}")
        lines += ["", "```text", parser.format_help().rstrip(), "```"]
        for name, sub in commands.choices.items():
            lines += ["", f"## jixiao {name}", "", "```text", sub.format_help().rstrip(), "```"]
        return "\n".join(lines) + "\n"
    finally:
        if before is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = before


def main(argv: list[str] | None = None) -> int:
    return write_page(DOC, reference_markdown(), argv)


if __name__ == "__main__":
    raise SystemExit(main())
