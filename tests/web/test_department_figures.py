"""Entering a department's figures on its page: stored, audited, and used for the rates."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from jixiao.web.departments.models import DepartmentYear
from jixiao.web.orgs.models import AuditEvent

SEED_002 = {
    "basic_annual_budget": "696.85",
    "basic_executed": "673.06",
    "project_annual_budget": "3452.50",
    "project_executed": "3452.88",
    "balance_end": "23.41",
    "final_accounts": "4149.35",
}


def _url(department, year: int = 2020) -> str:  # type: ignore[no-untyped-def]
    return reverse("departments:detail", args=[department.pk, year])


def test_the_figures_are_stored_audited_and_give_the_rates(world) -> None:
    client = world.client(world.reviewer_a)
    response = client.post(_url(world.dept_a), SEED_002, follow=True)
    page = response.content.decode()
    assert "部门数据已保存" in page
    row = DepartmentYear.objects.get(department=world.dept_a, year=2020)
    assert row.basic_annual_budget == Decimal("696.85")
    assert row.updated_by == world.reviewer_a
    event = AuditEvent.objects.get(action="department_figures")
    assert event.user == world.reviewer_a
    assert event.detail["changes"]["基本支出·全年预算数"] == [None, "696.85"]
    # 4125.94 ÷ 4149.35 = 99.44%; the overall score can now be computed
    assert "4125.94 ÷ 4149.35 = 99.44%" in page
    assert 'id="overall-grade"' in page


def test_changing_one_figure_audits_only_that_change(world) -> None:
    client = world.client(world.reviewer_a)
    client.post(_url(world.dept_a), SEED_002)
    client.post(_url(world.dept_a), {**SEED_002, "balance_end": "30"})
    last = AuditEvent.objects.filter(action="department_figures").order_by("-created", "-pk")[0]
    assert last.detail["changes"] == {"年末结转结余": ["23.410000", "30"]}


def test_a_wrong_figure_is_refused_in_chinese(world) -> None:
    client = world.client(world.reviewer_a)
    response = client.post(_url(world.dept_a), {**SEED_002, "basic_executed": "六百"})
    page = response.content.decode()
    assert "基本支出·执行数应为数字" in page
    assert not DepartmentYear.objects.exists()
    response = client.post(_url(world.dept_a), {**SEED_002, "balance_end": "-1"})
    assert "年末结转结余不能为负数" in response.content.decode()


def test_nobody_can_enter_figures_for_another_department(world) -> None:
    response = world.client(world.reviewer_a).post(_url(world.dept_b, 2024), SEED_002)
    assert response.status_code == 404
    response = world.client(world.filler_a).post(_url(world.dept_a), SEED_002)
    assert response.status_code == 404
    assert not DepartmentYear.objects.exists()
