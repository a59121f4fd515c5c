"""Scoring policies are data: shipped ones by name, a user's own by path, mistakes explained."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.scoring.policy import PolicyError, available, load_policy


def test_it_ships_the_mof_and_beijing_policies() -> None:
    assert {"mof-2020", "beijing"} <= set(available())
    mof = load_policy("mof-2020")
    assert mof.weights.execution == 10
    assert mof.weights.level1 == {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
    assert [(g.min, g.name) for g in mof.grades] == [(90, "优"), (80, "良"), (60, "中"), (0, "差")]
    assert mof.qualitative.bands["部分达成"].low == Decimal("0.6")


def test_beijing_gives_grade_letters_bands_of_their_own() -> None:
    beijing = load_policy("beijing")
    assert beijing.qualitative.grade_bands["良"].low == Decimal("0.8")
    assert beijing.qualitative.grade_bands["良"].high == Decimal("0.9")
    assert not load_policy("mof-2020").qualitative.grade_bands


def test_grades_have_inclusive_lower_bounds() -> None:
    policy = load_policy("mof-2020")
    assert policy.grade(Decimal(90)).name == "优"
    assert policy.grade(Decimal("89.99")).name == "良"
    assert policy.grade(Decimal(60)).name == "中"
    assert policy.grade(Decimal("59.99")).name == "差"


def test_a_user_can_write_a_policy_of_their_own(tmp_path: Path) -> None:
    path = tmp_path / "某区.toml"
    path.write_text(
        'name = "mine"\ntitle = "某区规则"\n[rounding]\ndecimals = 1\n'
        '[quantitative]\nreverse = "ratio"\n',
        encoding="utf-8",
    )
    policy = load_policy(path)
    assert (policy.name, policy.rounding.decimals, policy.quantitative.reverse) == (
        "mine",
        1,
        "ratio",
    )
    assert policy.weights.execution == 10  # what the file leaves out keeps its default


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            'name = "x"\ntitle = "y"\n[rounding]\ntolerence = "0.1"\n',
            "rounding.tolerence：不认识的设置项",
        ),
        ('name = "x"\ntitle = "y"\n[rounding]\ndecimals = "两位"\n', "rounding.decimals：应为数字"),
        (
            'name = "x"\ntitle = "y"\n[quantitative]\nreverse = "log"\n',
            "quantitative.reverse：取值只能是",
        ),
        ('title = "y"\n', "name：缺少此项"),
        (
            'name = "x"\ntitle = "y"\n[qualitative.words]\n"优" = "很好"\n',
            "不在 qualitative.bands 中",
        ),
        (
            'name = "x"\ntitle = "y"\n[[grades]]\nmin = 60\nname = "及格"\n[[grades]]\nmin = 90\nname = "优"\n',
            "从高到低",
        ),
        ('name = "x"\ntitle = [\n', "格式错误"),
    ],
)
def test_a_policy_with_a_mistake_gets_a_clear_message(tmp_path: Path, text: str, said: str) -> None:
    path = tmp_path / "错误.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    assert said in caught.value.message
    assert "错误.toml" in caught.value.message


def test_an_unknown_policy_name_lists_the_known_ones() -> None:
    with pytest.raises(PolicyError, match="beijing、dmp、hubei、mof-2020、sichuan、transfer"):
        load_policy("shanghai")
