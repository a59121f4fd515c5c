"""A 申报表 written as Word and Excel in the official layout reads back with the same declared
values: every fixture (财政部 layout, split targets with 分值 and 审核意见 in 元, seed 004's
公共服务经费), and the table has its merged cells."""

from __future__ import annotations

import io

import pytest
from fixtures.targets.build import NAMES
from openpyxl import load_workbook

from jixiao.extract.kinds import document_kind
from jixiao.extract.targets import extract_targets
from jixiao.model.targets import TargetsForm
from jixiao.read import read_bytes, read_file
from jixiao.write.targets import targets_docx, targets_table, targets_xlsx

WRITERS = {"docx": targets_docx, "xlsx": targets_xlsx}
CASES = [(name, fmt) for name in NAMES for fmt in WRITERS]


def declared(t: TargetsForm) -> dict[str, object]:
    """Every declared value by its dotted path, empty ones left out: a column the written form
    always has (备注, 项目属性) reads back as empty cells where the original had none."""
    out: dict[str, object] = {}

    def walk(prefix: str, value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(f"{prefix}{key}.", item)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(f"{prefix}{i}.", item)
        elif value not in ("", None):
            out[prefix.rstrip(".")] = value

    data = t.model_dump()
    data.pop("source")
    walk("", data)
    return out


@pytest.mark.parametrize(("name", "fmt"), CASES, ids=[f"{n}-{f}" for n, f in CASES])
def test_written_targets_read_back_the_same(targets_files, name: str, fmt: str) -> None:
    (t,) = extract_targets(read_file(targets_files[name, "docx"]))
    data = WRITERS[fmt](t)
    document = read_bytes(data, f"{name}.{fmt}")
    assert document_kind(document) == "targets"
    (back,) = extract_targets(document)
    assert declared(back) == declared(t)
    assert back.indicators[0].target.loc is not None  # read from a real cell


def test_the_split_layout_keeps_its_columns_and_merges(targets_files) -> None:
    (t,) = extract_targets(read_file(targets_files["split", "docx"]))
    table = targets_table(t)
    # 绩效指标 一级 二级 三级 指标性质 指标值 度量单位 分值 备注
    assert table.n_cols == 9
    level1 = next(c for c in table.cells if c.text == "产出指标")
    assert level1.rowspan == 5  # the five 产出指标 rows under one merged cell
    quantity = next(c for c in table.cells if c.text == "数量指标")
    assert quantity.rowspan == 2
    book = load_workbook(io.BytesIO(targets_xlsx(t)))
    sheet = book.active
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert "A1:I1" in merged  # the title across the table
    heads = [sheet.cell(row, 1).value for row in range(1, sheet.max_row + 1)]
    assert heads[:3] == ["项目支出绩效目标表", "（2025年度）", "项目名称"]


def test_a_form_with_neither_code_nor_manager_leaves_those_rows_out(targets_files) -> None:
    (t,) = extract_targets(read_file(targets_files["mof", "docx"]))
    texts = {c.text for c in targets_table(t).cells}
    assert "项目编码" not in texts and "项目负责人" not in texts
    assert {
        "项目名称",
        "项目属性",
        "年度资金总额",
        "长期目标",
        "年度目标",
        "指标值",
        "备注",
    } <= texts


def test_a_targets_form_typed_in_the_browser_writes_and_reads_back() -> None:
    # no cells anywhere, no indicators yet, no unit: the writer says 万元
    typed = TargetsForm.model_validate(
        {
            "source": {"file": "", "sha256": "", "format": "web", "index": 0},
            "year": 2026,
            "project_name": "2026年社区养老驿站运营补贴",
            "implementing_unit": "安贞街道办事处",
            "attribute": "新增",
            "funds": {"total": "120"},
            "annual_goal": "运营4家养老驿站。",
        }
    )
    for writer, suffix in ((targets_docx, "docx"), (targets_xlsx, "xlsx")):
        (back,) = extract_targets(read_bytes(writer(typed), f"typed.{suffix}"))
        assert (back.year, back.project_name.text, back.attribute.text) == (
            2026,
            "2026年社区养老驿站运营补贴",
            "新增",
        )
        assert (back.funds.total.text, back.funds.unit.text) == ("120", "万元")
        assert back.annual_goal.text == "运营4家养老驿站。" and back.indicators == []
