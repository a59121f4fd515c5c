"""LibreOffice opens the dataset workbook and the CSV as a person's office suite would: every
sheet and row arrives, numbers stay numbers, Chinese stays Chinese, and text that looks like a
formula is not run. (Two conversions: they take seconds each.)"""

from __future__ import annotations

import subprocess
from pathlib import Path

from office import TIMEOUT_SECONDS, convert, soffice
from openpyxl import load_workbook
from seeds import all_seed_forms, seed_forms

from jixiao.model.form import Declared
from jixiao.scoring.policy import load_policy
from jixiao.services.check import check_forms
from jixiao.write.datasets import COLUMNS, write_dataset_csv, write_dataset_xlsx


def open_csv_as_a_person_would(source: Path) -> Path:
    """LibreOffice's CSV import with what its dialog offers for this file: comma, double quote,
    UTF-8 (76), from line 1. Headless, without these options, it would assume Windows-1252."""
    outdir = source.parent / "converted"
    profile = source.parent / ".lo-profile-csv"
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--infilter=CSV:44,34,76,1",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(outdir),
            str(source),
        ],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    out = outdir / f"{source.stem}.xlsx"
    assert out.exists(), "LibreOffice could not open the CSV"
    return out


def forms_with_a_formula_in_a_name():  # noqa: ANN201
    trap = seed_forms("004")[1].model_copy(update={"project_name": Declared(text="=1+1")})
    return check_forms([*all_seed_forms(), trap], load_policy("beijing"))


def test_libreoffice_opens_the_dataset_workbook_with_every_sheet_and_number(
    tmp_path: Path,
) -> None:
    checked = forms_with_a_formula_in_a_name()
    source = tmp_path / "dataset.xlsx"
    write_dataset_xlsx(checked, source)
    book = load_workbook(convert(source, "xlsx"))  # what LibreOffice made of it, saved again
    assert book.sheetnames == ["自评表", "绩效指标", "审核发现", "字段说明"]
    forms = book["自评表"]
    assert forms.max_row == 1 + 51
    assert book["绩效指标"].max_row == 1 + 425 + len(checked[-1].form.indicators)
    header = [c.value for c in forms[1]]
    rows = list(forms.iter_rows(min_row=2, values_only=True))
    public = next(r for r in rows if r[2] == "公共服务经费")
    assert public[header.index("执行得分（计算）")] == 9.01
    assert public[header.index("执行率（填报）")] == "100%"
    assert rows[-1][2] == "=1+1"  # still the text, not 2


def test_libreoffice_opens_the_csv_with_the_chinese_intact(tmp_path: Path) -> None:
    checked = forms_with_a_formula_in_a_name()
    source = tmp_path / "forms.csv"
    write_dataset_csv(checked, source, table="forms")
    sheet = load_workbook(open_csv_as_a_person_would(source)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [c.name for c in COLUMNS["forms"]]
    assert len(rows) == 1 + 51
    assert any(r[2] == "公共服务经费" and r[3] == "安贞街道办事处" for r in rows)
    # LibreOffice runs a CSV cell =1+1 as a formula; the ' in front keeps it text
    trap = sheet.cell(sheet.max_row, 3)
    assert trap.value == "'=1+1" and trap.data_type == "s"
