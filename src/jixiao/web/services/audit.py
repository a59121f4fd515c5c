"""The audit log: one line per state change, written by the service that made it.

Each line names the organisation it concerns (a form's unit, an organisation itself, or what
the caller gives), so a reviewer's log page shows the events of their own scope.

This module is also the one home of what the codes mean to a reader: `ACTIONS` names every
action in Chinese and `describe` turns an event's detail into a readable line. A new
`record(...)` call with a new code gets its label here; a code without one is shown as it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.apps import apps

from jixiao.web.forms.models import FormRecord
from jixiao.web.orgs.models import AuditEvent, Membership, Organisation

# action code → what it is called on the log page (提交, 退回, 审核通过 are recorded in Chinese)
ACTIONS: dict[str, str] = {
    "login": "登录",
    "login_failed": "登录失败",
    "login_blocked": "登录被拒（失败次数过多）",
    "create_api_token": "生成 API 令牌",
    "revoke_api_token": "撤销 API 令牌",
    "import_file": "导入文件",
    "save_version": "保存版本",
    "restore_version": "恢复旧版本",
    "提交": "提交",
    "退回": "退回",
    "审核通过": "审核通过",
    "comment_fixed": "标记已修改",
    "comment_confirmed": "确认修改",
    "comment_reopened": "重新打开意见",
    "export": "导出",
    "export_template": "下载填报模板",
    "department_figures": "录入部门数据",
    "department_report": "下载部门评价报告",
    "panel.create": "新建专家评价",
    "panel.experts": "修改专家名单",
    "panel.scores": "录入专家评分",
    "panel.upload": "上传专家评分表",
    "panel.report": "核对评价报告",
    "panel.download": "下载专家评分表",
    "import_narrative": "导入决算说明",
    "import_narrative_failed": "导入决算说明失败",
    "org_create": "新建机构",
    "org_update": "修改机构",
    "org_move": "移动机构",
    "org_merge": "合并单位",
    "org_deactivate": "停用机构",
    "org_activate": "启用机构",
    "person_create": "新建人员",
    "person_update": "修改人员",
    "role_grant": "授予角色",
    "role_revoke": "取消角色",
    "person_deactivate": "停用账号",
    "person_activate": "启用账号",
    "password_reset": "重置密码",
    "password_change": "修改密码",
    "setup_sheet": "批量导入设置",
    "round_open": "发起自评任务",
    "export_progress": "导出进度表",
    "no_projects": "申报无项目",
    "recheck": "重新审核",
    "no_projects_withdrawn": "撤回无项目申报",
    "notification": "发送提醒",
    "reminder": "发送提醒",
    "audit_export": "导出操作记录",
    "review_pass": "审核通过（转下一级）",
    "reopen": "重新打开审核",
    "void_form": "作废自评表",
    "restore_form": "恢复自评表",
    "void_document": "作废申报表或监控表",
    "restore_document": "恢复申报表或监控表",
    "review_scores": "复核评分",
    "并入项目": "并入项目",
    "rectification_create": "提出整改要求",
    "rectification_start": "开始整改",
    "rectification_evidence": "上传整改佐证材料",
    "rectification_done": "报告整改完成",
    "rectification_confirm": "确认整改",
    "rectification_reopen": "重新打开整改事项",
}

# detail key → its name on the log page; keys without one are shown as they are
DETAIL_KEYS: dict[str, str] = {
    "status": "状态",
    "version": "版本",
    "restored": "恢复自版本",
    "note": "说明",
    "file": "文件",
    "sha256": "SHA-256",
    "forms": "自评表",
    "error": "错误",
    "failures": "连续失败次数",
    "address": "地址",
    "code": "编码",
    "name": "名称",
    "email": "电子邮箱",
    "kind": "类型",
    "changes": "修改",
    "old": "原上级",
    "new": "新上级",
    "count": "涉及机构数",
    "merged": "并入的单位",
    "moved": "随之转移",
    "role": "角色",
    "format": "格式",
    "year": "年度",
    "department": "部门编号",
    "project": "项目",
    "experts": "专家",
    "wrong": "不符处",
    "reason": "原因",
    "deadline": "截止日期",
    "tasks": "任务数",
    "skipped": "已有任务而跳过",
    "filters": "筛选条件",
    "events": "记录数",
    "people": "人员",
    "total": "复核后总分",
    "comment": "意见",
    "level": "审核级次",
    "title": "问题",
    "source": "来源",
    "due": "整改期限",
}

# detail values that are codes of a known kind, shown by their Chinese name
_VALUE_LABELS: dict[str, dict[str, str]] = {
    "status": dict(FormRecord.Status.choices),
    "kind": dict(Organisation.Kind.choices),
    "role": dict(Membership.Role.choices),
}


def organisation_of(target: object) -> Organisation | None:
    if isinstance(target, Organisation):
        return target
    for attribute in ("unit", "organisation", "department"):
        found = getattr(target, attribute, None)
        if isinstance(found, Organisation):
            return found
    memberships = getattr(target, "memberships", None)
    if memberships is not None:  # a person: the organisation of their first role
        first = memberships.select_related("organisation").order_by("pk").first()
        return first.organisation if first else None
    return None


def record(
    user: Any, action: str, target: object = "", *, about: Organisation | None = None, **detail: Any
) -> None:
    event(user, action, target, about=about, **detail).save()


def event(
    user: Any,
    action: str,
    target: object = "",
    *,
    about: Organisation | None = None,
    about_id: int | None = None,
    **detail: Any,
) -> AuditEvent:
    """The line `record` writes, not saved yet: many are written at once by `record_all`.
    ``about_id``: the organisation by its id (a record's ``unit_id``, without reading the unit)."""
    line = AuditEvent(
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        target=str(target)[:200],
        detail=detail,
    )
    if about is None and about_id is not None:
        line.organisation_id = about_id
    else:
        line.organisation = about or organisation_of(target)
    return line


def record_all(events: Sequence[AuditEvent]) -> None:
    """Several lines in one insert, in their order."""
    AuditEvent.objects.bulk_create(events)


def action_label(action: str) -> str:
    """The action's Chinese name; an unknown code as it is."""
    return ACTIONS.get(action, action)


def describe(detail: object) -> str:
    """An event's detail as one readable line: ``名称：值；修改：名称 旧 → 新``; empty parts left out."""
    if not isinstance(detail, Mapping):
        return "" if detail in (None, "", {}) else str(detail)
    parts = []
    # in the label table's order, the same on every database (PostgreSQL's jsonb reorders keys)
    order = {key: i for i, key in enumerate(DETAIL_KEYS)}
    for key, value in sorted(
        detail.items(), key=lambda kv: (order.get(str(kv[0]), len(order)), str(kv[0]))
    ):
        text = _value(str(key), value)
        if text:
            parts.append(f"{DETAIL_KEYS.get(str(key), str(key))}：{text}")
    return "；".join(parts)


def _value(key: str, value: object) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Mapping):
        return "，".join(_change(str(k), v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return _VALUE_LABELS.get(key, {}).get(str(value), str(value))


def _change(key: str, value: object) -> str:
    """One entry of a nested detail: a change ``[old, new]`` as ``名称 旧 → 新``, else ``名称 值``
    (what a merge carried over is counted by model: ``自评表 3``)."""
    name = DETAIL_KEYS.get(key) or _model_names().get(key, key)
    if isinstance(value, list | tuple) and len(value) == 2:
        old, new = (_value(key, v) or "（空）" for v in value)
        return f"{name} {old} → {new}"
    return f"{name} {_value(key, value)}"


def _model_names() -> dict[str, str]:
    return {m._meta.model_name: str(m._meta.verbose_name) for m in apps.get_models()}
