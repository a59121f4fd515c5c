"""The three-way merge of two people's edits of one form (editing.merge_forms), on a real seed."""

from __future__ import annotations

import copy

import pytest

from jixiao.web.forms.editing import fields_of, merge_forms


@pytest.fixture
def base(world) -> dict:
    return copy.deepcopy(world.form_a.latest.data)


def test_changes_on_one_side_each_are_both_taken(base) -> None:
    theirs, mine = copy.deepcopy(base), copy.deepcopy(base)
    theirs["manager"] = "张三"
    mine["funds"]["total"]["executed"] = "1900"
    merge = merge_forms(base, theirs, mine)
    assert not merge.conflicts
    assert merge.fields["manager"] == "张三" and merge.fields["funds.total.executed"] == "1900"
    assert {(i.place, i.side) for i in merge.items} == {
        ("项目负责人", "theirs"),
        ("项目资金 · 年度资金总额 · 全年执行数", "mine"),
    }
    assert merge.anything_of_mine


def test_a_field_both_changed_the_same_way_is_no_conflict(base) -> None:
    theirs, mine = copy.deepcopy(base), copy.deepcopy(base)
    theirs["phone"] = mine["phone"] = "12345678"
    merge = merge_forms(base, theirs, mine)
    assert [(i.field, i.side) for i in merge.items] == [("phone", "both")]
    assert not merge.anything_of_mine


def test_a_row_i_removed_and_they_left_alone_is_removed(base) -> None:
    theirs, mine = copy.deepcopy(base), copy.deepcopy(base)
    removed = mine["indicators"].pop(3)
    theirs["indicators"][0]["actual"] = "按月支出"
    merge = merge_forms(base, theirs, mine)
    assert merge.fields["indicator_count"] == str(len(base["indicators"]) - 1)
    names = [merge.fields[f"indicators.{k}.level2"] for k in range(len(base["indicators"]) - 1)]
    assert removed["level2"] not in names
    assert merge.fields["indicators.0.actual"] == "按月支出"
    assert merge.my_rows and "您增删了绩效指标行" in " ".join(merge.notes)


def test_a_row_they_removed_that_i_changed_is_kept_with_my_change(base) -> None:
    theirs, mine = copy.deepcopy(base), copy.deepcopy(base)
    del theirs["indicators"][2]
    mine["indicators"][2]["actual"] = "12月前完成"
    merge = merge_forms(base, theirs, mine)
    count = int(merge.fields["indicator_count"])
    assert count == len(base["indicators"])
    actuals = [merge.fields[f"indicators.{k}.actual"] for k in range(count)]
    assert "12月前完成" in actuals
    assert any("他人删除了" in note and "已保留您的修改" in note for note in merge.notes)


def test_a_row_both_added_is_one_row(base) -> None:
    row = {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "社工满意度"}
    theirs, mine = copy.deepcopy(base), copy.deepcopy(base)
    theirs["indicators"].append(row | {"target": "≥90%"})
    mine["indicators"].append(row | {"actual": "95%"})
    merge = merge_forms(base, theirs, mine)
    last = len(base["indicators"])
    assert merge.fields["indicator_count"] == str(last + 1)
    assert merge.fields[f"indicators.{last}.target"] == "≥90%"
    assert merge.fields[f"indicators.{last}.actual"] == "95%"


def test_the_merged_fields_cover_every_field_of_the_edit_page(base) -> None:
    merge = merge_forms(base, base, base)
    assert merge.fields == fields_of(base) and not merge.items
