"""Regenerate report-1.png and report-2.png: `.venv/bin/python docs/renderings/make_report.py`.

The first two pages of the department report (部门整体绩效评价报告) for seed 002's department,
written by `jixiao report` with the example figures, printed to PDF by LibreOffice.
Needs LibreOffice (`soffice`) and poppler (`pdftoppm`).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DPI = 110


def main() -> None:
    from jixiao.cli import main as jixiao

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        report = work / "report.docx"
        figures = ROOT / "src" / "jixiao" / "department" / "examples" / "fengtai-2021.toml"
        code = jixiao(
            [
                "report",
                "--department",
                "丰台区政务服务管理局",
                "--year",
                "2021",
                "--no-progress",
                str(ROOT / "samples"),
                "--figures",
                str(figures),
                "-o",
                str(report),
            ]
        )
        if code:
            raise SystemExit(code)
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={(work / 'lo-profile').as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                str(report),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                str(DPI),
                "-f",
                "1",
                "-l",
                "2",
                work / "report.pdf",
                work / "page",
            ],
            check=True,
            timeout=60,
        )
        for number in (1, 2):
            target = HERE / f"report-{number}.png"
            shutil.copyfile(work / f"page-{number}.png", target)
            print(f"已生成 {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
