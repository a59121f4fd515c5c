"""A form printed as the paper layout reads back from PDF with the layout's rows and texts."""

from pathlib import Path

from fixtures.pdf_writer import write_pdf
from hand_form import hand_form

from jixiao.model.form import Declared, Form, Goals
from jixiao.model.grid import Table
from jixiao.read import read_file
from jixiao.write.layout import form_table

LONG = "目标一：保障市民服务中心正常运转，为辖区居民提供便捷高效的政务服务。" * 3


def a_form(copies: int = 1) -> Form:
    """The shared hand-made form, with goals long enough to wrap inside their cells."""
    form = hand_form(copies=copies)
    form.goals = Goals(expected=Declared(text=LONG), achieved=Declared(text=LONG[::-1]))
    return form


def texts(tables: list[Table]) -> list[list[str]]:
    return [[cell.text for cell in row] for table in tables for row in table.rows()]


def round_trip(form: Form, tmp_path: Path) -> tuple[Table, list[Table]]:
    table = form_table(form)
    path = tmp_path / "自评表.pdf"
    write_pdf([table], path)
    return table, read_file(path).tables


def test_a_form_on_one_page_reads_back_with_the_rows_of_the_layout(tmp_path):
    table, read = round_trip(a_form(), tmp_path)
    assert len(read) == 1
    assert texts(read) == texts([table])
    assert read[0].n_cols == 9


def test_a_form_longer_than_a_page_reads_back_as_one_table_over_its_pages(tmp_path):
    table, read = round_trip(a_form(copies=8), tmp_path)
    assert len(read) == 1
    pages = sorted({cell.loc.page for cell in read[0].cells if cell.loc})
    assert len(pages) > 1 and pages == list(range(1, len(pages) + 1))
    assert texts(read) == texts([table])
    assert read[0].n_rows == table.n_rows
