"""Open what jixiao writes in a real office suite: LibreOffice headless converts it.

Each conversion gets its own user profile, so tests running in parallel do not share one.
Tests that need LibreOffice skip when `soffice` is not installed (`.ci/run` installs it).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

TIMEOUT_SECONDS = 180


def soffice() -> str:
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return program


def convert(source: Path, to: str, outdir: Path | None = None) -> Path:
    """Convert ``source`` with LibreOffice to the format ``to`` ("pdf", "xlsx", "docx", "png"…).

    Returns the converted file. Fails the test with LibreOffice's output if nothing was made.
    """
    outdir = outdir or source.parent / f"converted-{to.split(':')[0]}"
    outdir.mkdir(parents=True, exist_ok=True)
    profile = source.parent / f".lo-profile-{source.stem}"
    proc = subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            str(source),
        ],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    out = outdir / f"{source.stem}.{to.split(':')[0]}"
    if not out.exists():
        pytest.fail(f"LibreOffice made no {to} of {source.name}: {proc.stdout}{proc.stderr}")
    return out


def pdf_pages_to_png(pdf: Path, out_prefix: Path, dpi: int = 110) -> list[Path]:
    """Render PDF pages to PNG files with pypdfium2 (pdfplumber's renderer)."""
    import pypdfium2

    pages = []
    document = pypdfium2.PdfDocument(str(pdf))
    for i in range(len(document)):
        image = document[i].render(scale=dpi / 72).to_pil()
        path = out_prefix.with_name(f"{out_prefix.name}-{i + 1}.png")
        image.save(path)
        pages.append(path)
    return pages
