"""Every action the code records has its Chinese name in one table, and details read as words."""

from __future__ import annotations

import ast
from pathlib import Path

import jixiao
from jixiao.web.services import audit

SOURCE = Path(jixiao.__file__).parent


def recorded_actions() -> dict[str, str]:
    """Each action code written as a literal in an ``audit.record(…)`` (or a helper ``_audit``)
    call in src/, with where it is."""
    found: dict[str, str] = {}
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            func = node.func
            is_record = (
                isinstance(func, ast.Attribute)
                and func.attr == "record"
                and isinstance(func.value, ast.Name)
                and func.value.id == "audit"
            ) or (isinstance(func, ast.Name) and func.id == "_audit")
            if not is_record:
                continue
            for constant in ast.walk(node.args[1]):
                if isinstance(constant, ast.Constant) and isinstance(constant.value, str):
                    found[constant.value] = f"{path.relative_to(SOURCE)}:{node.lineno}"
    return found


def test_it_has_a_chinese_name_for_every_action_the_code_records() -> None:
    actions = recorded_actions()
    assert {"login", "import_file", "save_version", "org_deactivate", "panel.create"} <= set(
        actions
    )
    missing = {code: where for code, where in actions.items() if code not in audit.ACTIONS}
    assert missing == {}, (
        f"在 jixiao/web/services/audit.py 的 ACTIONS 中加上这些操作的中文名：{missing}"
    )


def test_it_names_the_workflow_steps_as_they_are_recorded() -> None:
    assert [audit.action_label(a) for a in ("提交", "退回", "审核通过")] == [
        "提交",
        "退回",
        "审核通过",
    ]


def test_it_shows_an_unknown_action_as_its_code() -> None:
    assert audit.action_label("brand_new_thing") == "brand_new_thing"


def test_it_describes_a_detail_in_words_leaving_empty_parts_out() -> None:
    detail = {"sha256": "ab12", "forms": 3, "error": "", "status": "returned", "whatever": 7}
    assert audit.describe(detail) == "状态：已退回；SHA-256：ab12；自评表：3；whatever：7"


def test_it_describes_the_parts_in_one_order_whatever_order_they_were_stored_in() -> None:
    # PostgreSQL's jsonb gives keys back in its own order: the line must not depend on it
    detail = {"forms": 3, "whatever": 7, "status": "returned", "sha256": "ab12"}
    assert audit.describe(detail) == "状态：已退回；SHA-256：ab12；自评表：3；whatever：7"


def test_it_describes_changes_as_old_and_new() -> None:
    detail = {"changes": {"name": ["旧名", "新名"], "email": ["", "a@b.cn"]}}
    assert audit.describe(detail) == "修改：名称 旧名 → 新名，电子邮箱 （空） → a@b.cn"


def test_it_counts_what_a_merge_carried_over_by_its_chinese_name(db) -> None:
    detail = {"merged": "乙（B01）", "moved": {"formrecord": 3, "people": 1}}
    assert audit.describe(detail) == "并入的单位：乙（B01）；随之转移：自评表 3，人员 1"


def test_it_names_roles_kinds_and_lists() -> None:
    assert audit.describe({"kind": "unit", "role": "审核人"}) == "类型：预算单位；角色：审核人"
    assert (
        audit.describe({"forms": [4, 5], "experts": ["甲", "乙"]}) == "自评表：4、5；专家：甲、乙"
    )
    assert audit.describe({}) == ""
