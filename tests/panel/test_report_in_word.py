"""A report in Word: the statements after the sheet are checked and named by paragraph."""

from __future__ import annotations

from pathlib import Path

import docx
from panel_seed import seed_result

from jixiao.panel.check import check_path
from jixiao.panel.framework import load_framework
from jixiao.panel.write import write_docx


def test_a_wrong_statement_in_a_word_report_is_found_by_its_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    write_docx(seed_result(), path)
    document = docx.Document(str(path))
    document.add_paragraph("（1）资金管理分析：存在超前支出。考评平均分为9.80分，失分率为19.11%。")
    document.add_paragraph("（2）组织实施分析：考评平均分为5.40分，失分率为32.50%。")
    document.save(str(path))
    (result,) = check_path(path, load_framework()).results
    # the non-empty paragraphs: title, 综合得分…, 审核发现：, the copied finding, then ours
    assert [(f.code, f.location) for f in result.findings] == [
        ("PANEL_LOSS_RATE_MISMATCH", "第5段")
    ]
