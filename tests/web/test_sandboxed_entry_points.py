"""Every reader a user can hand a file to reads it in the limited child process
(`read/sandbox.py`), not only the self-evaluation import: the expert panel's score sheet and
report, the set-up workbook, the 部门决算说明 narrative and `jixiao targets`. Each entry point is
run on a real file with the sandbox on; `run_limited` is watched (and still does the reading),
and the reading in the child gives the same result as before."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from panel_world import EXPERTS, SEED_002, seed_panel
from seeds import SAMPLES

from jixiao.read import sandbox


@pytest.fixture
def children(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Each reading done in a child: what was run, and the child's process id (not ours)."""
    monkeypatch.setenv(sandbox.SANDBOX_ENV, "1")
    seen: list[tuple[str, int]] = []
    real = sandbox.run_limited

    def watched(func, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append((func.__name__, real(os.getpid)))
        return real(func, *args, **kwargs)

    monkeypatch.setattr(sandbox, "run_limited", watched)
    return seen


def in_a_child(seen: list[tuple[str, int]], what: str) -> None:
    assert [name for name, _ in seen] == [what]
    assert seen[0][1] != os.getpid()


def test_the_panel_score_sheet_is_read_in_a_child(world, children) -> None:
    panel = seed_panel(world)
    in_a_child(children, "read_bytes")
    assert panel.experts == EXPERTS


def test_the_panel_report_is_read_in_a_child(world, children) -> None:
    from jixiao.web.panels.services import create_panel, report_text_from_file

    panel = create_panel(
        world.filler_a,
        project="x",
        year=2021,
        organisation_id=world.unit_a.pk,
        framework="project",
        experts=["甲"],
    )
    children.clear()
    text = report_text_from_file(panel, SEED_002.name, SEED_002.read_bytes())
    in_a_child(children, "read_bytes")
    assert text


def test_the_set_up_workbook_is_read_in_a_child(children) -> None:
    from jixiao.web.setup_sheet.sheet import SheetError, read_sheet, write_template

    workbook = io.BytesIO()
    write_template(workbook, "110000", "某区财政局")
    with pytest.raises(SheetError, match="都没有填写数据"):  # the empty template, read
        read_sheet("机构人员.xlsx", workbook.getvalue())
    in_a_child(children, "read_bytes")


def test_the_final_accounts_narrative_is_read_in_a_child(children) -> None:
    import docx

    from jixiao.final_accounts.narrative import read_narrative_bytes

    document = docx.Document()
    for line in (SAMPLES / "002_00c192bc11a47879.txt").read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    data = io.BytesIO()
    document.save(data)
    narrative = read_narrative_bytes(data.getvalue(), "说明.docx")
    in_a_child(children, "read_bytes")
    assert narrative.file == "说明.docx" and narrative.paragraphs


def test_jixiao_targets_reads_in_a_child(children, tmp_path: Path) -> None:
    from jixiao.cli.targets import read_targets

    path = (
        Path(__file__).resolve().parents[2]
        / "samples_cycle"
        / "公共服务经费_2020_绩效目标申报表.docx"
    )
    forms, error = read_targets(path)
    in_a_child(children, "read_file")
    assert error is None and [f.project_name.text for f in forms] == ["公共服务经费"]
