"""Regenerate the regional form renderings: `.venv/bin/python docs/renderings/make_regions.py`.

Each picture is the first page of one regional template fixture (tests/fixtures/regions/*.toml,
laid out as .docx by tests/fixtures/regions/build.py) printed to PDF by LibreOffice:
region-sichuan.png, region-hubei.png … one per template. docs/layouts.md shows them.

Needs LibreOffice (`soffice`) and poppler (`pdftoppm`).
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BUILD = ROOT / "tests" / "fixtures" / "regions" / "build.py"
DPI = 100


def _build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("regions_build", BUILD)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    build = _build_module()
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("需要 LibreOffice（soffice）")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        docx = [build.write_docx(s, work / f"{s.id}.docx") for s in build.specs()]
        pdfs = build.to_pdf(docx, work / "pdf", soffice)
        for name, pdf in sorted(pdfs.items()):
            stem = work / f"{name}-page"
            subprocess.run(
                ["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", "1", str(pdf), str(stem)],
                check=True,
                timeout=60,
            )
            page = next(work.glob(f"{stem.name}-*.png"))
            target = HERE / f"region-{name}.png"
            shutil.copyfile(page, target)
            print(f"已生成 {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
