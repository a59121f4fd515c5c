"""Missing scores: an empty panel says so once; a missing score is named and averaged around."""

from __future__ import annotations

from decimal import Decimal

from jixiao.panel.compute import compute
from jixiao.panel.framework import load_framework
from jixiao.panel.model import Panel


def test_an_empty_panel_gives_one_finding_not_eighteen() -> None:
    result = compute(Panel(load_framework(), ["甲", "乙"]))
    assert [f.code for f in result.findings] == ["PANEL_SCORE_MISSING"]
    assert "尚未录入任何评分" in result.findings[0].message
    assert result.total == 0


def test_a_missing_score_is_named_and_the_others_are_averaged() -> None:
    scores = {"立项依据充分性": [Decimal("1.5"), None, Decimal("1")]}
    result = compute(Panel(load_framework(), ["甲", "乙", "丙"], scores))
    row = next(r for r in result.rows if r.name == "立项依据充分性")
    assert (row.sum, row.count, row.score) == (Decimal("2.5"), 2, Decimal("1.25"))
    messages = [f.message for f in result.findings if f.location.endswith("立项依据充分性")]
    assert messages == ["“立项依据充分性”缺少专家乙的评分；得分按已有的 2 位专家计算"]
