"""Loading a framework: weights must add up at every level, and errors name the file and indicator."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.panel.framework import FrameworkError, available, load_framework

SMALL = """
name = "small"
total = "{total}"
[settings]
aggregation = "{aggregation}"
[[level1]]
name = "决策"
weight = "10"
  [[level1.level2]]
  name = "项目立项"
  weight = "{level2}"
  indicators = [
    {{ name = "立项依据充分性", weight = "5" }},
    {{ name = "立项程序规范性", weight = "{level3}" }},
  ]
"""


def write(tmp_path: Path, **values: str) -> Path:
    params = {"total": "10", "aggregation": "mean", "level2": "10", "level3": "5", **values}
    path = tmp_path / "small.toml"
    path.write_text(SMALL.format(**params), encoding="utf-8")
    return path


def test_the_shipped_framework_is_seed_002s() -> None:
    framework = load_framework("project")
    assert "project" in available()
    assert [(n.name, n.weight) for n in framework.level1] == [
        ("决策", 10),
        ("过程", 20),
        ("产出", 40),
        ("效益", 30),
    ]
    assert [(n.name, n.weight) for n in framework.level1[0].children] == [
        ("项目立项", 3),
        ("绩效目标", 4),
        ("资金投入", 3),
    ]
    assert len(framework.indicators()) == 18
    assert framework.settings.grade(Decimal("83.72")) == "良好"
    assert framework.settings.grade(Decimal("90")) == "优秀"
    assert framework.settings.grade(Decimal("59.99")) == "差"


def test_a_good_file_loads(tmp_path: Path) -> None:
    assert load_framework(write(tmp_path)).total == 10


def test_it_names_the_level2_group_whose_indicators_do_not_add_up(tmp_path: Path) -> None:
    path = write(tmp_path, level3="4")
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    message = caught.value.message
    assert str(path) in message
    assert "二级指标“项目立项”的分值为 10" in message and "之和为 9" in message


def test_it_names_the_level1_group_whose_level2_groups_do_not_add_up(tmp_path: Path) -> None:
    with pytest.raises(
        FrameworkError, match="一级指标“决策”的分值为 10，但其下各指标分值之和为 12"
    ):
        load_framework(write(tmp_path, level2="12", level3="7"))


def test_it_refuses_level1_groups_that_do_not_make_the_total(tmp_path: Path) -> None:
    with pytest.raises(FrameworkError, match="一级指标分值之和为 10（决策 10），不等于总分 100"):
        load_framework(write(tmp_path, total="100"))


def test_it_refuses_a_weight_that_is_not_a_number(tmp_path: Path) -> None:
    with pytest.raises(FrameworkError, match="三级指标“立项程序规范性”的分值“五”不是数字"):
        load_framework(write(tmp_path, level3="五"))


def test_it_refuses_an_unknown_aggregation(tmp_path: Path) -> None:
    with pytest.raises(FrameworkError, match="settings.aggregation"):
        load_framework(write(tmp_path, aggregation="median"))


def test_it_says_which_frameworks_exist() -> None:
    with pytest.raises(FrameworkError, match="没有名为“nope”的指标体系；可用：project"):
        load_framework("nope")


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("name = ", encoding="utf-8")
    with pytest.raises(FrameworkError, match="broken.toml 格式错误"):
        load_framework(path)
