"""document_kind tells a 绩效目标申报表 from a self-evaluation form and a 监控表, so the web
import routes each file to its reader: every 申报表 fixture in .docx, .xlsx and .pdf, the seed
self-evaluation files and the regional self-evaluation templates, and a 监控表 built here."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.regions.build import Spec, write_docx
from fixtures.targets.build import NAMES, spec
from seeds import SEED_FILES

from jixiao.extract.kinds import document_kind
from jixiao.model.grid import Paragraph
from jixiao.read import read_file

KINDS = ("docx", "xlsx", "pdf")
CASES = [(name, kind) for name in NAMES for kind in KINDS]


@pytest.mark.parametrize(("name", "kind"), CASES, ids=[f"{n}-{k}" for n, k in CASES])
def test_it_tells_a_targets_form_in_every_format(targets_files, name: str, kind: str) -> None:
    if (name, kind) not in targets_files:
        pytest.skip("LibreOffice (soffice) is not installed")
    assert document_kind(read_file(targets_files[name, kind])) == "targets"


@pytest.mark.parametrize("path", SEED_FILES, ids=[p.name[:3] for p in SEED_FILES])
def test_a_seed_self_evaluation_stays_self(path: Path) -> None:
    # seed 002's report speaks of “绩效运行监控自评” in a sentence: not a title
    assert document_kind(read_file(path)) == "self"


def test_the_regional_self_evaluation_templates_stay_self(region_files) -> None:
    kinds = {key: document_kind(read_file(path)) for key, path in region_files.items()}
    assert kinds and set(kinds.values()) == {"self"}, kinds


def test_a_targets_form_without_its_title_is_told_by_its_labels(targets_files) -> None:
    document = read_file(targets_files["mof", "docx"])
    document.blocks = [b for b in document.blocks if not isinstance(b, Paragraph)]
    assert document_kind(document) == "targets"  # 项目属性, 长期目标 beside 年度目标


def test_a_monitoring_table_is_told_by_its_columns(tmp_path: Path) -> None:
    rows = [
        ["项目名称", "公共服务经费", "<", "<", "<", "<"],
        ["项目资金（万元）", "全年预算数", "1-7月执行数", "1-7月执行率", "全年预计执行数", "<"],
        ["年度资金总额", "2175.9657", "652.7897", "30.00%", "2000", "<"],
        [
            "三级指标",
            "年度指标值",
            "1-7月实际完成值",
            "全年预计完成值",
            "完成目标可能性",
            "偏差原因",
        ],
        ["指标1：", "群众满意度", "96%", "≥95%", "确定能", ""],
    ]
    made = write_docx(Spec("m", {"rows": rows, "before": ["项目情况表"]}), tmp_path / "m.docx")
    assert document_kind(read_file(made)) == "monitoring"


def test_a_title_naming_monitoring_is_a_monitoring_table(tmp_path: Path) -> None:
    data = spec("mof").data | {"before": ["项目支出绩效运行监控表", "（2024年1-7月）"]}
    made = write_docx(Spec("m", data), tmp_path / "m.docx")
    assert document_kind(read_file(made)) == "monitoring"


def test_the_monitoring_fixtures_are_monitoring_tables(monitoring_files) -> None:
    kinds = {key: document_kind(read_file(path)) for key, path in monitoring_files.items()}
    assert kinds and set(kinds.values()) == {"monitoring"}, kinds
