"""Missing cells in a source row under a complete, agreeing total row are a warning; under an
incomplete total row they stay an error."""

from __future__ import annotations

from jixiao.model.finding import Severity

HEALTH = "医疗卫生能力提升及疾病预防控制经费项目"
CIVILISED = "通州区文明示范小区创建工作项目"


def test_a_source_row_with_only_the_initial_budget_is_a_warning(reviewed):
    r = reviewed(HEALTH)
    for column in ("annual_budget", "executed"):
        f = r.one("FUNDS_SUBROW_INCOMPLETE", f"funds.appropriation.{column}")
        assert f.severity is Severity.WARNING
        assert "当年财政拨款" in f.message and "190.21908" in f.message
    assert not r.of("FUNDS_AMOUNT_EMPTY")


def test_a_form_whose_only_fault_is_an_incomplete_subrow_has_no_error(reviewed):
    assert reviewed(HEALTH).errors == []


def test_an_incomplete_total_row_keeps_both_rows_errors(reviewed):
    r = reviewed(CIVILISED)
    for path in ("funds.total.initial_budget", "funds.appropriation.initial_budget"):
        assert r.one("FUNDS_AMOUNT_EMPTY", path).severity is Severity.ERROR
    assert not r.of("FUNDS_SUBROW_INCOMPLETE")


def test_rows_that_disagree_keep_the_gap_an_error(reviewed):
    # 政管局党费返还留成党建经费: total row complete, but its sources add up to 0.39, not 0.38
    r = reviewed("政管局党费返还留成党建经费")
    assert r.of("FUNDS_SOURCES_MISMATCH")
    assert not r.of("FUNDS_SUBROW_INCOMPLETE")
