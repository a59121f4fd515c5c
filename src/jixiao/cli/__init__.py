"""The `jixiao` command.

Each sub-command is a module of this package with `ORDER` (its place in `jixiao --help`) and
`register(commands)`, which adds its parser; adding a command is adding a module.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from jixiao import __version__


def command_modules() -> list[object]:
    """The sub-command modules, in their help order."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "register"):
            found.append(module)
    return sorted(found, key=lambda m: m.ORDER)  # type: ignore[attr-defined]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jixiao",
        description="jixiao（绩效）：读取、评分、审核项目支出绩效自评表，导出表格、数据与报告",
    )
    parser.add_argument("--version", action="version", version=f"jixiao {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="命令", required=True)
    for module in command_modules():
        module.register(commands)  # type: ignore[attr-defined]
    return parser


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
