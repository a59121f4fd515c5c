"""GET /api/departments: the departments a user may see, and one department's evaluation."""

from __future__ import annotations

from django.test import Client

from jixiao.web.departments.services import save_figures
from jixiao.web.services.tokens import create_token


def api(user) -> tuple[Client, dict[str, str]]:  # type: ignore[no-untyped-def]
    return Client(), {"HTTP_AUTHORIZATION": f"Bearer {create_token(user, 'test')}"}


def test_it_lists_only_the_users_departments(world) -> None:
    client, auth = api(world.reviewer_a)
    assert client.get("/api/departments", **auth).json() == [
        {"id": world.dept_a.pk, "name": "甲街道办事处", "years": [2020]}
    ]
    client, auth = api(world.filler_a)
    assert client.get("/api/departments", **auth).json() == []


def test_it_gives_the_evaluation_with_how_each_number_was_computed(world) -> None:
    from decimal import Decimal

    save_figures(
        world.admin,
        world.dept_a,
        2020,
        {"basic_annual_budget": Decimal("100"), "basic_executed": Decimal("90")},
    )
    client, auth = api(world.reviewer_a)
    data = client.get(f"/api/departments/{world.dept_a.pk}/2020", **auth).json()
    assert data["department"] == "甲街道办事处"
    assert data["count"] == 2
    assert data["total_budget"]["value"] == "3175.9657"
    assert data["execution_rate"]["value"] == "0.9000"  # 90 ÷ 100
    assert data["execution_rate"]["how"].endswith("90.00 ÷ 100.00 = 90.00%")
    assert data["grade"]


def test_another_departments_evaluation_is_not_found(world) -> None:
    client, auth = api(world.reviewer_a)
    assert client.get(f"/api/departments/{world.dept_b.pk}/2024", **auth).status_code == 404
    client, auth = api(world.filler_a)
    assert client.get(f"/api/departments/{world.dept_a.pk}/2020", **auth).status_code == 404


def test_it_refuses_requests_without_a_token(world) -> None:
    assert Client().get(f"/api/departments/{world.dept_a.pk}/2020").status_code == 401
