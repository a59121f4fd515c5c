"""After the sample import the dashboard adds every form's budget in 万元, 000's 元 converted."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from seeds import all_seed_forms

from jixiao.scoring.engine import parse_number
from jixiao.web.forms.models import FormRecord
from jixiao.web.scope import forms_for
from jixiao.web.services.stats import dashboard

YUAN_FORM = "市民服务中心工作经费"


def _in_wanyuan(text: str, name: str) -> Decimal:
    value = parse_number(text)
    assert value is not None
    return value / 10000 if name == YUAN_FORM else value


def test_the_budget_total_is_the_sum_of_the_forms_in_wanyuan(world) -> None:
    world.client(world.admin).post(reverse("forms:samples"))
    forms = all_seed_forms()
    assert FormRecord.objects.count() == len(forms)
    budget = sum(
        (_in_wanyuan(f.funds.total.annual_budget.text, f.project_name.text) for f in forms),
        Decimal(0),
    )
    executed = sum(
        (_in_wanyuan(f.funds.total.executed.text, f.project_name.text) for f in forms),
        Decimal(0),
    )
    totals = dashboard(forms_for(world.admin))["totals"]
    assert totals["budget"] == budget
    assert totals["executed"] == executed
    record = FormRecord.objects.get(project_name=YUAN_FORM)
    assert record.annual_budget == Decimal("30.78") and record.executed == Decimal("30.685255")


def test_the_form_page_shows_the_conversion_and_keeps_the_finding(world) -> None:
    world.client(world.admin).post(reverse("forms:samples"))
    record = FormRecord.objects.get(project_name=YUAN_FORM)
    page = world.client(world.admin).get(reverse("forms:detail", args=[record.pk]))
    text = page.content.decode()
    assert (
        "全年预算数：表中金额按元填写（307800 ≥ 10000），换算为万元：307800 ÷ 10000 = 30.78" in text
    )
    assert "若实际按元填写，应为 30.78 万元" in text  # the finding is kept
    assert "307800" in text  # the declared amount is shown as written
