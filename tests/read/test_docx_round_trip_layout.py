"""A form laid out as the paper table, written to .docx and read back, keeps every cell and span."""

import io

import pytest

from jixiao.model.form import Declared, Form, FormSource, Funds, FundsRow, Goals, Indicator
from jixiao.model.grid import Table
from jixiao.read.docx import read_docx
from jixiao.write.docx_grid import write_docx
from jixiao.write.layout import form_table

D = Declared

GROUPS = [
    ("产出指标", "数量指标", "培训人次", "≥500人次", "620人次"),
    ("产出指标", "数量指标", "印发资料", "2000份", "2000份"),
    ("产出指标", "质量指标", "培训合格率", "≥95%", "98%"),
    ("产出指标", "时效指标", "完成时间", "2023年12月前", "2023年11月"),
    ("效益指标", "社会效益指标", "群众知晓率\n（抽样）", "明显提高", "提高"),
    ("效益指标", "可持续影响指标", "长效机制", "建立", "已建立"),
    ("满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%", "96%"),
]


def hand_made_form() -> Form:
    indicators = [
        Indicator(
            level1=l1,
            level2=l2,
            name=D(text=name),
            target=D(text=target),
            actual=D(text=actual),
            weight=D(text="10"),
            score=D(text="9.5" if i % 2 else "10"),
            deviation=D(text="" if i % 3 else "受天气影响，\n下半年加强组织"),
            level1_text=D(text="产出标指" if l1 == "产出指标" else ""),
        )
        for i, (l1, l2, name, target, actual) in enumerate(GROUPS)
    ]
    return Form(
        source=FormSource(file="hand.txt", sha256="0" * 64, format="text", index=0),
        year=2023,
        title=D(text="项目支出绩效自评表"),
        project_name=D(text="基层干部培训经费"),
        department=D(text="某区人民政府"),
        implementing_unit=D(text="某区党校"),
        manager=D(text="张三"),
        phone=D(text="010-12345678"),
        funds=Funds(
            total=FundsRow(
                initial_budget=D(text="50"), annual_budget=D(text="48.5"), executed=D(text="47")
            ),
            appropriation=FundsRow(
                initial_budget=D(text="50"),
                annual_budget=D(text="48.5"),
                executed=D(text="47"),
                execution_rate=D(text="96.9%"),
            ),
            weight=D(text="10"),
            execution_rate=D(text="96.9%"),
            score=D(text="9.7"),
        ),
        goals=Goals(expected=D(text="完成年度培训任务。\n提升能力。"), achieved=D(text="已完成")),
        indicators=indicators,
        stated_weights={"绩效指标": D(text="90")},
        total_weight=D(text="100"),
        total_score=D(text="95.2"),
    )


def row_texts(table: Table) -> list[list[tuple[int, str, bool]]]:
    return [[(c.col, c.text, c.continued) for c in row] for row in table.rows()]


def anchored(table: Table) -> list[tuple[int, int, int, int, str]]:
    return sorted((c.row, c.col, c.rowspan, c.colspan, c.text) for c in table.cells)


@pytest.mark.parametrize("landscape", [False, True])
def test_a_written_form_reads_back_with_the_same_rows_and_spans(landscape: bool):
    layout = form_table(hand_made_form())
    buf = io.BytesIO()
    write_docx([layout], buf, landscape=landscape)
    doc = read_docx(buf.getvalue(), "form.docx", "0" * 64)

    assert len(doc.tables) == 1
    back = doc.tables[0]
    assert row_texts(back) == row_texts(layout)
    assert anchored(back) == anchored(layout)
    # the level-1 group 产出指标 spans its four indicator rows, written as the form wrote it
    level1 = next(c for c in back.cells if c.text == "产出标指")
    assert (level1.rowspan, level1.colspan) == (4, 1)


def test_several_tables_come_back_in_order_one_per_page(tmp_path):
    form = hand_made_form()
    other = form.model_copy(update={"project_name": D(text="第二个项目")})
    path = tmp_path / "two.docx"
    write_docx([form_table(form), form_table(other, index=1)], path)
    data = path.read_bytes()
    doc = read_docx(data, str(path), "0" * 64)
    assert [t.index for t in doc.tables] == [0, 1]
    assert doc.tables[1].cells[3].text == "第二个项目"
    assert b'w:type="page"' in _document_xml(data)
    assert anchored(doc.tables[1]) == anchored(form_table(other))


def _document_xml(data: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml")
