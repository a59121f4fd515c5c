"""docs/datasets.md is generated from the column definitions and cannot drift from them."""

from __future__ import annotations

import csv
from pathlib import Path

from seeds import all_seed_forms

from jixiao.scoring.policy import load_policy
from jixiao.services.check import check_forms
from jixiao.write.datasets import (
    COLUMNS,
    DOC,
    TABLE_TITLES,
    TABLES,
    datasets_markdown,
    main,
    write_dataset_csv,
)

ROOT = Path(__file__).resolve().parents[2]


def test_docs_datasets_md_is_the_generated_reference() -> None:
    assert DOC == ROOT / "docs" / "datasets.md"
    assert DOC.read_text(encoding="utf-8") == datasets_markdown(), (
        "docs/datasets.md is stale: run `python -m jixiao.write.datasets`"
    )


def test_it_documents_every_table_and_column_with_title_type_and_example() -> None:
    text = datasets_markdown()
    assert text.startswith("# 数据集：自评表、绩效指标、审核发现\n")
    for table in TABLES:
        heading = f"## {table}（{TABLE_TITLES[table]}）"
        assert heading in text
        section = text.split(heading, 1)[1].split("\n## ", 1)[0]
        for column in COLUMNS[table]:
            line = next(x for x in section.splitlines() if x.startswith(f"| `{column.name}` |"))
            assert column.title in line and column.type_title in line
            assert column.description.replace("|", "\\|") in line
            if column.example:
                assert f"`{column.example}`" in line


def test_it_says_how_to_load_the_files() -> None:
    text = datasets_markdown()
    for words in ("pd.read_parquet", "pd.read_csv", "pd.read_excel", "read_csv(", "DuckDB", "BOM"):
        assert words in text


def test_every_column_has_a_chinese_title_description_and_a_known_type() -> None:
    for table in TABLES:
        names = [c.name for c in COLUMNS[table]]
        assert len(names) == len(set(names)), table
        assert names[:5] == ["form_key", "year", "project_name", "department", "implementing_unit"]
        for column in COLUMNS[table]:
            assert column.type in ("text", "decimal", "integer")
            assert column.title and column.description
            assert any("\u4e00" <= ch <= "\u9fff" for ch in column.title + column.description)
            assert (column.scale > 0) == (column.type == "decimal")


def test_main_writes_the_reference_where_it_is_told(tmp_path: Path, capsys) -> None:
    target = tmp_path / "datasets.md"
    assert main([str(target)]) == 0
    assert target.read_text(encoding="utf-8") == datasets_markdown()


def test_the_documented_examples_are_what_the_seed_rows_give(tmp_path: Path) -> None:
    """Examples: seed 004 公共服务经费 (forms, findings), seed 003 统计所经费's first indicator."""
    checked = check_forms(all_seed_forms(), load_policy("beijing"))
    chosen = {
        "forms": lambda r: r["project_name"] == "公共服务经费",
        "indicators": lambda r: r["project_name"] == "统计所经费" and r["indicator_no"] == "1",
        "findings": lambda r: (
            r["project_name"] == "公共服务经费" and r["code"] == "FUNDS_RATE_MISMATCH"
        ),
    }
    for table in TABLES:
        out = tmp_path / f"{table}.csv"
        write_dataset_csv(checked, out, table=table)
        with out.open(encoding="utf-8-sig", newline="") as fh:
            row = next(r for r in csv.DictReader(fh) if chosen[table](r))
        for column in COLUMNS[table]:
            if column.example.endswith("…"):  # a long value, shortened
                assert row[column.name].startswith(column.example[:-1]), column.name
            else:
                assert row[column.name] == column.example, (table, column.name)
