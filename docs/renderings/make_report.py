"""Regenerate report-1.png and report-2.png: `.venv/bin/python docs/renderings/make_report.py`.

The first two pages of the department report (部门整体绩效评价报告) for seed 002's department,
written by `jixiao report` with the example figures, printed to PDF by LibreOffice.
Needs LibreOffice (`soffice`) and poppler (`pdftoppm`).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from make import HERE, ROOT, print_pages  # the form renderings' script, beside this one


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
        print_pages(report, [HERE / "report-1.png", HERE / "report-2.png"])


if __name__ == "__main__":
    main()
