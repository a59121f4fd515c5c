"""Forms written to Word in an official layout read back as the same forms, and the file is the
paper form: A4, one form per page, real merged cells, the layout's fonts and column widths."""

import io
import zipfile

import pytest
from form_values import DROPPED, declared
from lxml import etree
from seeds import all_seed_forms, seed_forms

from jixiao.extract import extract_forms
from jixiao.model.form import Form
from jixiao.read import read_bytes
from jixiao.write.forms import write_forms_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def written(forms: list[Form], layout: str) -> bytes:
    buf = io.BytesIO()
    write_forms_docx(forms, buf, layout)
    return buf.getvalue()


def document_xml(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


@pytest.mark.parametrize("layout", ["beijing", "mof-2020"])
def test_all_fifty_seed_forms_in_one_file_read_back_unchanged(layout: str):
    forms = all_seed_forms()
    assert len(forms) == 50
    back = extract_forms(read_bytes(written(forms, layout), "自评表.docx"))
    assert declared(back) == declared(forms, DROPPED[layout])
    assert [f.source.format for f in back] == ["docx"] * 50


def test_the_mof_2020_layout_loses_exactly_the_manager_and_the_phone():
    forms = seed_forms("004")
    assert [f.manager.text for f in forms] == ["陈静超", "程俊英"]  # as the seed writes them
    assert [f.phone.text for f in forms] == ["64263068", "64260018"]
    back = extract_forms(read_bytes(written(forms, "mof-2020"), "自评表.docx"))
    assert [(f.manager.text, f.phone.text) for f in back] == [("", ""), ("", "")]
    xml = etree.tostring(document_xml(written(forms, "mof-2020")), encoding="unicode")
    assert "陈静超" not in xml and "项目负责人" not in xml
    assert "陈静超" in etree.tostring(document_xml(written(forms, "beijing")), encoding="unicode")


def test_each_form_starts_on_a_new_page_with_its_title_and_year_above_the_table():
    forms = seed_forms("004")
    root = document_xml(written(forms, "beijing"))
    body = root.find(f"{W}body")
    blocks = [el for el in body if el.tag in (f"{W}p", f"{W}tbl")]
    kinds = [el.tag.removeprefix(W) for el in blocks]
    assert kinds == ["p", "p", "tbl", "p", "p", "tbl", "p"]  # title, year, table; again; last p
    texts = ["".join(el.itertext()) for el in blocks if el.tag == f"{W}p"]
    assert (
        texts[:4] == ["朝阳区项目支出绩效自评表", "（2020年度）"] * 2
    )  # as samples/004 writes them
    assert blocks[3].find(f"{W}pPr/{W}pageBreakBefore") is not None
    assert blocks[0].find(f"{W}pPr/{W}pageBreakBefore") is None
    title_run = blocks[0].find(f"{W}r/{W}rPr")
    assert title_run.find(f"{W}rFonts").get(f"{W}eastAsia") == "宋体"
    assert title_run.find(f"{W}sz").get(f"{W}val") == "44"  # 二号 = 22 pt = 44 half-points
    assert title_run.find(f"{W}b") is not None
    assert blocks[0].find(f"{W}pPr/{W}jc").get(f"{W}val") == "center"


def test_the_table_has_real_merged_cells_and_the_layouts_column_widths():
    form = seed_forms("004")[0]
    table = document_xml(written([form], "mof-2020")).find(f".//{W}tbl")
    widths = [int(c.get(f"{W}w")) for c in table.iter(f"{W}gridCol")]
    mm = [10, 15, 19, 27, 25, 25, 12, 15, 22]  # mof-2020.toml
    assert widths == [round(x * 1440 / 25.4) for x in mm]
    spans = [int(s.get(f"{W}val")) for s in table.iter(f"{W}gridSpan")]
    assert spans[:5] == [2, 7, 2, 3, 2]  # 项目名称 | value, 主管部门 | value | 实施单位 …
    restarts = [m for m in table.iter(f"{W}vMerge") if m.get(f"{W}val") == "restart"]
    # 项目资金, 年度总体目标, the 绩效指标 column, and each level-1 / level-2 group
    level1 = len({i.level1 for i in form.indicators})
    assert len(restarts) >= 3 + level1
    rows = table.findall(f"{W}tr")
    assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)


def test_the_page_is_a4_portrait_with_the_layouts_margins_and_fonts():
    data = written(seed_forms("000"), "beijing")
    section = document_xml(data).find(f"{W}body/{W}sectPr")
    size = section.find(f"{W}pgSz")
    assert (int(size.get(f"{W}w")), int(size.get(f"{W}h"))) == (11906, 16838)  # 210 × 297 mm
    margins = section.find(f"{W}pgMar")
    assert int(margins.get(f"{W}top")) == round(25 * 1440 / 25.4)
    assert int(margins.get(f"{W}left")) == round(20 * 1440 / 25.4)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
    normal = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "Normal")
    fonts = normal.find(f"{W}rPr/{W}rFonts")
    assert fonts.get(f"{W}eastAsia") == "宋体" and fonts.get(f"{W}ascii") == "宋体"
    assert normal.find(f"{W}rPr/{W}sz").get(f"{W}val") == "18"  # 小五 = 9 pt


def test_no_forms_make_an_empty_document_that_reads_as_no_forms():
    data = written([], "beijing")
    assert extract_forms(read_bytes(data, "空.docx")) == []
