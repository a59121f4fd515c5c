"""Every seed form written to Word and printed to PDF by LibreOffice reads back as from the .docx.

LibreOffice lets a page break cut a table row in two: the row's cells go on, closed, at the top
of the next page, most of them empty. Read as a row of its own, the cut text became extra
indicators without weights (seed 002's forms read 154 indicators instead of 142). The reader
joins such a row back to the row above the break.

办事处事权补助资金 (seed 003) has goals longer than a page: the break cuts the goals row, whose
rest opens a page where the indicator rows below divide a column the rows above do not, and
then cuts the row of column labels after its first line. Both are joined again too.

The .docx and its PDF are made once per test session. Values that run over several lines are
compared with their whitespace left out: a PDF cannot tell a line break typed in a cell from a
wrap at the cell's edge.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from form_values import values
from office import convert
from seeds import SEED_FILES, seed_forms

from jixiao.extract import extract_forms
from jixiao.read import read_file
from jixiao.write.docx_grid import write_docx
from jixiao.write.layout import form_table

PREFIXES = [p.name[:3] for p in SEED_FILES]


@pytest.fixture(scope="session")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Each seed's forms as a .docx (one form a page) and that .docx printed to PDF."""
    folder = tmp_path_factory.mktemp("printed")
    out = {}
    for prefix in PREFIXES:
        source = folder / f"{prefix}.docx"
        write_docx([form_table(f, i) for i, f in enumerate(seed_forms(prefix))], source)
        out[prefix] = (source, convert(source, "pdf"))
    return out


def _squeezed(found: dict[str, Any]) -> dict[str, Any]:
    return {k: re.sub(r"\s+", "", v) if isinstance(v, str) else v for k, v in found.items()}


@pytest.mark.parametrize("prefix", PREFIXES)
def test_every_seed_form_printed_from_word_reads_as_from_word(
    prefix: str, printed: dict[str, tuple[Path, Path]]
) -> None:
    docx, pdf = printed[prefix]
    from_word = extract_forms(read_file(docx))
    from_pdf = extract_forms(read_file(pdf))
    assert [f.project_name.text for f in from_pdf] == [f.project_name.text for f in from_word]
    word, paper = from_word, from_pdf
    for w, p in zip(word, paper, strict=True):  # every indicator, with a weight or without
        assert [re.sub(r"\s+", "", i.name.text) for i in p.indicators] == [
            re.sub(r"\s+", "", i.name.text) for i in w.indicators
        ], w.project_name.text
    assert _squeezed(values(paper)) == _squeezed(values(word))


def test_the_cut_rows_of_seed_002_no_longer_make_indicators(
    printed: dict[str, tuple[Path, Path]],
) -> None:
    """The issue's case: 142 indicators from the .docx, 154 from the PDF before the fix; the
    website form read 20 instead of 18."""
    forms = extract_forms(read_file(printed["002"][1]))
    assert sum(len(f.indicators) for f in forms) == 142
    site = next(f for f in forms if f.project_name.text.startswith("政管办区政府网站"))
    assert len(site.indicators) == 18
    assert all(i.weight.text for i in site.indicators)


def test_a_row_cut_in_two_is_one_row_with_its_text_whole(
    printed: dict[str, tuple[Path, Path]],
) -> None:
    """Seed 000's only form: the 产出数量指标 row is cut by the break after its first lines;
    its target reads whole, on one row, and the table has no row of empty names."""
    doc = read_file(printed["000"][1])
    (table,) = doc.tables
    target = next(c for c in table.cells if c.text.startswith("1.制作大厅宣传折页"))
    assert "3.1000元/年用于邮寄办事群众信件" in re.sub(r"\s+", "", target.text)
    assert target.rowspan == 1
    pages = {c.loc.page for c in table.cells if c.loc is not None}
    assert pages == {1, 2}
    (form,) = extract_forms(doc)
    (word,) = seed_forms("000")
    assert [re.sub(r"\s+", "", i.name.text) for i in form.indicators] == [
        i.name.text for i in word.indicators
    ]
