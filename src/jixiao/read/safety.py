"""Opening untrusted containers safely: zip archives (OOXML) and the XML inside them.

Office files are zip archives of XML parts. A hostile or broken one can be a zip bomb (a few KB
that inflate to gigabytes), declare XML entities that expand without end or fetch files, or be
cut short. Everything that opens such a file goes through here and gets a `ReadError` with a
reason in Chinese instead of an exception from deep inside a library.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from lxml import etree

from jixiao.read.errors import ReadError

MAX_MEMBER_BYTES = 100 * 1024 * 1024  # one uncompressed part
MAX_TOTAL_BYTES = 300 * 1024 * 1024  # all parts together
MAX_RATIO = 200  # uncompressed / compressed, per part
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED = "文件设有密码保护（已加密），请去除密码后重新提交"

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
            raise ReadError("文件解压后体积异常（疑似“压缩炸弹”），已拒绝读取")
    return archive


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """One part of the archive, inflated with a hard cap on its size."""
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
        raise ReadError("文件解压后体积异常（疑似“压缩炸弹”），已拒绝读取")
    return data


def parse_xml(data: bytes) -> etree._Element:
    """Parse an XML part with entities, DTDs and network access switched off.

    Office parts never carry a DOCTYPE; one that does is refused outright.
    """
    refuse_dtd(data)
    try:
        return etree.fromstring(data, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise ReadError("文件内容已损坏（XML 结构错误）") from exc


def refuse_dtd(data: bytes) -> None:
    """A ReadError for an XML part that declares a DOCTYPE or entities (none in Office files)."""
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data[:65536].upper():
        raise ReadError("文件中含有 XML 实体/DTD 定义（可能是恶意构造的文件），已拒绝读取")


def is_encrypted_ole(data: bytes) -> bool:
    """An Office file protected by a password is an OLE container holding an EncryptedPackage."""
    if not data.startswith(OLE_MAGIC):
        return False
    return "EncryptedPackage".encode("utf-16-le") in data or b"EncryptedPackage" in data
