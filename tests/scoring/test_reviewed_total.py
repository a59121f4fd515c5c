"""复核后总分: the reviewer's scores in place of the computed ones, else computed, else declared;
capped by the policy, graded, and explained in Chinese."""

from __future__ import annotations

from decimal import Decimal

from seeds import all_seed_forms

from jixiao.scoring.engine import score_form
from jixiao.scoring.policy import load_policy
from jixiao.scoring.reviewed import (
    COMPUTED,
    DECLARED,
    REVIEWED,
    items,
    path_index,
    reviewed_total,
)

BEIJING = load_policy("beijing")


def _version(project: str) -> tuple[dict, dict]:
    form = next(f for f in all_seed_forms() if f.project_name.text == project)
    return form.to_json_dict(), score_form(form, BEIJING).to_json_dict()


def _small(indicators: list[tuple[str, str, float | None]], funds: float | None = 10) -> tuple:
    """A form with named indicators (分值, 得分 as declared, computed score or None)."""
    data = {
        "funds": {"score": "10"},
        "indicators": [
            {"name": f"指标{i + 1}", "weight": w, "score": s}
            for i, (w, s, _) in enumerate(indicators)
        ],
    }
    computed = {
        "funds_score": funds,
        "indicators": [{"weight": float(w) if w else None, "score": c} for w, _, c in indicators],
    }
    return data, computed


def test_without_reviewed_scores_it_is_the_computed_total() -> None:
    data, computed = _version("公共服务经费")
    result = reviewed_total(data, computed, {}, BEIJING)
    assert result.total == Decimal(str(computed["total_score"]))
    assert result.grade == computed["grade"]
    assert result.reviewed_count == 0
    assert "尚无复核分" in result.explanation


def test_a_reviewed_score_replaces_the_computed_one() -> None:
    data, computed = _small([("50", "50", 50), ("40", "40", 40)], funds=10)
    result = reviewed_total(
        data, computed, {"funds": Decimal(9), "indicators[1]": Decimal("28.5")}, BEIJING
    )
    assert result.total == Decimal("87.50")
    assert result.grade == "良"
    assert [i.source for i in result.items] == [REVIEWED, COMPUTED, REVIEWED]
    assert result.explanation.startswith(
        "复核后总分 = 资金执行 9（复核） + 第1个指标“指标1” 50（计算） + 第2个指标“指标2” 28.5（复核）"
        " = 87.5，等级 良"
    )
    assert result.reviewed_count == 2


def test_an_indicator_jixiao_cannot_compute_counts_its_declared_score_up_to_its_weight() -> None:
    data, computed = _small([("50", "60", None), ("40", "35", None)], funds=10)
    result = reviewed_total(data, computed, {}, BEIJING)
    assert [i.counted for i in result.items] == [Decimal(10), Decimal(50), Decimal(35)]
    assert [i.source for i in result.items][1:] == [DECLARED, DECLARED]
    assert result.total == Decimal("95.00")


def test_an_item_with_no_score_at_all_makes_the_total_not_computable() -> None:
    data, computed = _small([("50", "满分", None)], funds=10)
    result = reviewed_total(data, computed, {}, BEIJING)
    assert result.total is None and result.grade == ""
    assert "第1个指标“指标1”" in result.explanation and "无法计算" in result.explanation
    fixed = reviewed_total(data, computed, {"indicators[0]": Decimal(45)}, BEIJING)
    assert fixed.total == Decimal("55.00")


def test_a_reviewed_total_over_full_marks_is_capped_by_the_policy() -> None:
    data, computed = _small([("60", "60", 60), ("40", "40", 40)], funds=10)
    result = reviewed_total(data, computed, {"funds": Decimal(10)}, BEIJING)
    assert result.uncapped == Decimal("110.00")
    assert result.total == Decimal(100)
    assert result.grade == "优"
    assert "封顶为 100" in result.explanation


def test_the_items_carry_names_weights_declared_and_computed_scores() -> None:
    data, computed = _version("公共服务经费")
    listed = items(data, computed, BEIJING)
    assert listed[0].path == "funds" and listed[0].weight == Decimal(10)
    assert len(listed) == len(data["indicators"]) + 1
    first = listed[1]
    assert first.path == "indicators[0]" and path_index(first.path) == 0
    assert first.name == data["indicators"][0]["name"]
    assert first.declared_text == data["indicators"][0]["score"]
    assert path_index("funds") is None and path_index("indicators[x]") is None
