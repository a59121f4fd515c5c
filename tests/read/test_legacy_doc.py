"""Old .doc and .wps files: read through LibreOffice when it is installed, refused in Chinese
with what to do when it is not."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from hand_form import hand_form

from jixiao.extract import extract_forms
from jixiao.read import ReadError, legacy, read_file
from jixiao.read.safety import OLE_MAGIC
from jixiao.write.docx_grid import write_docx
from jixiao.write.layout import form_table

OLD_WORD = OLE_MAGIC + bytes(512 - len(OLE_MAGIC)) + "项目支出绩效自评表".encode("utf-16-le")


@pytest.mark.parametrize("name", ["自评表.doc", "自评表.wps"])
def test_without_libreoffice_it_says_how_to_install_it_or_to_save_as_docx(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    path = tmp_path / name
    path.write_bytes(OLD_WORD)
    with pytest.raises(ReadError) as caught:
        read_file(path)
    message = caught.value.reason
    assert "LibreOffice" in message
    assert "apt install libreoffice-writer" in message
    assert "另存为 .docx" in message


def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> None:
    folder = tmp_path / "fake-bin"
    folder.mkdir()
    program = folder / "soffice"
    program.write_text(f"#!/bin/sh\n{script}\n")
    program.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}:/usr/bin:/bin")


def test_a_conversion_that_hangs_is_ended_and_reported(tmp_path, monkeypatch) -> None:
    pid_file = tmp_path / "pid"
    fake_soffice(tmp_path, monkeypatch, f"echo $$ > {pid_file}\nexec sleep 60")
    monkeypatch.setattr(legacy, "TIMEOUT_SECONDS", 1)
    path = tmp_path / "慢.doc"
    path.write_bytes(OLD_WORD)
    with pytest.raises(ReadError, match="超时"):
        read_file(path)
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)


def test_a_conversion_that_makes_no_file_is_reported(tmp_path, monkeypatch) -> None:
    fake_soffice(tmp_path, monkeypatch, "exit 0")
    path = tmp_path / "空.wps"
    path.write_bytes(OLD_WORD)
    with pytest.raises(ReadError, match="无法转换该 .wps 文件"):
        read_file(path)


def test_a_file_libreoffice_cannot_convert_is_reported(tmp_path: Path) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    path = tmp_path / "坏.doc"
    path.write_bytes(OLD_WORD)
    with pytest.raises(ReadError, match="LibreOffice"):
        read_file(path)


def test_a_doc_saved_from_a_docx_reads_back_as_the_same_form(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    form = hand_form()
    docx = tmp_path / "自评表.docx"
    write_docx([form_table(form)], docx)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "doc:MS Word 97",
            "--outdir",
            str(tmp_path / "doc"),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    path = tmp_path / "doc" / "自评表.doc"
    assert path.read_bytes().startswith(OLE_MAGIC)
    doc = read_file(path)
    assert (doc.file, doc.format) == (str(path), "doc")
    assert len(doc.sha256) == 64
    [back] = extract_forms(doc)
    [original] = extract_forms(read_file(docx))
    assert back.model_dump(exclude={"source"}) == original.model_dump(exclude={"source"})
    assert back.project_name.text == form.project_name.text == "社区养老服务驿站运营补贴"
    assert [i.name.text for i in back.indicators] == [i.name.text for i in form.indicators]
    assert back.source.file == str(path)


def test_a_temporary_folder_that_cannot_be_made_is_reported_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_soffice(tmp_path, monkeypatch, "exit 0")
    monkeypatch.setattr(legacy.tempfile, "tempdir", str(tmp_path / "missing"))
    path = tmp_path / "表.doc"
    path.write_bytes(OLD_WORD)
    with pytest.raises(ReadError, match="临时"):
        read_file(path)


def test_an_interrupted_conversion_leaves_no_libreoffice_running(tmp_path, monkeypatch) -> None:
    pid_file = tmp_path / "pid"
    fake_soffice(tmp_path, monkeypatch, f"echo $$ > {pid_file}\nexec sleep 60")

    class Interrupted(subprocess.Popen):
        def communicate(self, *args, timeout=None, **kwargs):
            if timeout is None:
                return super().communicate(*args, **kwargs)
            while not pid_file.exists() or not pid_file.read_text().strip():
                time.sleep(0.05)
            raise KeyboardInterrupt  # Ctrl-C while LibreOffice works

    monkeypatch.setattr(legacy.subprocess, "Popen", Interrupted)
    path = tmp_path / "表.doc"
    path.write_bytes(OLD_WORD)
    with pytest.raises(KeyboardInterrupt):
        read_file(path)
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)
