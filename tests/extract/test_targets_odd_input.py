"""extract_targets on what is not a clean single 申报表: nothing, a 项目名称 row alone, a 申报表
without indicators, two 申报表 one after the other, the self-evaluation seeds — never an
exception, and never a 申报表 made up from something else."""

from __future__ import annotations

from seeds import SEED_FILES

from jixiao.extract.kinds import document_kind
from jixiao.extract.targets import extract_targets
from jixiao.model.grid import Cell, Document, Loc, Paragraph, Table
from jixiao.read import read_file


def table(rows: list[list[str]], index: int = 0) -> Table:
    cells = [
        Cell(text=text, row=r, col=c, loc=Loc(index, r, c))
        for r, row in enumerate(rows)
        for c, text in enumerate(row)
    ]
    return Table(index=index, cells=cells)


def test_an_empty_document_holds_no_targets() -> None:
    empty = Document(file="空.docx", sha256="0", format="docx")
    assert extract_targets(empty) == []
    assert document_kind(empty) == "self"


def test_a_project_name_alone_is_no_targets_form() -> None:
    doc = Document(
        file="a.docx", sha256="0", format="docx", blocks=[table([["项目名称", "某项目"]])]
    )
    assert extract_targets(doc) == []


def test_a_targets_form_without_indicators_keeps_its_goal() -> None:
    rows = [
        ["项目名称", "2025年某项目"],
        ["项目属性", "新增"],
        ["年度目标", "完成某事"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
    ]
    doc = Document(
        file="a.docx",
        sha256="0",
        format="docx",
        blocks=[Paragraph("项目支出绩效目标申报表"), table(rows)],
    )
    (t,) = extract_targets(doc)
    assert (t.year, t.annual_goal.text, t.indicators) == (2025, "完成某事", [])


def test_two_targets_forms_in_one_file_read_apart(targets_files) -> None:
    first = read_file(targets_files["mof", "docx"])
    second = read_file(targets_files["split", "docx"])
    both = Document(
        file="两张.docx", sha256="0", format="docx", blocks=first.blocks + second.blocks
    )
    a, b = extract_targets(both)
    assert (a.year, a.title.text, a.project_name.text, len(a.indicators)) == (
        2024,
        "项目支出绩效目标申报表",
        "2024年基本公共卫生服务项目",
        8,
    )
    assert (b.year, b.title.text, b.project_name.text, len(b.indicators)) == (
        2025,
        "项目支出绩效目标表",
        "2025年农村实用技术培训",
        7,
    )
    assert (a.source.index, b.source.index) == (0, 1)


def test_the_self_evaluation_seeds_hold_no_targets_form() -> None:
    for path in SEED_FILES:
        assert extract_targets(read_file(path)) == [], path.name
