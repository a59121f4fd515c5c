"""A review finding: what is wrong, how bad, in words a clerk understands, and where."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, SerializerFunctionWrapHandler, model_serializer


class Severity(StrEnum):
    ERROR = "error"  # the form is wrong by the rules
    WARNING = "warning"  # a person should look
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


class Finding(BaseModel):
    code: str  # stable, e.g. "FUNDS_RATE_MISMATCH"
    severity: Severity
    message: str  # Chinese, names the values involved
    location: str  # Chinese, e.g. "资金表·年度资金总额·执行率（第1个表格第7行第7列）"
    path: str = ""  # dotted path into the form, e.g. "funds.execution_rate", "indicators.3.score"
    # a finding between two documents of one project (issue 13) also points at the other one:
    # its kind ("targets", "monitoring", "self"), year and the dotted path into it
    related_kind: str = ""
    related_year: int | None = None
    related_path: str = ""

    @model_serializer(mode="wrap")
    def _without_empty_related(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if isinstance(data, dict) and not self.related_kind:
            for key in ("related_kind", "related_year", "related_path"):
                data.pop(key, None)
        return data


def worst(findings: Iterable[Finding]) -> Severity | None:
    """The most serious severity among the findings; None when there are none."""
    return max((f.severity for f in findings), key=lambda s: s.rank, default=None)
