"""A .doc that holds LibreOffice: the conversion is ended at its time limit and the file is
refused as taking too long; if the reading process itself is ended first, LibreOffice is
ended with it. Either way the batch goes on."""

from __future__ import annotations

import time
from pathlib import Path

import hostile_files
import pytest
from seeds import SAMPLES

from jixiao.read import safety
from jixiao.read.safety import OLE_MAGIC, Limits
from jixiao.services.parse import parse_paths

OLD_WORD = OLE_MAGIC + bytes(512 - len(OLE_MAGIC)) + "项目支出绩效自评表".encode("utf-16-le")


def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a_挂起.doc").write_bytes(OLD_WORD)
    (folder / "b_自评表.txt").write_bytes((SAMPLES / "004_b10b36a27f1da553.txt").read_bytes())
    return folder


def gone(pid: int) -> bool:
    for _ in range(50):  # a killed process is reaped by init a moment later
        if not hostile_files.running(pid):
            return True
        time.sleep(0.1)
    return False


def test_a_conversion_over_its_time_is_refused_and_libreoffice_ended(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid_file = tmp_path / "soffice.pid"
    monkeypatch.setenv("PATH", hostile_files.fake_soffice(tmp_path / "bin", pid_file))
    monkeypatch.setattr(safety, "LIMITS", Limits(legacy_seconds=1))
    result = parse_paths([batch(tmp_path)])
    [error] = result.errors
    assert error.message.startswith("a_挂起.doc：") and "耗时过长" in error.message
    assert "损坏" not in error.message
    assert len(result.forms) == 2  # the next file is read
    assert gone(int(pid_file.read_text()))


def test_libreoffice_is_ended_with_a_reading_process_ended_by_the_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid_file = tmp_path / "soffice.pid"
    monkeypatch.setenv("PATH", hostile_files.fake_soffice(tmp_path / "bin", pid_file))
    monkeypatch.setattr(safety, "LIMITS", Limits(legacy_seconds=60, wall_seconds=2))
    result = parse_paths([batch(tmp_path)])
    [error] = result.errors
    assert "耗时过长" in error.message
    assert len(result.forms) == 2
    assert gone(int(pid_file.read_text()))  # in a session of its own, ended all the same
