"""A form laid out as the paper table, written to .docx and read back, keeps every cell and span."""

import io

import pytest
from hand_form import hand_form

from jixiao.model.grid import Table
from jixiao.read.docx import read_docx
from jixiao.write.docx_grid import write_docx
from jixiao.write.layout import form_table


def row_texts(table: Table) -> list[list[tuple[int, str, bool]]]:
    return [[(c.col, c.text, c.continued) for c in row] for row in table.rows()]


def anchored(table: Table) -> list[tuple[int, int, int, int, str]]:
    return sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in table.cells)


@pytest.mark.parametrize("landscape", [False, True])
def test_a_written_form_reads_back_with_the_same_rows_and_spans(landscape: bool):
    layout = form_table(hand_form())
    buf = io.BytesIO()
    write_docx([layout], buf, landscape=landscape)
    doc = read_docx(buf.getvalue(), "form.docx", "0" * 64)

    assert len(doc.tables) == 1
    back = doc.tables[0]
    assert row_texts(back) == row_texts(layout)
    assert anchored(back) == anchored(layout)
    # the level-1 group 产出指标 spans its four indicator rows, written as the form wrote it
    level1 = next(c for c in back.cells if c.text == "产出标指")
    assert (level1.rowspan, level1.colspan) == (4, 1)


def test_several_tables_come_back_in_order_one_per_page(tmp_path):
    form = hand_form()
    other = hand_form("第二个项目")
    path = tmp_path / "two.docx"
    write_docx([form_table(form), form_table(other, index=1)], path)
    data = path.read_bytes()
    doc = read_docx(data, str(path), "0" * 64)
    assert [t.index for t in doc.tables] == [0, 1]
    assert doc.tables[1].cells[3].text == "第二个项目"
    assert b'w:type="page"' in _document_xml(data)
    assert anchored(doc.tables[1]) == anchored(form_table(other))


def _document_xml(data: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml")
