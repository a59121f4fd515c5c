"""Old Word (.doc) and WPS (.wps) files, through LibreOffice.

These binary formats are converted to .docx by LibreOffice running headless, with a private
profile in a temporary folder (so conversions never share or lock a user's profile) and a time
limit, and the .docx is then read like any other. The Document keeps the original file's name,
hash and format. Without LibreOffice the file is refused with a message saying what to do.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from jixiao.model.grid import Document
from jixiao.read import safety
from jixiao.read.errors import ReadError

TIMEOUT_SECONDS: int | None = None  # None: the limit in safety.LIMITS (legacy_seconds)
NO_LIBREOFFICE = (
    "读取 .doc、.wps 文件需要安装 LibreOffice（Debian/Ubuntu 上执行：sudo apt install "
    "libreoffice-writer），或请用 Word、WPS 将文件另存为 .docx 后重新提交"
)


def read_legacy(data: bytes, file: str, sha256: str) -> Document:
    from jixiao.read.docx import read_docx

    suffix = Path(file).suffix.lower()
    suffix = suffix if suffix in (".doc", ".wps") else ".doc"
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        raise ReadError(NO_LIBREOFFICE)
    try:
        with tempfile.TemporaryDirectory(prefix="jixiao-legacy-") as tmp:
            converted = _convert(program, data, suffix, Path(tmp))
    except OSError as exc:  # no temporary folder, disk full …
        raise ReadError(f"无法在临时文件夹中转换 {suffix} 文件：{exc.strerror or exc}") from exc
    doc = read_docx(converted, file, sha256)
    doc.format = suffix[1:]
    return doc


def _convert(program: str, data: bytes, suffix: str, tmp: Path) -> bytes:
    """The .docx LibreOffice makes of ``data``; ReadError if it fails or takes too long."""
    source = tmp / f"source{suffix}"
    source.write_bytes(data)
    out = tmp / "out"
    command = [
        program,
        f"-env:UserInstallation={(tmp / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        str(out),
        str(source),
    ]
    try:
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so a timeout ends all of it
        )
    except OSError as exc:
        raise ReadError(f"无法启动 LibreOffice 转换 {suffix} 文件：{exc.strerror or exc}") from exc
    from jixiao.read.sandbox import note_process_group

    note_process_group(proc.pid)  # ended by the sandbox too if the reading process is killed
    timeout = TIMEOUT_SECONDS or safety.LIMITS.legacy_seconds
    try:
        proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise ReadError(
            f"LibreOffice 转换 {suffix} 文件超时：耗时过长（超过 {timeout} 秒），已停止转换"
        ) from exc
    finally:
        if proc.returncode is None:  # timed out or interrupted: end LibreOffice and its children
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    result = out / "source.docx"
    if proc.returncode != 0 or not result.is_file():
        raise ReadError(f"LibreOffice 无法转换该 {suffix} 文件，文件可能已损坏或不是 Word/WPS 文档")
    return result.read_bytes()
