"""Body paragraphs and tables come out in document order, with text as Word shows it."""

from docx_builder import W_NS, docx_bytes, p, read, tbl, tc, tr

from jixiao.model.grid import Paragraph, Table
from jixiao.read.docx import read_docx


def block_texts(body: str) -> list[str]:
    """Each block as text: a paragraph's text, or a table as "T:" and its first cell."""
    out = []
    for block in read(body).blocks:
        out.append(block.text if isinstance(block, Paragraph) else f"T:{block.cells[0].text}")
    return out


def test_paragraphs_and_tables_come_in_document_order():
    body = p("附件1") + tbl(tr(tc("表一"))) + p("说明") + tbl(tr(tc("表二"))) + p("落款")
    assert block_texts(body) == ["附件1", "T:表一", "说明", "T:表二", "落款"]
    doc = read(body)
    assert [b.index for b in doc.blocks if isinstance(b, Paragraph)] == [0, 2, 4]
    assert [t.index for t in doc.tables] == [0, 1]


def test_empty_paragraphs_are_skipped():
    assert block_texts(p() + p("   ") + p("正文") + "<w:p><w:r/></w:p>") == ["正文"]


def test_tabs_and_breaks_become_spaces_and_newlines():
    para = (
        '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
        "<w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:cr/><w:t>丁</w:t></w:r></w:p>"
    )
    assert block_texts(para) == ["甲 乙\n丙\n丁"]


def test_text_split_over_runs_hyperlinks_and_fields_is_joined():
    para = (
        "<w:p><w:r><w:t>联系</w:t></w:r><w:hyperlink><w:r><w:t>电话</w:t></w:r></w:hyperlink>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>：123</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    assert block_texts(para) == ["联系电话：123"]


def test_deleted_text_is_dropped_and_inserted_text_kept():
    para = (
        "<w:p><w:r><w:t>预算</w:t></w:r>"
        '<w:del w:id="1" w:author="a"><w:r><w:delText>100</w:delText><w:tab/></w:r></w:del>'
        '<w:ins w:id="2" w:author="a"><w:r><w:t>120</w:t></w:r></w:ins>'
        '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>旧处</w:t></w:r></w:moveFrom>'
        "<w:r><w:t>万元</w:t></w:r></w:p>"
    )
    assert block_texts(para) == ["预算120万元"]


def test_a_row_deleted_with_tracked_changes_is_left_out():
    deleted_row = (
        '<w:tr><w:trPr><w:del w:id="9" w:author="a"/></w:trPr>'
        '<w:tc><w:p><w:del w:id="8" w:author="a"><w:r><w:delText>删除行</w:delText></w:r></w:del>'
        "</w:p></w:tc></w:tr>"
    )
    doc = read(tbl(tr(tc("第一行")), deleted_row, tr(tc("第二行"))))
    assert [[c.text for c in row] for row in doc.tables[0].rows()] == [["第一行"], ["第二行"]]


def test_cell_paragraphs_are_joined_with_newlines():
    doc = read(tbl(tr(tc("项目资金", "（万元）"), tc("", "单独一行", ""))))
    assert [c.text for c in doc.tables[0].cells] == ["项目资金\n（万元）", "单独一行"]


def test_content_controls_are_read_at_body_row_and_cell_level():
    def sdt(inner: str) -> str:
        return f"<w:sdt><w:sdtPr/><w:sdtContent>{inner}</w:sdtContent></w:sdt>"

    table = tbl(
        tr(tc("甲"), sdt(tc("乙"))),
        sdt(tr(tc(sdt(p("丙"))), tc("丁"))),
    )
    doc = read(sdt(p("控件段落") + table))
    assert isinstance(doc.blocks[0], Paragraph) and doc.blocks[0].text == "控件段落"
    assert isinstance(doc.blocks[1], Table)
    assert [[c.text for c in row] for row in doc.blocks[1].rows()] == [["甲", "乙"], ["丙", "丁"]]


def test_a_document_without_tables_gives_only_paragraphs():
    doc = read(p("第一段") + p("第二段"))
    assert doc.format == "docx" and doc.file == "test.docx"
    assert doc.tables == []
    assert [b.text for b in doc.blocks] == ["第一段", "第二段"]


def test_a_document_without_a_body_gives_no_blocks():
    data = docx_bytes(document=f'<w:document xmlns:w="{W_NS}"/>')
    assert read_docx(data, "empty.docx", "0" * 64).blocks == []


def test_a_strict_ooxml_document_is_read_too():
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    body = p("严格格式") + tbl(tr(tc("单元格")))
    document = f'<w:document xmlns:w="{strict}"><w:body>{body}</w:body></w:document>'
    data = docx_bytes(document=document)
    doc = read_docx(data, "strict.docx", "0" * 64)
    assert doc.blocks[0].text == "严格格式"
    assert doc.tables[0].cells[0].text == "单元格"
