"""`jixiao export`: the forms in the official layout (Word, Excel) and as datasets (workbook,
CSV, Parquet), a Chinese line per file written, and the exit status when things go wrong."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook
from seeds import SAMPLES, all_seed_forms

from jixiao.cli import main
from jixiao.model.form import Form
from jixiao.services.parse import parse_paths

SEED_004 = str(SAMPLES / "004_b10b36a27f1da553.txt")


def declared(form: Form) -> dict[str, object]:
    """A form as declared, less where it came from (file, cells)."""
    data = form.to_json_dict()
    data.pop("source")
    data.pop("locations")
    return data


def test_it_writes_every_dataset_output_and_says_what_it_wrote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book, table, frame = tmp_path / "数据集.xlsx", tmp_path / "发现.csv", tmp_path / "发现.parquet"
    args = ["export", str(SAMPLES), "--no-progress", "--dataset", str(book)]
    args += ["--csv", str(table), "--parquet", str(frame), "--table", "findings"]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    findings = len(list(csv.reader(table.open(encoding="utf-8-sig")))) - 1
    assert findings > 0
    lines = captured.err.strip().splitlines()
    assert lines == [
        f"已写出 {book}：数据集工作簿，自评表 50 行，绩效指标 425 行，审核发现 {findings} 行",
        f"已写出 {table}：CSV，审核发现 {findings} 行",
        f"已写出 {frame}：Parquet，审核发现 {findings} 行",
    ]
    assert load_workbook(book, read_only=True).sheetnames == [
        "自评表",
        "绩效指标",
        "审核发现",
        "字段说明",
    ]
    assert pq.read_table(frame).num_rows == findings


def test_it_writes_the_indicators_table_by_default_under_the_chosen_policy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "指标.parquet"
    assert main(["export", SEED_004, "--parquet", str(out), "--policy", "mof-2020"]) == 0
    rows = pq.read_table(out).to_pylist()
    assert len(rows) == 10 + 15  # seed 004: 公共服务经费 and 民生家园建设经费 (fixtures)
    assert {r["form_key"] for r in rows} == {
        "004_b10b36a27f1da553.txt#0",
        "004_b10b36a27f1da553.txt#1",
    }
    forms = tmp_path / "表.csv"
    assert (
        main(["export", SEED_004, "--csv", str(forms), "--table", "forms", "--policy", "mof-2020"])
        == 0
    )
    record = next(csv.DictReader(forms.open(encoding="utf-8-sig")))
    assert record["policy"] == "mof-2020"
    assert Decimal(record["funds_score_computed"]) == Decimal("9.01")
    assert "已写出" in capsys.readouterr().err


def test_the_word_output_reads_back_as_the_same_fifty_seed_forms(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "自评表.docx"
    assert main(["export", str(SAMPLES), "--no-progress", "--docx", str(out)]) == 0
    assert f"已写出 {out}：Word 自评表，50 张" in capsys.readouterr().err
    assert main(["parse", str(out), "--strict"]) == 0
    back = parse_paths([out])
    assert back.errors == []
    assert [declared(f) for f in back.forms] == [declared(f) for f in all_seed_forms()]


def test_the_excel_output_reads_back_as_the_same_fifty_seed_forms(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "自评表.xlsx"
    assert (
        main(["export", str(SAMPLES), "--no-progress", "--xlsx", str(out), "--layout", "beijing"])
        == 0
    )
    assert f"已写出 {out}：Excel 自评表，50 张" in capsys.readouterr().err
    back = parse_paths([out])
    assert back.errors == []
    assert [declared(f) for f in back.forms] == [declared(f) for f in all_seed_forms()]


def test_it_asks_for_at_least_one_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", SEED_004]) == 2
    err = capsys.readouterr().err
    assert "请至少指定一个输出" in err and "--dataset" in err


def test_it_names_an_unknown_layout_before_reading_anything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.docx"
    assert main(["export", SEED_004, "--docx", str(out), "--layout", "上海"]) == 2
    err = capsys.readouterr().err
    assert "上海" in err and "beijing" in err
    assert not out.exists()


def test_it_names_an_unknown_policy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", SEED_004, "--csv", str(tmp_path / "x.csv"), "--policy", "nowhere"]) == 2
    assert "nowhere" in capsys.readouterr().err


def test_it_writes_what_it_read_and_names_the_files_it_could_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "坏文件.docx"
    broken.write_bytes(b"not a zip")
    out = tmp_path / "表.csv"
    assert main(["export", SEED_004, str(broken), "--csv", str(out), "--table", "forms"]) == 0
    err = capsys.readouterr().err
    assert "错误：" in err and "坏文件.docx" in err
    assert f"已写出 {out}：CSV，自评表 2 行" in err
    assert len(list(csv.reader(out.open(encoding="utf-8-sig")))) == 3


def test_it_fails_and_writes_nothing_when_no_form_could_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "空.txt"
    empty.write_text("", encoding="utf-8")
    out = tmp_path / "表.csv"
    assert main(["export", str(empty), str(tmp_path / "不存在.docx"), "--csv", str(out)]) == 1
    err = capsys.readouterr().err
    assert "空.txt" in err and "不存在.docx" in err
    assert "没有读出任何自评表，未写出文件" in err
    assert not out.exists()


def test_it_names_an_output_it_cannot_write_before_reading_anything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nowhere = tmp_path / "没有这个文件夹" / "表.csv"
    good = tmp_path / "表.parquet"
    assert main(["export", SEED_004, "--csv", str(nowhere), "--parquet", str(good)]) == 2
    err = capsys.readouterr().err
    assert f"错误：无法写出 {nowhere}：文件夹 {nowhere.parent} 不存在" in err
    assert not good.exists()  # said before reading anything, so nothing half done
    assert main(["export", SEED_004, "--dataset", str(tmp_path)]) == 2
    assert f"错误：无法写出 {tmp_path}：这是一个文件夹，请给出文件名" in capsys.readouterr().err


def test_it_is_listed_after_check_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.index("check") < out.index("export")
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = capsys.readouterr().out
    for flag in ("--docx", "--xlsx", "--dataset", "--csv", "--parquet", "--table", "--layout"):
        assert flag in out


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_it_says_which_output_the_system_refused_and_writes_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "表.parquet"
    assert main(["export", SEED_004, "--csv", "/dev/full", "--parquet", str(good)]) == 1
    err = capsys.readouterr().err
    assert "错误：未能写出 /dev/full：磁盘空间不足" in err
    assert good.exists() and f"已写出 {good}" in err
