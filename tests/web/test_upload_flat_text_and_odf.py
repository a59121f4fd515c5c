"""Uploading what a new user has at hand: text pasted from a web page (a .txt with the table's
lines lost) and an OpenDocument file from LibreOffice or WPS. Both give the form; the pasted one
says on its page that it was rebuilt from text."""

from __future__ import annotations

import re
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from office import convert
from seeds import SAMPLES, seed_forms

from jixiao.model.grid import Paragraph
from jixiao.read import read_file
from jixiao.web.forms.models import FormRecord
from jixiao.write.docx_grid import write_docx
from jixiao.write.layout import form_table


def _upload(client, name: str, data: bytes, unit: object) -> str:
    response = client.post(
        reverse("forms:upload"),
        {"unit": unit.pk, "files": [SimpleUploadedFile(name, data)]},
        follow=True,  # to the job's page, which shows the file's result
    )
    assert response.status_code == 200
    return response.content.decode()


def _pasted(path: Path) -> bytes:
    """The seed's tables copied as text: one cell per line, no tabs."""
    lines: list[str] = []
    for block in read_file(path).blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text)
            continue
        for row in block.rows():
            lines += [re.sub(r"\s+", "", c.text) for c in row if not c.continued and c.text.strip()]
    return "\n".join(lines).encode("utf-8")


def test_pasted_text_uploads_as_a_form_marked_rebuilt(world) -> None:
    client = world.client(world.filler_a)
    page = _upload(
        client, "网页复制.txt", _pasted(SAMPLES / "000_6e77f7a237aa1684.txt"), world.unit_a
    )
    assert "读出 1 张自评表" in page
    record = FormRecord.objects.get(unit=world.unit_a, project_name="市民服务中心工作经费")
    assert ",FLAT_TEXT_REBUILT," in record.finding_codes
    detail = client.get(reverse("forms:detail", args=[record.pk])).content.decode()
    assert "由文字重建" in detail


def test_an_odt_uploads_as_the_form_it_holds(world, tmp_path: Path) -> None:
    source = tmp_path / "自评表.docx"
    write_docx([form_table(f, i) for i, f in enumerate(seed_forms("000"))], source)
    odt = convert(source, "odt")
    page = _upload(world.client(world.filler_a), "自评表.odt", odt.read_bytes(), world.unit_a)
    assert "读出 1 张自评表" in page
    record = FormRecord.objects.get(unit=world.unit_a, project_name="市民服务中心工作经费")
    assert ",FLAT_TEXT_REBUILT," not in record.finding_codes
