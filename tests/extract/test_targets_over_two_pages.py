"""A 申报表 whose indicator table runs over two pages (48 indicators) reads whole from the PDF
LibreOffice prints, as from the .docx and the .xlsx: the rows after the page break keep their
一级 / 二级指标 (cells merged across the break) and none is lost or doubled."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
from fixtures.regions.build import Spec, to_pdf, write_docx, write_xlsx
from fixtures.targets.build import spec
from office import soffice

from jixiao.extract.targets import extract_targets
from jixiao.read import read_file


def long_spec() -> Spec:
    data = spec("mof").data
    rows = list(data["rows"])
    extra = [["^", "^", "^", f"第{i}项服务人数", f"≥{100 + i}人", ""] for i in range(40)]
    at = 10  # after the first 数量指标 row: forty more under the same merged cells
    return Spec("long", data | {"rows": rows[:at] + extra + rows[at:]})


def test_a_long_targets_form_reads_whole_in_every_format(tmp_path: Path) -> None:
    long = long_spec()
    docx = write_docx(long, tmp_path / "long.docx")
    pdf = to_pdf([docx], tmp_path / "pdf", soffice())["long"]
    assert len(pypdfium2.PdfDocument(str(pdf))) == 2
    for path in (docx, write_xlsx(long, tmp_path / "long.xlsx"), pdf):
        (t,) = extract_targets(read_file(path))
        assert len(t.indicators) == 48, path.name
        names = [i.name.text for i in t.indicators]
        assert names[1:41] == [f"第{i}项服务人数" for i in range(40)]
        assert [i.level2 for i in t.indicators[:42]] == ["数量指标"] * 42
        last = t.indicators[-1]
        assert (last.level1, last.name.text, last.target.text) == (
            "满意度指标",
            "辖区居民满意度",
            "≥90%",
        )
