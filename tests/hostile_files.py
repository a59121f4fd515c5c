"""Hostile files for the readers' limits, built cheaply by hand: a PDF whose one stream inflates
to a gigabyte, a PDF of a hundred thousand pages, tables nested in tables (Word, web page), a
sheet claiming millions of cells; and work for the sandbox that crosses its limits."""

from __future__ import annotations

import io
import os
import signal
import tempfile
import time
import zipfile
import zlib
from functools import cache
from pathlib import Path

GIGABYTE_MB = 1024


def pdf(objects: list[bytes]) -> bytes:
    """A PDF of these objects (numbered from 1, the first the catalog) with a correct xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


@cache
def zeros_deflated(megabytes: int) -> bytes:
    """A zlib stream of ``megabytes`` MB of zeros (about 1 KB per MB), made in milliseconds:
    once the window is all zeros each further megabyte deflates to the same bytes."""
    chunk = bytes(1 << 20)
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw deflate: header and sum added here
    first = deflater.compress(chunk) + deflater.flush(zlib.Z_SYNC_FLUSH)
    again = deflater.compress(chunk) + deflater.flush(zlib.Z_SYNC_FLUSH)
    last = deflater.compress(chunk) + deflater.flush()
    check = 1
    for _ in range(megabytes):
        check = zlib.adler32(chunk, check)
    body = first + again * (megabytes - 2) + last
    return b"\x78\xda" + body + check.to_bytes(4, "big")


@cache
def pdf_bomb(megabytes: int = GIGABYTE_MB) -> bytes:
    """A one-page PDF (about 1 MB) whose page content inflates to ``megabytes`` MB."""
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            stream(zeros_deflated(megabytes), b" /Filter /FlateDecode"),
        ]
    )


@cache
def pdf_many_pages(pages: int = 100_000) -> bytes:
    """A PDF of ``pages`` pages (a few MB) that all draw one content stream."""
    first_page = 4
    kids = b" ".join(b"%d 0 R" % n for n in range(first_page, first_page + pages))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"
    return pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
            stream(b"BT /F1 12 Tf 72 720 Td (x) Tj ET"),
            *([page] * pages),
        ]
    )


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_nested(depth: int) -> bytes:
    """A .docx whose body is ``depth`` tables, each in the one cell of the table around it."""
    inner = f"<w:p><w:r><w:t>第{depth}层</w:t></w:r></w:p>"
    for _ in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{inner}<w:p/></w:tc></w:tr></w:tbl>"
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}">'
        f"<w:body>{inner}</w:body></w:document>"
    )
    return _zip(
        {
            "[Content_Types].xml": (
                '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                'openxmlformats.org/package/2006/content-types"><Default Extension="xml" '
                'ContentType="application/xml"/></Types>'
            ),
            "word/document.xml": document,
        }
    )


def html_nested(depth: int) -> bytes:
    """A web page of ``depth`` tables, each in the one cell of the table around it."""
    inner = f"第{depth}层"
    for _ in range(depth):
        inner = f"<table><tr><td>{inner}</td></tr></table>"
    return f'<html><head><meta charset="utf-8"></head><body>{inner}</body></html>'.encode()


def xlsx_huge(rows: int = 3000, cols: int = 1500) -> bytes:
    """A workbook whose one sheet spans ``rows`` × ``cols`` cells (millions) with only each
    row's first and last cell written: a few hundred KB on disk."""
    last = _column(cols)
    body = "".join(
        f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="{last}{r}"><v>{r}</v></c></row>'
        for r in range(1, rows + 1)
    )
    return xlsx_sheet(body, f"A1:{last}{rows}")


def xlsx_filled(rows: int, cols: int) -> bytes:
    """A workbook whose one sheet has every one of ``rows`` × ``cols`` cells filled."""
    names = [_column(c) for c in range(1, cols + 1)]
    body = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{n}{r}"><v>{r}</v></c>' for n in names) + "</row>"
        for r in range(1, rows + 1)
    )
    return xlsx_sheet(body, f"A1:{names[-1]}{rows}")


def xlsx_sheet(sheet_data: str, dimension: str) -> bytes:
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    return _zip(
        {
            "[Content_Types].xml": (
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                'package.relationships+xml"/><Default Extension="xml" '
                'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
                'sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
                'worksheet+xml"/></Types>'
            ),
            "_rels/.rels": (
                '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
            ),
            "xl/workbook.xml": (
                f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}" '
                f'xmlns:r="{rel}"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/>'
                "</sheets></workbook>"
            ),
            "xl/_rels/workbook.xml.rels": (
                '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                f'Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
            ),
            "xl/worksheets/sheet1.xml": (
                f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}">'
                f'<dimension ref="{dimension}"/><sheetData>{sheet_data}</sheetData></worksheet>'
            ),
        }
    )


def fake_soffice(folder: Path, pid_file: Path) -> str:
    """A PATH whose first ``soffice`` writes its process id and then hangs."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / "soffice"
    program.write_text(f"#!/bin/sh\necho $$ > {pid_file}\nexec sleep 300\n")
    program.chmod(0o755)
    return f"{folder}:/usr/bin:/bin"


def running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _column(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _zip(parts: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return out.getvalue()


# work for the sandbox (module-level: the child imports it by name)


def eat_memory(megabytes: int) -> int:
    """Allocate ``megabytes`` MB and touch it."""
    block = bytearray(megabytes * 1024 * 1024)
    return len(block)


def spin() -> None:
    """Burn CPU time without end."""
    n = 0
    while True:
        n += 1


def sleep(seconds: float) -> None:
    time.sleep(seconds)


def leave_a_file_and_die(marker: str) -> None:
    """Write a file in the temporary folder, note where, and be killed."""
    path = Path(tempfile.mkdtemp()) / "half-read.tmp"
    path.write_bytes(b"x" * 1024)
    Path(marker).write_text(str(path))
    os.kill(os.getpid(), signal.SIGKILL)


def sandboxed_pid(_: object) -> int:
    """The process id of a sandboxed child, asked from wherever this runs."""
    from jixiao.read.sandbox import run_limited

    return int(run_limited(os.getpid))
