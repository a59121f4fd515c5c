"""Labels spelled the many ways real forms spell them map to one canonical name."""

from __future__ import annotations

import pytest

from jixiao.extract.vocabulary import clean, normalise, stated_points, vocabulary


@pytest.mark.parametrize(
    ("label", "canonical"),
    [
        ("产出标指", "产出指标"),
        ("产出指标\n（50分）", "产出指标"),
        ("效益(30分）", "效益指标"),
        ("满意度\n指标\n（10分）", "满意度指标"),
        ("效益指标", "效益指标"),
    ],
)
def test_it_names_level_one_labels(label: str, canonical: str) -> None:
    assert vocabulary().level1_name(label) == canonical


@pytest.mark.parametrize(
    ("label", "canonical"),
    [
        ("服务对象满意度标", "服务对象满意度指标"),
        ("数量指标1", "数量指标"),
        ("经济效益\n指标", "经济效益指标"),
        ("经济效益\n\n指标", "经济效益指标"),
        ("生态效益\n指标1", "生态效益指标"),
        ("服务对象满意度指标（10分）", "服务对象满意度指标"),
        ("可持续影响指标2", "可持续影响指标"),
        ("质量指标", "质量指标"),
    ],
)
def test_it_names_level_two_labels(label: str, canonical: str) -> None:
    assert vocabulary().level2_name(label) == canonical


def test_it_does_not_guess_a_name_for_unknown_labels() -> None:
    assert vocabulary().level1_name("决策") is None
    assert vocabulary().level2_name("") is None


def test_it_reads_column_labels_broken_over_lines() -> None:
    columns = vocabulary().funds_columns
    assert columns[normalise("年初预\n算数")] == "initial_budget"
    assert columns[normalise("全年执行数\n（B）")] == "executed"
    assert columns[normalise("执行率\n（B/A）")] == "execution_rate"


def test_it_reads_points_written_into_a_label() -> None:
    assert stated_points("产出指标\n（50分）") == "50"
    assert stated_points("绩\n效\n指\n标\n（90分）") == "90"
    assert stated_points("产出指标") is None


def test_it_normalises_whitespace_but_keeps_lines() -> None:
    assert clean("  上年结转资金 ") == "上年结转资金"
    assert clean("年初\u3000 预算数\n\n 第二行 ") == "年初 预算数\n第二行"


@pytest.mark.parametrize("name", ["指标1：", "指标2:", "……", "…", "", "指标3"])
def test_it_knows_placeholder_names(name: str) -> None:
    assert vocabulary().is_placeholder(name)


def test_a_named_indicator_is_not_a_placeholder() -> None:
    assert not vocabulary().is_placeholder("指标1：回收淘汰违规车")
