"""The written 申报表 open in a real office suite: LibreOffice prints the Word and the Excel
files to PDF, and jixiao reads each PDF back as the same 申报表 (values of several lines compared
with their whitespace left out: a PDF cannot tell a typed line break from a wrap). Two
LibreOffice runs, a few seconds each."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from office import convert

from jixiao.extract.targets import extract_targets
from jixiao.model.targets import TargetsForm
from jixiao.read import read_file
from jixiao.write.targets import targets_docx, targets_xlsx


def texts(t: TargetsForm) -> dict[str, str]:
    """Every non-empty declared text by its dotted path, whitespace left out."""
    out: dict[str, str] = {}

    def walk(prefix: str, value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(f"{prefix}{key}.", item)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(f"{prefix}{i}.", item)
        elif isinstance(value, str) and value:
            out[prefix.rstrip(".")] = re.sub(r"\s+", "", value)

    data = t.model_dump()
    data.pop("source")
    walk("", data)
    return out


@pytest.mark.parametrize(("name", "fmt"), [("split", "docx"), ("anzhen", "xlsx")])
def test_libreoffice_prints_the_written_targets_and_they_read_back(
    targets_files, tmp_path: Path, name: str, fmt: str
) -> None:
    (t,) = extract_targets(read_file(targets_files[name, "docx"]))
    source = tmp_path / f"申报表.{fmt}"
    source.write_bytes(targets_docx(t) if fmt == "docx" else targets_xlsx(t))
    pdf = convert(source, "pdf")
    (back,) = extract_targets(read_file(pdf))
    assert texts(back) == texts(t)
    assert back.project_name.text == t.project_name.text
    with pdfplumber.open(pdf) as document:
        first = document.pages[0].extract_text().split("\n")
    assert first[0] == t.title.text  # the title above the table, then the year
    assert first[1] == f"（{t.year}年度）"
