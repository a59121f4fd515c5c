"""Helpers for the 申报表 / 监控表 / project tests: documents typed as the browser would make
them, and the fixtures' files uploaded through the import page.

The world itself is `tests/web/conftest.py`'s (two units under two departments, seed 004's
公共服务经费 in unit A); the files are the hand-checked fixtures of tests/fixtures/targets and
tests/fixtures/monitoring, built once per session (`targets_files`, `monitoring_files`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.test import Client
from django.urls import reverse

from jixiao.model.monitoring import MonitoringForm
from jixiao.model.targets import TargetsForm
from jixiao.web.forms.models import FormRecord
from jixiao.web.services.documents import typed_source

PROJECT = "公共服务经费"  # seed 004's project, in unit A of the world


def targets(name: str = PROJECT, year: int = 2020, code: str = "", **extra: Any) -> TargetsForm:
    """A 申报表 as typed in the browser: two indicators, 万元."""
    data: dict[str, Any] = {
        "source": typed_source("（测试）"),
        "layout": "targets",
        "year": year,
        "project_name": name,
        "project_code": code,
        "department": "甲街道办事处",
        "implementing_unit": "甲社区建设办公室",
        "funds": {"total": "100", "appropriation": "100", "other": "0", "unit": "万元"},
        "annual_goal": "保障社区工作者待遇",
        "indicators": [
            {
                "level1": "产出指标",
                "level2": "数量指标",
                "name": "保障社工人数",
                "target": "≥154人",
            },
            {
                "level1": "满意度指标",
                "level2": "服务对象满意度指标",
                "name": "群众满意度",
                "target": "≥95%",
            },
        ],
        **extra,
    }
    return TargetsForm.model_validate(data)


def monitoring(name: str = PROJECT, year: int = 2020, **extra: Any) -> MonitoringForm:
    data: dict[str, Any] = {
        "source": typed_source("（测试）"),
        "layout": "monitoring",
        "year": year,
        "period": "1-7月",
        "project_name": name,
        "department": "甲街道办事处",
        "implementing_unit": "甲社区建设办公室",
        "funds": {"annual_budget": "100", "executed": "30", "unit": "万元"},
        "indicators": [
            {
                "level1": "产出指标",
                "level2": "数量指标",
                "name": "保障社工人数",
                "target": "≥154人",
                "actual": "142人",
                "forecast": "148人",
                "likelihood": "完全不可能",
                "cause": "人员",
            }
        ],
        **extra,
    }
    return MonitoringForm.model_validate(data)


def upload(client: Client, path: Path, unit: int) -> str:
    """Upload one file through the import page; the page's text."""
    with path.open("rb") as handle:
        response = client.post(
            reverse("forms:upload"), {"unit": unit, "files": handle}, follow=True
        )  # to the job's page, which shows the file's result
    assert response.status_code == 200
    return response.content.decode()


def only(kind: str, **filters: Any) -> FormRecord:
    return FormRecord.documents.get(kind=kind, **filters)
