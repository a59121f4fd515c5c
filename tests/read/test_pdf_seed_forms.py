"""Every seed form, printed to PDF as the paper layout and read back, is the same form again.

Long texts wrap inside their cells and the reader joins the wrapped lines again, so a value
written on one line comes back exactly. A PDF cannot tell a line break the writer typed from a
wrap when the line happens to fill its cell ("满意度\\n指标" in a narrow column, a sentence that
ends at the right edge): the reader joins such lines, so values of several lines are compared
with their whitespace left out.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from fixtures.pdf_writer import write_pdf
from form_values import values
from seeds import SEED_FILES, seed_forms

from jixiao.extract import extract_forms
from jixiao.read import read_file
from jixiao.write.layout import form_table

PREFIXES = [p.name[:3] for p in SEED_FILES]


def _squeezed(values: dict[str, Any]) -> dict[str, Any]:
    return {k: re.sub(r"\s+", "", v) if isinstance(v, str) else v for k, v in values.items()}


@pytest.mark.parametrize("prefix", PREFIXES)
def test_seed_forms_survive_a_pdf_with_one_table_per_form(prefix: str, tmp_path: Path) -> None:
    forms = seed_forms(prefix)
    path = tmp_path / "forms.pdf"
    write_pdf([form_table(f, i) for i, f in enumerate(forms)], path)
    doc = read_file(path)
    assert len({t.page for t in doc.tables}) >= len(forms)
    expected, got = values(forms), values(extract_forms(doc))
    assert _squeezed(got) == _squeezed(expected)
    one_line = {k: v for k, v in expected.items() if not (isinstance(v, str) and "\n" in v)}
    assert {k: got[k] for k in one_line} == one_line
