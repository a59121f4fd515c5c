"""docs/cli.md is generated from the commands' parsers and cannot drift from `--help`."""

from __future__ import annotations

from pathlib import Path

from jixiao.cli import command_modules
from jixiao.cli.reference import DOC, reference_markdown

ROOT = Path(__file__).resolve().parents[2]


def test_docs_cli_md_is_the_generated_reference() -> None:
    assert DOC == ROOT / "docs" / "cli.md"
    assert DOC.read_text(encoding="utf-8") == reference_markdown(), (
        "docs/cli.md is stale: run `python -m jixiao.cli.reference`"
    )


def test_every_command_has_its_section() -> None:
    page = reference_markdown()
    names = [m.__name__.rsplit(".", 1)[1] for m in command_modules()]
    assert names[:2] == ["parse", "check"]
    for name in names:
        assert f"\n## jixiao {name}\n" in page
        assert f"usage: jixiao {name}" in page
