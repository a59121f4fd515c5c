"""Opening untrusted containers safely: zip archives (OOXML) and the XML inside them.

Office files are zip archives of XML parts. A hostile or broken one can be a zip bomb (a few KB
that inflate to gigabytes), declare XML entities that expand without end or fetch files, or be
cut short. Everything that opens such a file goes through here and gets a `ReadError` with a
reason in Chinese instead of an exception from deep inside a library.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from dataclasses import dataclass, fields

from lxml import etree

from jixiao.read.errors import ReadError

MAX_MEMBER_BYTES = 100 * 1024 * 1024  # one uncompressed part
MAX_TOTAL_BYTES = 300 * 1024 * 1024  # all parts together
MAX_RATIO = 200  # uncompressed / compressed, per part
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED = "文件设有密码保护（已加密），请去除密码后重新提交"


@dataclass(frozen=True, slots=True)
class Limits:
    """What reading one file may cost: the one home of the readers' limits.

    Each can be set from the environment as ``JIXIAO_READ_<NAME>`` (e.g.
    ``JIXIAO_READ_PDF_PAGES=2000``); docs/reading-limits.md describes them in Chinese.
    """

    memory_mb: int = 3072  # address space of the process reading one file (setrlimit)
    cpu_seconds: int = 600  # CPU time of that process (setrlimit)
    wall_seconds: int = 900  # clock time before that process is ended
    pdf_pages: int = 2000  # pages of one PDF
    pdf_stream_mb: int = 256  # one PDF stream, inflated
    pdf_inflated_mb: int = 1024  # all of a PDF's streams together, inflated
    table_depth: int = 16  # tables nested in tables (Word, web pages, OpenDocument)
    sheet_cells: int = 4_000_000  # rows × columns of one sheet's used area
    legacy_seconds: int = 120  # LibreOffice converting one .doc/.wps

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Limits:
        env = os.environ if environ is None else environ
        values: dict[str, int] = {}
        for f in fields(cls):
            raw = env.get(f"JIXIAO_READ_{f.name.upper()}", "").strip()
            if raw.isdigit() and int(raw) > 0:
                values[f.name] = int(raw)
        return cls(**values)


# the limits in force; the sandbox sets the parent's in the process that reads
LIMITS = Limits.from_env()


# the reasons a limit gives, in Chinese; each names which limit and never says "损坏" or "扫描件"
def too_many_pages(pages: int) -> str:
    return f"PDF 页数过多（{pages} 页，上限 {LIMITS.pdf_pages} 页），已拒绝读取"


def bomb() -> str:
    return "文件解压后体积异常（疑似“压缩炸弹”），已拒绝读取"


def pdf_bomb() -> str:
    return f"PDF 中的数据流解压后超过 {LIMITS.pdf_stream_mb} MB（疑似“压缩炸弹”），已拒绝读取"


def too_deep() -> str:
    return f"文件中的表格嵌套过深（超过 {LIMITS.table_depth} 层），已拒绝读取"


def too_many_cells(where: str, cells: int) -> str:
    return f"{where}的数据区域过大：单元格过多（约 {cells} 个，上限 {LIMITS.sheet_cells} 个），已拒绝读取"


def out_of_memory() -> str:
    return f"读取该文件所需内存超限（上限 {LIMITS.memory_mb} MB），已停止读取"


def too_slow() -> str:
    return f"读取该文件耗时过长（超过 {LIMITS.wall_seconds} 秒或 CPU 时间 {LIMITS.cpu_seconds} 秒），已停止读取"


_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_comments=True,
    remove_pis=True,
)


def open_zip(data: bytes) -> zipfile.ZipFile:
    """A zip archive whose parts are safe to inflate, or a ReadError saying what is wrong.

    The caller closes it (``with open_zip(data) as archive:``).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ReadError("文件已损坏或不完整（压缩包结构无法读取）") from exc
    total = 0
    for info in archive.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if (
            info.file_size > MAX_MEMBER_BYTES
            or total > MAX_TOTAL_BYTES
            or (ratio > MAX_RATIO and info.file_size > 10 * 1024 * 1024)
        ):
            archive.close()
            raise ReadError(bomb())
    return archive


def read_member(archive: zipfile.ZipFile, name: str, raw: bytes | None = None) -> bytes:
    """One part of the archive, inflated with a hard cap on its size.

    Given the archive's bytes (``raw``), a part plainly stored or deflated is inflated straight
    from them (`_inflate`): zipfile's own reading adds some 7 µs a part, nearly as much as
    inflating the small parts of an Office file. The bytes are the same; anything unusual is left
    to zipfile, whose errors then say what is wrong.
    """
    if raw is not None and (data := _inflate(archive, name, raw)) is not None:
        return data
    try:
        with archive.open(name) as fh:
            data = fh.read(MAX_MEMBER_BYTES + 1)
    except KeyError as exc:
        raise ReadError(f"文件缺少必需的部件 {name}，可能不是有效的 Office 文档") from exc
    except RuntimeError as exc:  # zipfile's "encrypted" and NotImplementedError (method, version)
        if archive.getinfo(name).flag_bits & 0x1:
            raise ReadError(ENCRYPTED) from exc
        raise ReadError("文件已损坏或不完整（压缩方式无法识别）") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise ReadError("文件已损坏或不完整（压缩数据无法解开）") from exc
    if len(data) > MAX_MEMBER_BYTES:
        raise ReadError(bomb())
    return data


_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # zipfile's structFileHeader (30 bytes)


def _inflate(archive: zipfile.ZipFile, name: str, raw: bytes) -> bytes | None:
    """The part ``name`` inflated from the archive's bytes, or None when zipfile must read it.

    Only what zipfile itself would return without an error: a local header that matches the
    directory, no encryption, stored or deflated, and exactly the size and CRC the directory
    declares (so no more than the member limit open_zip checked). Anything else (None) goes
    through zipfile, which then reads it or says why not.
    """
    info = archive.NameToInfo.get(name)
    if info is None or info.flag_bits & 0x61:  # encrypted (0x1), patched (0x20), strong (0x40)
        return None
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return None
    at = info.header_offset
    header = raw[at : at + _LOCAL_HEADER.size]
    if len(header) != _LOCAL_HEADER.size:
        return None
    local = _LOCAL_HEADER.unpack(header)  # signature, …, flags (3), …, name (10), extra (11)
    if local[0] != zipfile.stringFileHeader:
        return None
    at += _LOCAL_HEADER.size
    name_bytes = raw[at : at + local[10]]
    try:
        header_name = name_bytes.decode("utf-8" if local[3] & 0x800 else "cp437")
    except UnicodeDecodeError:
        return None
    if header_name != info.orig_filename:
        return None
    at += local[10] + local[11]
    packed = raw[at : at + info.compress_size]
    if len(packed) != info.compress_size:
        return None
    if info.compress_type == zipfile.ZIP_STORED:
        data = packed
    else:
        inflater = zlib.decompressobj(-15)
        try:
            data = inflater.decompress(packed, MAX_MEMBER_BYTES + 1)
        except zlib.error:
            return None
        if not inflater.eof:
            return None
    if len(data) != info.file_size or zlib.crc32(data) != info.CRC:
        return None
    return data


def parse_xml(data: bytes) -> etree._Element:
    """Parse an XML part with entities, DTDs and network access switched off.

    Office parts never carry a DOCTYPE; one that does is refused outright.
    """
    refuse_dtd(data)
    try:
        return etree.fromstring(data, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        if "depth" in str(exc).lower():  # libxml2 stops at 256 levels of elements
            raise ReadError(too_deep()) from exc
        raise ReadError("文件内容已损坏（XML 结构错误）") from exc


def refuse_dtd(data: bytes) -> None:
    """A ReadError for an XML part that declares a DOCTYPE or entities (none in Office files)."""
    if data.find(b"<!", 0, 65536) < 0:  # neither, without copying the head to upper-case it
        return
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data[:65536].upper():
        raise ReadError("文件中含有 XML 实体/DTD 定义（可能是恶意构造的文件），已拒绝读取")


def is_encrypted_ole(data: bytes) -> bool:
    """An Office file protected by a password is an OLE container holding an EncryptedPackage."""
    if not data.startswith(OLE_MAGIC):
        return False
    return "EncryptedPackage".encode("utf-16-le") in data or b"EncryptedPackage" in data
