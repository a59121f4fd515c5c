"""Helpers of the 监控表 rule tests (a module of its own: `conftest` is not importable by name
when several test folders have one)."""

from __future__ import annotations

from jixiao.review.monitoring import MonitoringResult


def codes(result: MonitoringResult, code: str) -> list[str]:
    """The paths of the findings of one code."""
    return [f.path for f in result.findings if f.code == code]
