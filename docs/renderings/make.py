"""Regenerate the form renderings in this folder: `.venv/bin/python docs/renderings/make.py`.

Each picture is the first page of a seed form written by jixiao (`jixiao.write.forms`) and
printed to PDF by LibreOffice, the way a user's office suite shows it:

- form-beijing.png   samples/000, Word, 北京 layout
- form-mof-2020.png  samples/004 (first form), Word, 财政部 财预〔2020〕10号 layout
- form-xlsx.png      samples/004 (first form), Excel, 北京 layout

Needs LibreOffice (`soffice`) and poppler (`pdftoppm`).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from seeds import seed_forms  # noqa: E402

from jixiao.write.forms import write_forms_docx, write_forms_xlsx  # noqa: E402

DPI = 110


def print_pages(source: Path, targets: list[Path]) -> None:
    """Print ``source`` to PDF with LibreOffice and keep its first pages as ``targets`` (PNG)."""
    work = source.parent
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(work / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    stem = work / f"{source.stem}-page"
    last = str(len(targets))
    pdf = source.with_suffix(".pdf")
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", last, pdf, stem],
        check=True,
        timeout=60,
    )
    pages = sorted(work.glob(f"{stem.name}-*.png"))
    for page, target in zip(pages, targets, strict=True):
        shutil.copyfile(page, target)
        print(f"已生成 {target.relative_to(ROOT)}")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        beijing, mof, xlsx = work / "beijing.docx", work / "mof.docx", work / "form.xlsx"
        write_forms_docx(seed_forms("000")[:1], beijing, "beijing")
        write_forms_docx(seed_forms("004")[:1], mof, "mof-2020")
        write_forms_xlsx(seed_forms("004")[:1], xlsx, "beijing")
        print_pages(beijing, [HERE / "form-beijing.png"])
        print_pages(mof, [HERE / "form-mof-2020.png"])
        print_pages(xlsx, [HERE / "form-xlsx.png"])


if __name__ == "__main__":
    main()
