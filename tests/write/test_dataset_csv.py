"""A dataset table as CSV: UTF-8 with a BOM so Excel shows the Chinese, \\r\\n line ends, the
csv module's quoting, the column names as the header, and the same rows as the table."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from functools import cache
from pathlib import Path

from seeds import all_seed_forms

from jixiao.scoring.policy import load_policy
from jixiao.services.check import CheckedForm, check_forms
from jixiao.write.datasets import COLUMNS, TABLES, write_dataset_csv

BOM = b"\xef\xbb\xbf"


@cache
def checked() -> list[CheckedForm]:
    return check_forms(all_seed_forms(), load_policy("beijing"))


def read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_it_starts_with_the_bom_and_ends_every_line_with_crlf(tmp_path: Path) -> None:
    out = tmp_path / "指标.csv"
    write_dataset_csv(checked(), out)
    data = out.read_bytes()
    assert data.startswith(BOM + b"form_key,year,project_name,")
    assert data.endswith(b"\r\n")
    assert data.count(b"\r\n") >= 426  # header + 425 indicators (cells may hold more lines)
    header = data[len(BOM) :].split(b"\r\n", 1)[0].decode("utf-8")
    assert header.split(",") == [c.name for c in COLUMNS["indicators"]]


def test_each_table_reads_back_with_the_csv_module_to_one_row_per_item(tmp_path: Path) -> None:
    counts = {
        "forms": 50,
        "indicators": 425,
        "findings": sum(len(c.findings) for c in checked()),
    }
    for table in TABLES:
        out = tmp_path / f"{table}.csv"
        write_dataset_csv(checked(), out, table=table)
        rows = read(out)
        assert rows[0] == [c.name for c in COLUMNS[table]]
        assert len(rows) - 1 == counts[table], table
        assert all(len(r) == len(rows[0]) for r in rows)


def test_it_writes_the_values_as_a_person_reads_them(tmp_path: Path) -> None:
    out = tmp_path / "自评表.csv"
    write_dataset_csv(checked(), out, table="forms")
    rows = read(out)
    header = rows[0]
    form = dict(zip(header, next(r for r in rows if r[2] == "公共服务经费"), strict=True))
    assert form["form_key"] == "004_b10b36a27f1da553.txt#0"
    assert form["execution_rate"] == "100%"  # declared, as written
    assert form["execution_rate_computed"] == "90.10"  # computed, percent
    assert form["funds_score_computed"] == "9.01"
    assert Decimal(form["total_score_computed"]) == Decimal("99.01")
    assert form["total_score"] == "1000"
    assert form["grade"] == "优"
    clean = dict(zip(header, next(r for r in rows if r[2] == "市民服务中心工作经费"), strict=True))
    assert clean["year"] == "2024" and clean["indicator_count"] == "3"


def test_a_cell_with_line_breaks_is_quoted_and_reads_back_whole(tmp_path: Path) -> None:
    out = tmp_path / "指标.csv"
    write_dataset_csv(checked(), out)
    rows = read(out)
    level1_text = rows[0].index("level1_text")
    assert any(r[level1_text] == "产出指标\n（50分）" for r in rows[1:])
    assert '"产出指标\n（50分）"'.encode() in out.read_bytes()


def test_it_writes_into_a_binary_stream_and_leaves_it_open() -> None:
    stream = io.BytesIO()
    write_dataset_csv(checked(), stream, table="findings")
    assert not stream.closed
    text = stream.getvalue().decode("utf-8-sig")
    assert text.startswith("form_key,year,") and "FUNDS_RATE_MISMATCH" in text


def test_the_callers_keys_go_into_the_first_column(tmp_path: Path) -> None:
    out = tmp_path / "forms.csv"
    one = checked()[:2]
    write_dataset_csv(one, out, table="forms", form_keys=["17", "18"])
    assert [r[0] for r in read(out)] == ["form_key", "17", "18"]


def test_an_empty_selection_gives_the_header_only(tmp_path: Path) -> None:
    for table in TABLES:
        out = tmp_path / f"{table}.csv"
        write_dataset_csv([], out, table=table)
        assert out.read_bytes() == BOM + ",".join(c.name for c in COLUMNS[table]).encode() + b"\r\n"
