"""A department's own figures for a year (部门整体数据), entered on the department's page."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from jixiao.department.figures import DepartmentFigures
from jixiao.web.orgs.models import Organisation

# (model field, part or None, field of DepartmentFigures / Part, label)
FIELDS: list[tuple[str, str | None, str, str]] = [
    ("basic_initial_budget", "basic", "initial_budget", "基本支出·年初预算数"),
    ("basic_annual_budget", "basic", "annual_budget", "基本支出·全年预算数"),
    ("basic_executed", "basic", "executed", "基本支出·执行数"),
    ("project_initial_budget", "project", "initial_budget", "项目支出·年初预算数"),
    ("project_annual_budget", "project", "annual_budget", "项目支出·全年预算数"),
    ("project_executed", "project", "executed", "项目支出·执行数"),
    ("other_initial_budget", "other", "initial_budget", "其他支出·年初预算数"),
    ("other_annual_budget", "other", "annual_budget", "其他支出·全年预算数"),
    ("other_executed", "other", "executed", "其他支出·执行数"),
    ("carryover_prior", None, "carryover_prior", "上年结转"),
    ("balance_end", None, "balance_end", "年末结转结余"),
    ("final_accounts", None, "final_accounts", "决算数"),
]


def _amount(label: str) -> models.DecimalField:
    return models.DecimalField(
        f"{label}（万元）", max_digits=20, decimal_places=6, null=True, blank=True
    )


class DepartmentYear(models.Model):
    """The figures of one department for one year, in 万元; blank where not known."""

    department = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="department_years",
        limit_choices_to={"kind": Organisation.Kind.DEPARTMENT},
        verbose_name="主管部门",
    )
    year = models.IntegerField("年度")
    basic_initial_budget = _amount("基本支出·年初预算数")
    basic_annual_budget = _amount("基本支出·全年预算数")
    basic_executed = _amount("基本支出·执行数")
    project_initial_budget = _amount("项目支出·年初预算数")
    project_annual_budget = _amount("项目支出·全年预算数")
    project_executed = _amount("项目支出·执行数")
    other_initial_budget = _amount("其他支出·年初预算数")
    other_annual_budget = _amount("其他支出·全年预算数")
    other_executed = _amount("其他支出·执行数")
    carryover_prior = _amount("上年结转")
    balance_end = _amount("年末结转结余")
    final_accounts = _amount("决算数")
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = verbose_name_plural = "部门整体数据"
        constraints = [
            models.UniqueConstraint(fields=["department", "year"], name="one_figures_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.department}（{self.year}年度）"

    def to_figures(self) -> DepartmentFigures:
        parts: dict[str, dict[str, object]] = {"basic": {}, "project": {}, "other": {}}
        top: dict[str, object] = {"department": self.department.name, "year": self.year}
        for name, part, key, _ in FIELDS:
            value = getattr(self, name)
            if value is None:
                continue
            value = plain(value)
            if part is None:
                top[key] = value
            else:
                parts[part][key] = value
        return DepartmentFigures.model_validate({**top, **parts})


def plain(value: Decimal | None) -> Decimal | None:
    """696.850000 → 696.85 and 100.000000 → 100, never 1E+2."""
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
