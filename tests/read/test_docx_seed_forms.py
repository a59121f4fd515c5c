"""Every seed form survives being written to Word and read back: same declared values.

The seeds' forms are laid out as the paper form, written several to a .docx (one per page),
read with `read_file` and extracted again; the result must equal the forms the text gave.
"""

from dataclasses import replace
from pathlib import Path

import pytest
from seeds import SEED_FILES, seed_forms

from jixiao.extract import extract_forms
from jixiao.model.form import Form
from jixiao.model.grid import Table
from jixiao.read import read_file
from jixiao.write.docx_grid import write_docx
from jixiao.write.layout import form_table

PREFIXES = [p.name[:3] for p in SEED_FILES]


def declared(forms: list[Form]) -> list[dict]:
    return [f.model_dump(exclude={"source"}) for f in forms]


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_seeds_forms_read_back_from_word_unchanged(prefix: str, tmp_path: Path):
    forms = seed_forms(prefix)
    assert forms, "the seed gives forms"
    path = tmp_path / f"{prefix}.docx"
    write_docx([form_table(f, i) for i, f in enumerate(forms)], path)

    doc = read_file(path)
    assert doc.format == "docx" and len(doc.tables) == len(forms)
    back = extract_forms(doc)
    assert declared(back) == declared(forms)
    assert [f.source.format for f in back] == ["docx"] * len(forms)


def split(table: Table, at: int) -> tuple[Table, Table]:
    """The table cut before row ``at`` (an indicator row); the second part repeats the header.

    A merged cell the cut goes through ends at the cut and goes on as an empty merged cell on
    the new page, as Word does when a table is split.
    """
    header = next(c.row for c in table.cells if c.text == "一级指标")
    first = Table(index=0)
    second = Table(index=1)
    for c in table.cells:
        end = c.row + c.rowspan
        if c.row < at:
            first.cells.append(replace(c, rowspan=min(end, at) - c.row))
        if c.row == header:  # the repeated header; the 绩效指标 column reaches down again
            second.cells.append(replace(c, row=0, rowspan=end - at + 1 if end > at else 1))
        elif c.row >= at:
            second.cells.append(replace(c, row=c.row - at + 1))
        elif end > at:
            second.cells.append(replace(c, text="", row=1, rowspan=end - at))
    return first, second


@pytest.mark.parametrize("cut", [1, 2, 4, 6])
def test_a_form_split_over_two_tables_reads_as_the_same_form(cut: int, tmp_path: Path):
    form = max(seed_forms("002") + seed_forms("003"), key=lambda f: len(f.indicators))
    table = form_table(form)
    header = next(c.row for c in table.cells if c.text == "一级指标")
    first, second = split(table, header + 1 + cut)
    assert second.cells[0].text.startswith("绩") and second.cells[1].text == "一级指标"
    path = tmp_path / "split.docx"
    write_docx([first, second], path)

    doc = read_file(path)
    assert len(doc.tables) == 2
    assert declared(extract_forms(doc)) == declared([form])
