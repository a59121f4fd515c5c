"""Decode text files that arrive in UTF-8, GB18030/GBK or UTF-16, with or without a BOM."""

from __future__ import annotations

import codecs

from jixiao.read.errors import ReadError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: Chinese text still has NUL bytes in ASCII positions."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > half * 0.2 and even_nuls < half * 0.05:
        return "utf-16-le"
    if even_nuls > half * 0.2 and odd_nuls < half * 0.05:
        return "utf-16-be"
    return None


def detect_encoding(data: bytes) -> str:
    """The encoding that decodes ``data`` strictly, or a ReadError saying none does."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    utf16 = _looks_utf16(data)
    if utf16:
        return utf16
    if b"\x00" in data[:4096]:
        raise ReadError("文件含有二进制内容，不是文本文件，也不是可识别的文档格式")
    for name in ("utf-8", "gb18030"):
        try:
            data.decode(name)
        except UnicodeDecodeError:
            continue
        return name
    raise ReadError("无法识别文本编码（支持 UTF-8、GB18030/GBK、UTF-16），请另存为 UTF-8 后重试")


def decode_text(data: bytes) -> str:
    """Decoded text with Windows and old Mac line endings turned into ``\\n``."""
    encoding = detect_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:  # a BOM followed by bytes that do not fit it
        raise ReadError(f"文本编码错误：按 {encoding} 解码失败（第{exc.start}字节）") from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")
