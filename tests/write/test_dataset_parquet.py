"""A dataset table as Parquet: the documented schema (decimal128 for money and scores, int64,
string, Chinese titles in the field metadata) and the same values as the table."""

from __future__ import annotations

import io
from decimal import Decimal
from functools import cache
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from seeds import all_seed_forms

from jixiao.scoring.policy import load_policy
from jixiao.services.check import CheckedForm, check_forms
from jixiao.write import datasets
from jixiao.write.datasets import COLUMNS, TABLES, table_rows, write_dataset_parquet

# the schema as docs/datasets.md documents it, written out by hand
DOCUMENTED = {
    "forms": {
        "form_key": pa.string(),
        "year": pa.int64(),
        "annual_budget": pa.string(),
        "annual_budget_number": pa.decimal128(38, 6),
        "execution_rate": pa.string(),
        "execution_rate_computed": pa.decimal128(38, 2),
        "funds_score_computed": pa.decimal128(38, 4),
        "total_score_computed": pa.decimal128(38, 4),
        "indicator_count": pa.int64(),
        "error_count": pa.int64(),
    },
    "indicators": {
        "form_key": pa.string(),
        "indicator_no": pa.int64(),
        "row": pa.int64(),
        "weight": pa.string(),
        "score": pa.string(),
        "target_number": pa.decimal128(38, 6),
        "score_computed": pa.decimal128(38, 4),
        "explanation": pa.string(),
    },
    "findings": {
        "form_key": pa.string(),
        "code": pa.string(),
        "severity": pa.string(),
        "indicator_no": pa.int64(),
    },
}


@cache
def checked() -> list[CheckedForm]:
    return check_forms(all_seed_forms(), load_policy("beijing"))


def written(tmp_path: Path, table: str) -> pa.Table:
    out = tmp_path / f"{table}.parquet"
    write_dataset_parquet(checked(), out, table=table)
    return pq.read_table(out)


@pytest.mark.parametrize("table", TABLES)
def test_it_has_the_documented_schema_with_chinese_titles(tmp_path: Path, table: str) -> None:
    schema = written(tmp_path, table).schema
    assert schema.names == [c.name for c in COLUMNS[table]]
    for name, type_ in DOCUMENTED[table].items():
        assert schema.field(name).type == type_, name
    for column in COLUMNS[table]:
        metadata = schema.field(column.name).metadata
        assert metadata[b"title"].decode() == column.title
        assert metadata[b"description"].decode() == column.description
    assert schema.metadata[b"table"] == table.encode()


@pytest.mark.parametrize("table", TABLES)
def test_it_reads_back_to_the_same_rows(tmp_path: Path, table: str) -> None:
    got = written(tmp_path, table).to_pylist()
    names = [c.name for c in COLUMNS[table]]
    want = [dict(zip(names, row, strict=True)) for row in table_rows(checked(), table)]
    assert got == want  # Decimal('9.0100') == Decimal('9.01'): the values, not their scale
    assert len(got) == {"forms": 50, "indicators": 425}.get(table, len(want))


def test_money_and_scores_are_exact_decimals(tmp_path: Path) -> None:
    forms = written(tmp_path, "forms").to_pylist()
    public = next(r for r in forms if r["project_name"] == "公共服务经费")
    assert public["execution_rate"] == "100%"
    assert public["execution_rate_computed"] == Decimal("90.10")
    assert public["funds_score_computed"] == Decimal("9.01")
    assert public["annual_budget_number"] == Decimal("2175.9657")
    assert isinstance(public["funds_score_computed"], Decimal)
    # in 万元 whatever the form was filled in: 000's 307800 元 is 30.78 万元, so the sum adds up
    total = sum(r["annual_budget_number"] or Decimal(0) for r in forms)
    assert total == sum(c.computed.annual_budget or Decimal(0) for c in checked())
    in_yuan = next(r for r in forms if r["annual_budget"] == "307800")
    assert in_yuan["annual_budget_number"] == Decimal("30.78")


def test_a_large_table_is_written_in_several_row_groups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(datasets, "PARQUET_BATCH", 100)
    out = tmp_path / "indicators.parquet"
    write_dataset_parquet(checked(), out)
    assert pq.ParquetFile(out).num_row_groups == 5  # 425 rows
    assert pq.read_table(out).column("indicator_no").to_pylist()[:3] == [1, 2, 3]


def test_it_writes_into_a_binary_stream_and_the_callers_keys(tmp_path: Path) -> None:
    stream = io.BytesIO()
    write_dataset_parquet(checked()[:3], stream, table="forms", form_keys=["a", "b", "c"])
    table = pq.read_table(io.BytesIO(stream.getvalue()))
    assert table.column("form_key").to_pylist() == ["a", "b", "c"]


@pytest.mark.parametrize("table", TABLES)
def test_an_empty_selection_gives_the_schema_and_no_rows(tmp_path: Path, table: str) -> None:
    out = tmp_path / "empty.parquet"
    write_dataset_parquet([], out, table=table)
    read = pq.read_table(out)
    assert read.num_rows == 0
    assert read.schema.names == [c.name for c in COLUMNS[table]]
