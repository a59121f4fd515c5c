"""CHAIN_UNLIKELY_FULL_SCORE: "完全不可能" in July, full marks in December (issue 13's browser
story: seed 004's 公共服务经费 and its July table)."""

from __future__ import annotations

from chain_documents import anzhen, of, read_monitoring

from jixiao.model.form import Declared
from jixiao.review.chain import check_chain


def test_it_flags_full_marks_for_the_indicator_july_gave_up_on(monitoring_files) -> None:
    july = read_monitoring(monitoring_files, "seed004_july")
    (found,) = of(check_chain(anzhen(), monitoring=july), "CHAIN_UNLIKELY_FULL_SCORE")
    assert (found.path, found.related_kind, found.related_year, found.related_path) == (
        "indicators.0.score",
        "monitoring",
        2020,
        "indicators.0.likelihood",
    )
    assert "完全不可能" in found.message and "全年保障10个社区148名社工" in found.message
    assert "满分 10 分" in found.message
    assert found.severity == "error"


def test_a_score_below_full_is_consistent_with_the_forecast(monitoring_files) -> None:
    july = read_monitoring(monitoring_files, "seed004_july", "docx")
    form = anzhen()
    form.indicators[0] = form.indicators[0].model_copy(update={"score": Declared(text="8")})
    assert of(check_chain(form, monitoring=july), "CHAIN_UNLIKELY_FULL_SCORE") == []
