"""OpenDocument files (.odt, .ods) read natively.

The seed forms, written as .docx and .xlsx and converted by LibreOffice to .odt and .ods once
per test session, read back as the same forms as the originals. Hand-made files cover what
LibreOffice does not write for the seeds: line breaks, runs of spaces, paragraphs around a
table, covered cells, repeated rows and columns, and broken, encrypted and empty files.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from form_values import declared
from office import convert, soffice
from seeds import SEED_FILES, seed_forms

from jixiao.extract import extract_forms
from jixiao.model.grid import Paragraph, Table
from jixiao.read import ReadError, read_bytes, read_file
from jixiao.read.odf import MAX_REPEAT
from jixiao.write.docx_grid import write_docx
from jixiao.write.layout import form_table
from jixiao.write.xlsx_grid import write_xlsx

PREFIXES = [p.name[:3] for p in SEED_FILES]
TEXT_MIME = "application/vnd.oasis.opendocument.text"
SHEET_MIME = "application/vnd.oasis.opendocument.spreadsheet"
NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"'
)


@pytest.fixture(scope="session")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """Per seed: its forms as .docx and .xlsx (one form a table, a sheet), and LibreOffice's
    .odt and .ods of them."""
    soffice()
    folder = tmp_path_factory.mktemp("odf")
    out: dict[str, dict[str, Path]] = {}
    for prefix in PREFIXES:
        tables = [form_table(f, i) for i, f in enumerate(seed_forms(prefix))]
        docx, xlsx = folder / f"{prefix}.docx", folder / f"{prefix}.xlsx"
        write_docx(tables, docx)
        write_xlsx(tables, xlsx)
        out[prefix] = {
            "docx": docx,
            "xlsx": xlsx,
            "odt": convert(docx, "odt", folder / "odt"),
            "ods": convert(xlsx, "ods", folder / "ods"),
        }
    return out


@pytest.mark.parametrize("prefix", PREFIXES)
def test_seed_forms_read_from_odt_as_from_the_docx(
    prefix: str, converted: dict[str, dict[str, Path]]
) -> None:
    files = converted[prefix]
    doc = read_file(files["odt"])
    assert doc.format == "odt"
    forms = extract_forms(doc)
    assert declared(forms) == declared(extract_forms(read_file(files["docx"])))
    assert declared(forms) == declared(seed_forms(prefix))
    assert {f.source.format for f in forms} == {"odt"}


@pytest.mark.parametrize("prefix", PREFIXES)
def test_seed_forms_read_from_ods_as_from_the_xlsx(
    prefix: str, converted: dict[str, dict[str, Path]]
) -> None:
    files = converted[prefix]
    doc = read_file(files["ods"])
    assert doc.format == "ods"
    assert [t.sheet for t in doc.tables] == [t.sheet for t in read_file(files["xlsx"]).tables]
    forms = extract_forms(doc)
    assert declared(forms) == declared(extract_forms(read_file(files["xlsx"])))
    assert declared(forms) == declared(seed_forms(prefix))


def _odf(mime: str, body: str, manifest: str | None = None) -> bytes:
    """A minimal OpenDocument package: mimetype first and stored, then content.xml."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mime)
        content = f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}>'
        content += f"<office:body>{body}</office:body></office:document-content>"
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        if manifest is not None:
            archive.writestr("META-INF/manifest.xml", manifest)
    return buffer.getvalue()


def test_an_odt_keeps_its_paragraphs_line_breaks_and_merged_cells_in_order() -> None:
    body = """<office:text>
      <text:h>项目支出绩效自评表</text:h>
      <text:p>（2024<text:s text:c="2"/>年度）</text:p>
      <table:table table:name="表1">
        <table:table-column table:number-columns-repeated="3"/>
        <table:table-header-rows><table:table-row>
          <table:table-cell table:number-columns-spanned="2"><text:p>项目名称</text:p>
          </table:table-cell><table:covered-table-cell/>
          <table:table-cell><text:p>市民服务<text:line-break/>中心经费</text:p></table:table-cell>
        </table:table-row></table:table-header-rows>
        <table:table-row>
          <table:table-cell table:number-rows-spanned="2"><text:p>年度</text:p>
            <text:p>目标</text:p></table:table-cell>
          <table:table-cell table:number-columns-repeated="2"><text:p>—</text:p></table:table-cell>
        </table:table-row>
        <table:table-row>
          <table:covered-table-cell/>
          <table:table-cell><text:p>a<text:tab/>b</text:p></table:table-cell>
          <table:table-cell/>
        </table:table-row>
      </table:table>
      <text:list><text:list-item><text:p>填表人：张三</text:p></text:list-item></text:list>
    </office:text>"""
    doc = read_bytes(_odf(TEXT_MIME, body), "自评表.odt")
    assert [type(b).__name__ for b in doc.blocks] == [
        "Paragraph",
        "Paragraph",
        "Table",
        "Paragraph",
    ]
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == [
        "项目支出绩效自评表",
        "（2024  年度）",
        "填表人：张三",
    ]
    (table,) = doc.tables
    assert (table.n_rows, table.n_cols) == (3, 3)
    cells = {(c.row, c.col): (c.rowspan, c.colspan, c.text) for c in table.cells}
    assert cells == {
        (0, 0): (1, 2, "项目名称"),
        (0, 2): (1, 1, "市民服务\n中心经费"),
        (1, 0): (2, 1, "年度\n目标"),
        (1, 1): (1, 1, "—"),
        (1, 2): (1, 1, "—"),
        (2, 1): (1, 1, "a b"),
        (2, 2): (1, 1, ""),
    }


def test_an_ods_pads_its_sheets_without_making_them_huge() -> None:
    """A spreadsheet repeats an empty row to the sheet's last row and an empty cell to its last
    column; a filled row repeated a million times is cut at the cap."""
    row = (
        '<table:table-row><table:table-cell office:value-type="string"><text:p>指标</text:p>'
        '</table:table-cell><table:table-cell office:value-type="float" office:value="12.0">'
        "<text:p>12.00</text:p></table:table-cell>"
        '<table:table-cell table:number-columns-repeated="16382"/></table:table-row>'
    )
    body = (
        '<office:spreadsheet><table:table table:name="自评表">'
        '<table:table-row table:number-rows-repeated="3"><table:table-cell '
        'table:number-columns-repeated="16384"/></table:table-row>'
        + row
        + '<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
        'table:number-columns-repeated="16384"/></table:table-row></table:table>'
        '<table:table table:name="空表"><table:table-row table:number-rows-repeated="1048576">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>'
        '<table:table table:name="重复"><table:table-row table:number-rows-repeated="1000000">'
        '<table:table-cell office:value-type="string"><text:p>重复</text:p></table:table-cell>'
        "</table:table-row></table:table></office:spreadsheet>"
    )
    doc = read_bytes(_odf(SHEET_MIME, body), "自评表.ods")
    assert [t.sheet for t in doc.tables] == ["自评表", "重复"]  # the empty sheet left out
    first, repeated = doc.tables
    assert [[c.text for c in r] for r in first.rows()] == [["指标", "12"]]
    loc = first.cells[0].loc
    assert loc is not None and (loc.row, loc.col) == (3, 0)  # where it is on the sheet
    assert repeated.n_rows == MAX_REPEAT


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04" + b"\0" * 40, "损坏"),
        (_odf(TEXT_MIME, "<office:text>")[:-40], "损坏"),
        (_odf("application/vnd.oasis.opendocument.presentation", ""), "不受支持"),
        (_odf(TEXT_MIME, "<office:text><text:p>x</text:p>"), "损坏"),
    ],
    ids=["not-a-zip", "truncated", "presentation", "broken-xml"],
)
def test_broken_opendocument_files_get_a_chinese_message(data: bytes, message: str) -> None:
    with pytest.raises(ReadError, match=message):
        read_bytes(data, "自评表.odt")


def test_an_encrypted_odt_is_refused_as_protected() -> None:
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
        '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x">'
        '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" '
        'manifest:initialisation-vector="x"/></manifest:encryption-data>'
        "</manifest:file-entry></manifest:manifest>"
    )
    data = _odf(TEXT_MIME, "<office:text/>", manifest)
    with pytest.raises(ReadError, match="密码保护"):
        read_bytes(data, "自评表.odt")


def test_an_empty_odt_reads_as_an_empty_document_and_no_form() -> None:
    doc = read_bytes(_odf(TEXT_MIME, "<office:text/>"), "空白.odt")
    assert doc.format == "odt" and doc.blocks == []
    assert extract_forms(doc) == []


def test_a_zip_named_odt_without_a_mimetype_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ReadError, match="OpenDocument"):
        read_bytes(buffer.getvalue(), "自评表.odt")


def test_a_word_file_named_odt_reads_as_word(
    converted: dict[str, dict[str, Path]], tmp_path: Path
) -> None:
    renamed = tmp_path / "改名.odt"
    shutil.copy(converted["000"]["docx"], renamed)
    doc = read_file(renamed)
    assert doc.format == "docx" and isinstance(doc.blocks[0], Table)
