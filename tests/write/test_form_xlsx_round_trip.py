"""Forms written to Excel in an official layout read back as the same forms, and each sheet is
the paper form: merged ranges, borders, wrapped text, widths, heights and an A4 print setup."""

import io

import pytest
from form_values import DROPPED, declared
from openpyxl import load_workbook
from seeds import all_seed_forms, seed_forms

from jixiao.extract import extract_forms
from jixiao.model.form import Declared, Form
from jixiao.read import read_bytes
from jixiao.write.forms import write_forms_xlsx


def written(forms: list[Form], layout: str = "beijing") -> bytes:
    buf = io.BytesIO()
    write_forms_xlsx(forms, buf, layout)
    return buf.getvalue()


@pytest.mark.parametrize("layout", ["beijing", "mof-2020"])
def test_all_fifty_seed_forms_in_one_workbook_read_back_unchanged(layout: str):
    forms = all_seed_forms()
    back = extract_forms(read_bytes(written(forms, layout), "自评表.xlsx"))
    assert declared(back) == declared(forms, DROPPED[layout])
    assert [f.source.format for f in back] == ["xlsx"] * 50


def test_each_form_gets_a_sheet_named_after_its_project_short_and_unique():
    forms = seed_forms("002")
    names = load_workbook(io.BytesIO(written(forms))).sheetnames
    assert len(names) == len(forms) == 18
    assert len(set(names)) == 18 and all(len(n) <= 31 for n in names)
    assert names[0] == forms[0].project_name.text[:31]
    # two forms of one project: the second sheet gets a number
    twice = load_workbook(io.BytesIO(written([forms[0], forms[0]]))).sheetnames
    assert twice == [names[0], f"{names[0][:29]}_2"]


def test_a_project_name_excel_forbids_in_a_sheet_title_is_made_safe():
    form = seed_forms("004")[0].model_copy(
        update={"project_name": Declared(text="'培训[2020]:讲座/考察?*'" + "长" * 40)}
    )
    name = load_workbook(io.BytesIO(written([form]))).sheetnames[0]
    # brackets, colon, slash, ? and * become "_"; an apostrophe may not start or end a title
    assert name == ("培训_2020__讲座_考察__'" + "长" * 40)[:31]
    back = extract_forms(read_bytes(written([form]), "x.xlsx"))
    assert back[0].project_name.text == form.project_name.text  # the cell keeps the name


def test_the_sheet_has_merged_ranges_borders_wrapping_and_the_layouts_fonts():
    form = seed_forms("000")[0]
    sheet = load_workbook(io.BytesIO(written([form]))).worksheets[0]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {
        "A1:I1",
        "A2:I2",
        "A3:B3",
        "C3:I3",
        "A6:B10",
    } <= merged  # title, year, 项目名称, 项目资金
    assert sheet["A1"].value == "项目支出绩效自评表" and sheet["A2"].value == "（2024年度）"
    assert sheet["A1"].font.sz == 22 and sheet["A1"].font.b and sheet["A1"].font.name == "宋体"
    assert sheet["C3"].value == "市民服务中心工作经费"
    last = sheet.max_row
    assert sheet.cell(row=last, column=1).value == "总分"
    covered = {c.coordinate for r in sheet.merged_cells.ranges for c in _cells(sheet, r)}
    for row in sheet.iter_rows(min_row=3, max_row=last, max_col=9):
        for cell in row:
            if cell.coordinate in covered:
                continue
            sides = (cell.border.left, cell.border.right, cell.border.top, cell.border.bottom)
            assert [s.style for s in sides] == ["thin"] * 4, cell.coordinate
            assert cell.alignment.wrap_text
            assert cell.font.name == "宋体" and cell.font.sz == 9
    for merged in sheet.merged_cells.ranges:  # a merged range is boxed on its outer edges
        if merged.min_row < 3:
            continue
        first = sheet.cell(row=merged.min_row, column=merged.min_col)
        end = sheet.cell(row=merged.max_row, column=merged.max_col)
        assert (first.border.top.style, first.border.left.style) == ("thin", "thin")
        assert (end.border.bottom.style, end.border.right.style) == ("thin", "thin")
    assert sheet["A1"].border.left.style is None  # the title sits above the table, unboxed


def _cells(sheet, merged):
    """The positions a merged range covers, less its top-left cell."""
    for row in sheet.iter_rows(
        min_row=merged.min_row,
        max_row=merged.max_row,
        min_col=merged.min_col,
        max_col=merged.max_col,
    ):
        for cell in row:
            if (cell.row, cell.column) != (merged.min_row, merged.min_col):
                yield cell


def test_numbers_stay_the_text_the_form_declared():
    form = seed_forms("000")[0]
    sheet = load_workbook(io.BytesIO(written([form]))).worksheets[0]
    assert sheet["F7"].value == "306852.55" and sheet["F7"].data_type == "s"
    assert sheet["G7"].value == "10" and sheet["H7"].value == "0.997"
    assert sheet["F7"].number_format == "@"


def test_columns_have_the_layouts_widths_and_rows_grow_with_their_text():
    form = seed_forms("000")[0]
    sheet = load_workbook(io.BytesIO(written([form]))).worksheets[0]
    widths = [sheet.column_dimensions[c].width for c in "ABCDEFGHI"]
    # 10 mm and 27 mm at 96 dpi, in Excel's 7-pixel characters less 5 pixels of padding
    assert widths[0] == pytest.approx((10 / 25.4 * 96 - 5) / 7, abs=0.01)
    assert widths[3] == pytest.approx((27 / 25.4 * 96 - 5) / 7, abs=0.01)
    goals_text_row = 12
    assert sheet.cell(row=goals_text_row, column=6).value.startswith("1.本项目的实施")
    short, tall = sheet.row_dimensions[3].height, sheet.row_dimensions[goals_text_row].height
    assert short < 25 and tall > 8 * short


def test_the_sheet_prints_on_a4_fitted_to_the_width_and_centred():
    sheet = load_workbook(io.BytesIO(written(seed_forms("004")[:1]))).worksheets[0]
    assert int(sheet.page_setup.paperSize) == 9  # A4 in the OOXML paper-size list
    assert sheet.page_setup.orientation == "portrait"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_options.horizontalCentered
    assert sheet.print_area == f"'{sheet.title}'!$A$1:$I${sheet.max_row}"
    assert sheet.page_margins.left == pytest.approx(20 / 25.4)


def test_no_forms_make_a_workbook_with_one_empty_sheet():
    data = written([])
    assert load_workbook(io.BytesIO(data)).sheetnames == ["无自评表"]
    assert extract_forms(read_bytes(data, "空.xlsx")) == []
