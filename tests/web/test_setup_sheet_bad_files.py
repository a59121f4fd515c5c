"""A set-up workbook that cannot be used gives one Chinese sentence naming the file and why."""

from __future__ import annotations

import io

import pytest
from docx import Document
from setup_sheet_world import workbook

from jixiao.read.safety import OLE_MAGIC
from jixiao.web.setup_sheet.sheet import SheetError, read_sheet


def refusal(name: str, data: bytes) -> str:
    with pytest.raises(SheetError) as refused:
        read_sheet(name, data)
    return refused.value.message


def test_it_refuses_an_empty_file() -> None:
    assert refusal("设置.xlsx", b"") == "设置.xlsx：文件是空的（0 字节）"


def test_it_refuses_a_corrupt_workbook() -> None:
    assert refusal("设置.xlsx", b"PK\x03\x04broken").startswith("设置.xlsx：文件已损坏或不完整")


def test_it_refuses_a_text_file_renamed_to_xlsx() -> None:
    message = refusal("设置.xlsx", "单位编码,名称\n".encode())
    assert message.startswith("设置.xlsx：文件扩展名为 .xlsx，但内容不是该格式")


def test_it_refuses_a_word_document_and_a_text_file() -> None:
    out = io.BytesIO()
    Document().save(out)
    assert refusal("设置.docx", out.getvalue()) == (
        "设置.docx：不是 Excel 工作簿，请上传 .xlsx 或 .xls 文件（可先下载模板填写）"
    )
    assert refusal("设置.csv", "单位编码,名称\n".encode()).startswith("设置.csv：不是 Excel 工作簿")


def test_it_refuses_an_encrypted_workbook() -> None:
    data = OLE_MAGIC + b"\x00" * 512 + "EncryptedPackage".encode("utf-16-le")
    assert refusal("设置.xlsx", data) == (
        "设置.xlsx：文件设有密码保护（已加密），请去除密码后重新提交"
    )


def test_it_names_the_sheets_it_looks_for_when_neither_is_there() -> None:
    message = refusal("设置.xlsx", workbook({"Sheet1": [["单位编码", "名称"], ["1", "甲"]]}))
    assert message.startswith("设置.xlsx：没有找到“机构”或“人员”工作表")


def test_it_names_the_missing_columns_and_the_sheet() -> None:
    data = workbook({"机构": [["单位编码", "名称"], ["110106001", "某区教育委员会"]]})
    assert refusal("设置.xlsx", data) == (
        "设置.xlsx：工作表“机构”缺少列：上级编码、类型（表头应为：单位编码、名称、上级编码、类型）"
    )


def test_the_e_mail_column_may_be_left_out() -> None:
    data = workbook(
        {"人员": [["用户名", "姓名", "机构编码", "角色"], ["lisi", "李四", "1", "审核人"]]}
    )
    assert read_sheet("设置.xlsx", data).people[0].email == ""
