"""The chain on the real documents of one project's year: H1's 申报表 of seed 004's 公共服务经费
(tests/fixtures/targets/anzhen.toml) and the July 监控表 (tests/fixtures/monitoring), read from
their files, against the seed's December self-evaluation."""

from __future__ import annotations

import pytest
from chain_documents import anzhen, read_monitoring

from jixiao.extract.targets import extract_targets
from jixiao.model.form import Declared
from jixiao.read import read_file
from jixiao.review.chain import check_chain


@pytest.mark.parametrize("kind", ["docx", "xlsx", "pdf"])
def test_the_year_of_seed_004_gives_exactly_the_july_question(
    targets_files, monitoring_files, kind
) -> None:
    if ("anzhen", kind) not in targets_files or ("seed004_july", kind) not in monitoring_files:
        pytest.skip("LibreOffice (soffice) is not installed")
    (targets,) = extract_targets(read_file(targets_files["anzhen", kind]))
    july = read_monitoring(monitoring_files, "seed004_july", kind)
    findings = check_chain(anzhen(), targets=targets, monitoring=july)
    assert [(f.code, f.path, f.related_kind, f.related_path) for f in findings] == [
        ("CHAIN_UNLIKELY_FULL_SCORE", "indicators.0.score", "monitoring", "indicators.0.likelihood")
    ]


def test_a_december_form_that_changes_the_target_gets_both_findings(
    targets_files, monitoring_files
) -> None:
    """Issue 13's story: the December form changes the 完全不可能 indicator's target and scores it
    full — one finding points at the 申报表, one at the 监控表."""
    (targets,) = extract_targets(read_file(targets_files["anzhen", "xlsx"]))
    july = read_monitoring(monitoring_files, "seed004_july")
    form = anzhen()
    changed = "保障10个社区140名社工的工资、五险一金缴纳支出"
    form.indicators[0] = form.indicators[0].model_copy(update={"target": Declared(text=changed)})
    findings = check_chain(form, targets=targets, monitoring=july)
    assert {(f.code, f.related_kind, f.related_year) for f in findings} == {
        ("CHAIN_TARGET_CHANGED", "targets", 2020),
        ("CHAIN_UNLIKELY_FULL_SCORE", "monitoring", 2020),
    }
