"""The rule catalogue in docs/ is generated from the registry and cannot drift."""

from __future__ import annotations

from pathlib import Path

from jixiao.review import all_rules
from jixiao.review.catalogue import DOC, catalogue_markdown, main

ROOT = Path(__file__).resolve().parents[2]


def test_docs_rules_md_is_the_generated_catalogue():
    assert DOC == ROOT / "docs" / "rules.md"
    assert DOC.read_text(encoding="utf-8") == catalogue_markdown(), (
        "docs/rules.md is stale: run `python -m jixiao.review.catalogue`"
    )


def test_the_catalogue_lists_every_rule_with_its_severity_and_example():
    text = catalogue_markdown()
    assert text.startswith("# 审核规则目录\n")
    for found in all_rules():
        assert f"### {found.code}：{found.title}" in text
        assert found.example in text and found.checks in text


def test_main_writes_the_catalogue_where_it_is_told(tmp_path):
    target = tmp_path / "rules.md"
    assert main([str(target)]) == 0
    assert target.read_text(encoding="utf-8") == catalogue_markdown()
