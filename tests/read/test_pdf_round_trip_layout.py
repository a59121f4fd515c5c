"""A form printed as the paper layout reads back from PDF with the layout's rows and texts."""

from pathlib import Path

from fixtures.pdf_writer import write_pdf

from jixiao.model.form import Declared, Form, FormSource, Funds, FundsRow, Goals, Indicator
from jixiao.model.grid import Table
from jixiao.read import read_file
from jixiao.write.layout import form_table

D = Declared

GROUPS = [
    ("产出指标", "数量指标", "开展培训场次", "≥12场", "15场"),
    ("产出指标", "数量指标", "服务人次", "≥5000人次", "5230人次"),
    ("产出指标", "质量指标", "验收合格率", "100%", "100%"),
    ("产出指标", "时效指标", "完成时间", "2023年12月31日前", "2023年12月20日"),
    ("产出指标", "成本指标", "成本控制率", "≤100%", "99.7%"),
    ("效益指标", "社会效益指标", "群众办事便利度", "明显提升", "达成"),
    ("效益指标", "可持续影响指标", "服务机制长效运行", "长期", "长期"),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "96%"),
]
DEVIATION = "偏差原因：部分活动因天气原因延期，已在第四季度补办完成。"
EXPECTED = "目标一：保障市民服务中心正常运转，为辖区居民提供便捷高效的政务服务。"


def a_form(copies: int = 1) -> Form:
    indicators = [
        Indicator(
            level1=l1,
            level2=l2,
            name=D(text=name),
            target=D(text=target),
            actual=D(text=actual),
            weight=D(text="10"),
            score=D(text="9"),
            deviation=D(text=DEVIATION if i % 3 else ""),
        )
        for _ in range(copies)
        for i, (l1, l2, name, target, actual) in enumerate(GROUPS)
    ]
    money = FundsRow(
        initial_budget=D(text="307800"),
        annual_budget=D(text="307800"),
        executed=D(text="306852.55"),
    )
    return Form(
        source=FormSource(file="手工.txt", sha256="0", format="text", index=0),
        year=2023,
        project_name=D(text="市民服务中心工作经费"),
        department=D(text="北京市西城区人民政府椿树街道办事处"),
        implementing_unit=D(text="市民服务中心"),
        manager=D(text="王芳"),
        phone=D(text="010-83160000"),
        funds=Funds(
            total=money,
            appropriation=money,
            weight=D(text="10"),
            execution_rate=D(text="99.7%"),
            score=D(text="9.97"),
        ),
        goals=Goals(
            expected=D(text=EXPECTED * 3),
            achieved=D(text="已完成：全年受理各类事项五千余件，群众满意度持续提升。" * 3),
        ),
        indicators=indicators,
        stated_weights={"绩效指标": D(text="90")},
        total_weight=D(text="100"),
        total_score=D(text="96.97"),
    )


def texts(tables: list[Table]) -> list[list[str]]:
    return [[cell.text for cell in row] for table in tables for row in table.rows()]


def round_trip(form: Form, tmp_path: Path) -> tuple[Table, list[Table]]:
    table = form_table(form)
    path = tmp_path / "自评表.pdf"
    write_pdf([table], path)
    return table, read_file(path).tables


def test_a_form_on_one_page_reads_back_with_the_rows_of_the_layout(tmp_path):
    table, read = round_trip(a_form(), tmp_path)
    assert len(read) == 1
    assert texts(read) == texts([table])
    assert read[0].n_cols == 9


def test_a_form_longer_than_a_page_reads_back_as_tables_whose_rows_join_up(tmp_path):
    table, read = round_trip(a_form(copies=8), tmp_path)
    assert len(read) > 1
    assert [t.page for t in read] == list(range(1, len(read) + 1))
    assert texts(read) == texts([table])
    assert sum(t.n_rows for t in read) == table.n_rows
