"""LibreOffice opens what jixiao writes: the workbook and the Word document convert to PDF."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from office import convert
from panel_seed import seed_result

from jixiao.panel.write import write_docx, write_xlsx


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_libreoffice_opens_the_sheet(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"panel{suffix}"
    (write_xlsx if suffix == ".xlsx" else write_docx)(seed_result(), path)
    pdf = convert(path, "pdf")
    with pdfplumber.open(pdf) as document:
        text = "".join(page.extract_text() or "" for page in document.pages)
    text = "".join(text.split())  # a narrow cell may wrap a name
    assert "立项依据充分性" in text and "郭家义" in text
    assert "83.72" in text and "418.6" in text
