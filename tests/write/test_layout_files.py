"""Layouts are data: the shipped TOML files load, a bad file is refused in Chinese, a new file
(a province's variant) is a layout without any new code."""

import io
from pathlib import Path

import pytest
from seeds import seed_forms

from jixiao.extract import extract_forms
from jixiao.read import read_bytes
from jixiao.write.forms import layout_names, write_forms_docx, write_forms_xlsx
from jixiao.write.layout import LayoutError, available, form_table, load_layout

LAYOUTS = Path(__file__).resolve().parents[2] / "src" / "jixiao" / "write" / "layouts"
BEIJING = (LAYOUTS / "beijing.toml").read_text("utf-8")


def bad(tmp_path: Path, text: str) -> str:
    path = tmp_path / "我的版式.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LayoutError) as caught:
        load_layout(path)
    message = caught.value.message
    assert "我的版式.toml" in message  # the message names the file
    return message


def test_it_ships_the_beijing_and_the_mof_2020_layouts_with_chinese_titles():
    assert available() == ["beijing", "mof-2020"]
    names = dict(layout_names())
    assert names["beijing"].startswith("北京市项目支出绩效自评表")
    assert "财预〔2020〕10号" in names["mof-2020"]


def test_the_mof_2020_layout_has_no_manager_or_phone_row():
    beijing, mof = load_layout("beijing"), load_layout("mof-2020")
    assert [row.labels for row in beijing.header] == [
        ["项目名称"],
        ["主管部门", "实施单位"],
        ["项目负责人", "联系电话"],
    ]
    assert [row.labels for row in mof.header] == [["项目名称"], ["主管部门", "实施单位"]]
    assert mof.fields == {"project_name", "department", "implementing_unit"}


def test_the_shipped_layouts_fill_an_a4_page_between_the_margins():
    for name in available():
        layout = load_layout(name)
        assert layout.page.size_mm == (210, 297)
        assert sum(layout.grid.column_widths_mm) == pytest.approx(210 - 20 - 20)
        assert layout.fonts.title.size_pt == 22  # 二号
        assert layout.fonts.body.size_pt == 9  # 小五


def test_the_default_table_is_the_beijing_layout():
    form = seed_forms("000")[0]
    assert form_table(form) == form_table(form, layout="beijing")
    texts = [c.text for c in form_table(form).cells]
    assert "项目负责人" in texts and "联系电话" in texts
    texts = [c.text for c in form_table(form, layout="mof-2020").cells]
    assert "项目负责人" not in texts and "联系电话" not in texts
    assert "全年执行数" in texts and "全年执行数（B）" not in texts


def test_an_unknown_layout_name_lists_the_ones_there_are():
    with pytest.raises(LayoutError, match="没有名为“shanghai”的版式；可用：beijing、mof-2020"):
        load_layout("shanghai")


def test_a_missing_layout_file_is_named_in_the_message(tmp_path):
    with pytest.raises(LayoutError, match="无法读取版式文件 .*不存在.toml"):
        load_layout(tmp_path / "不存在.toml")


def test_a_file_that_is_not_toml_is_refused(tmp_path):
    assert "格式错误（TOML）" in bad(tmp_path, "id = \n")


def test_a_missing_block_is_named(tmp_path):
    text = BEIJING.split("[indicators]")[0]
    assert "indicators：缺少此项" in bad(tmp_path, text)


def test_a_misspelt_setting_is_named(tmp_path):
    text = BEIJING.replace("[fonts]", "[fonts]\ncolour = 1")
    assert "fonts.colour：不认识的设置项" in bad(tmp_path, text)


def test_eight_column_widths_are_refused(tmp_path):
    text = BEIJING.replace(
        "column_widths_mm = [10, 15, 19, 27, 25, 25, 12, 15, 22]",
        "column_widths_mm = [10, 15, 19, 27, 25, 25, 12, 15]",
    )
    assert "grid.column_widths_mm：个数不对：应为 9 个，实际 8 个" in bad(tmp_path, text)


def test_columns_wider_than_the_page_are_refused(tmp_path):
    text = BEIJING.replace(
        "[10, 15, 19, 27, 25, 25, 12, 15, 22]", "[30, 15, 19, 27, 25, 25, 12, 15, 22]"
    )
    assert "之和 190 毫米超过版心宽度 170 毫米" in bad(tmp_path, text)


def test_a_font_size_that_is_not_a_number_is_refused(tmp_path):
    text = BEIJING.replace("size_pt = 9 }", 'size_pt = "小五" }')
    assert "fonts.body.size_pt：应为数字，实际为 '小五'" in bad(tmp_path, text)


def test_header_spans_that_do_not_fill_nine_columns_are_refused(tmp_path):
    text = BEIJING.replace("spans = [2, 7]", "spans = [2, 6]")
    assert "spans 之和必须是 9" in bad(tmp_path, text)


def test_an_unknown_header_field_is_refused(tmp_path):
    text = BEIJING.replace('fields = ["manager", "phone"]', 'fields = ["manager", "fax"]')
    assert "header.2.fields.1：取值只能是" in bad(tmp_path, text)


def test_a_label_the_reader_would_not_recognise_is_refused(tmp_path):
    text = BEIJING.replace('"实际\\n完成值"', '"完成情况说明"')
    message = bad(tmp_path, text)
    assert "indicators.heads 中的“完成情况说明”不是 jixiao 认得的标签（应能读作 actual）" in message


def test_a_label_under_the_wrong_field_is_refused(tmp_path):
    text = BEIJING.replace(
        'labels = ["项目负责人", "联系电话"]', 'labels = ["联系电话", "项目负责人"]'
    )
    message = bad(tmp_path, text)
    assert "header[2].labels 中的“联系电话”不是 jixiao 认得的标签（应能读作 manager）" in message


def test_a_title_without_the_word_for_the_form_is_refused(tmp_path):
    text = BEIJING.replace('form_title = "项目支出绩效自评表"', 'form_title = "绩效表"')
    assert "form_title“绩效表”必须含“自评表”" in bad(tmp_path, text)


def test_a_province_variant_is_a_new_file_and_writes_forms_that_read_back(tmp_path):
    """A made-up variant: 项目实施单位 for 实施单位, no phone row, other widths and fonts."""
    text = (
        BEIJING.replace('id = "beijing"', 'id = "sichuan-example"')
        .replace('labels = ["主管部门", "实施单位"]', 'labels = ["主管部门", "项目实施单位"]')
        .replace('labels = ["项目负责人", "联系电话"]', 'labels = ["项目负责人"]')
        .replace('fields = ["manager", "phone"]', 'fields = ["manager"]')
        .replace("spans = [2, 3, 2, 2]\n\n[funds]", "spans = [2, 7]\n\n[funds]")
        .replace("[10, 15, 19, 27, 25, 25, 12, 15, 22]", "[12, 15, 19, 25, 25, 25, 12, 15, 22]")
        .replace(
            'body = { name = "宋体", size_pt = 9 }', 'body = { name = "仿宋", size_pt = 10.5 }'
        )
    )
    path = tmp_path / "sichuan.toml"
    path.write_text(text, encoding="utf-8")
    layout = load_layout(path)
    assert layout.id == "sichuan-example"
    texts = [c.text for c in form_table(seed_forms("004")[0], layout=path).cells]
    assert "项目实施单位" in texts and "联系电话" not in texts

    forms = seed_forms("004")[:2]
    buf = io.BytesIO()
    write_forms_docx(forms, buf, layout=path)
    back = extract_forms(read_bytes(buf.getvalue(), "川.docx"))
    assert [f.implementing_unit.text for f in back] == [f.implementing_unit.text for f in forms]
    assert [f.manager.text for f in back] == [f.manager.text for f in forms]
    assert len(back) == len(forms) == 2
    assert [f.phone.text for f in back] == ["", ""]
    buf = io.BytesIO()
    write_forms_xlsx(forms, buf, layout=str(path))
    back = extract_forms(read_bytes(buf.getvalue(), "川.xlsx"))
    assert [f.model_dump()["indicators"] for f in back] == [
        f.model_dump()["indicators"] for f in forms
    ]
