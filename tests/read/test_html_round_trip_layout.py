"""A form laid out as the paper form, written as an HTML page and read back, keeps every cell."""

from __future__ import annotations

from hand_form import hand_form, shape

from jixiao.read.html import read_html
from jixiao.write.html_grid import write_html
from jixiao.write.layout import form_table


def test_the_read_table_has_the_layouts_rows_texts_and_spans() -> None:
    layout = form_table(hand_form())
    doc = read_html(write_html([layout]).encode("utf-8"), "form.html", "h")
    assert len(doc.tables) == 1
    assert shape(doc.tables[0]) == shape(layout)


def test_several_forms_on_one_page_read_as_several_tables_in_order() -> None:
    layouts = [form_table(hand_form("项目甲")), form_table(hand_form("项目乙"))]
    doc = read_html(write_html(layouts).encode("utf-8"), "forms.html", "h")
    assert [shape(t) for t in doc.tables] == [shape(t) for t in layouts]
    assert [t.index for t in doc.tables] == [0, 1]


def test_markup_in_cell_text_is_escaped_and_newlines_become_br() -> None:
    layout = form_table(hand_form("<b>项目</b> & 子项"))
    page = write_html([layout])
    assert "&lt;b&gt;项目&lt;/b&gt; &amp; 子项" in page
    assert "保障驿站正常运营。<br>为老人提供助餐服务。" in page
    doc = read_html(page.encode("utf-8"), "form.html", "h")
    assert "<b>项目</b> & 子项" in {c.text for c in doc.tables[0].cells}
