"""The template follows the scoring policy it is made for: the funds weight, the execution-rate
base, the cap, the rounding, the qualitative results offered and the rules it explains."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from template_filling import Filling, fill, recalculated

from jixiao.extract import extract_forms
from jixiao.read import read_file
from jixiao.scoring.policy import parse_policy
from jixiao.write.template_xlsx import write_template

# A region that scores execution on the initial budget, does not cap it, keeps one decimal,
# gives the funds 20 points and names its qualitative results in its own words.
OWN_POLICY = """
name = "own"
title = "某区自定规则"
[weights]
execution = 20
total = 100
level1 = { "产出指标" = 40, "效益指标" = 30, "满意度指标" = 10 }
[execution]
base = "initial_budget"
cap = false
[rounding]
decimals = 1
[qualitative.bands]
"好" = { low = "0.8", high = "1" }
"一般" = { low = "0.6", high = "0.8" }
"不好" = { low = "0", high = "0.6" }
[qualitative.words]
"好" = "好"
"较好" = "好"
"一般" = "一般"
"不好" = "不好"
"""


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("policy") / "模板.xlsx"
    write_template(path, policy=parse_policy(OWN_POLICY))
    return path


def test_it_scores_the_funds_as_the_policy_says(own: Path) -> None:
    """By hand: executed 33 of an initial budget of 30 (annual 40) → 110.00%, uncapped,
    20 × 1.1 = 22.0; the total weight is the funds' 20 plus the indicators' 80."""
    filled = fill(
        own,
        own.parent / "填报.xlsx",
        Filling(
            project_name="某项目",
            funds={"年度资金总额": (30, 40, 33)},
            indicators=[("产出指标", "数量指标", "次数", "≥10次", "10次", 80, 80, None)],
        ),
    )
    [form] = extract_forms(read_file(recalculated(filled)))
    assert form.funds.weight.text == "20"
    assert form.funds.execution_rate.text == "110.00%"
    assert form.funds.score.text == "22"
    assert form.total_weight.text == "100"
    assert form.total_score.text == "102"


def test_it_offers_the_policys_own_qualitative_words(own: Path) -> None:
    lists = load_workbook(own)["选项"]
    assert [c.value for c in lists["C"] if c.value] == ["定性结果", "好", "一般", "不好"]


def test_it_explains_the_policys_rules(own: Path) -> None:
    text = "\n".join(str(c.value) for c in load_workbook(own)["填报说明"]["A"] if c.value)
    assert "评分规则：某区自定规则" in text
    assert "执行率 = 全年执行数 ÷ 年初预算数；" in text  # no cap
    assert "保留 1 位小数" in text and "分值按评分规则为 20 分" in text
    assert "各三级指标分值之和应为 80 分" in text
    assert "产出指标 40 分、效益指标 30 分、满意度指标 10 分" in text
    assert "好 80%–100%；一般 60%–80%；不好 0%–60%" in text
