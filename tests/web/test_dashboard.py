"""The dashboard: counts, money and scores per year and department; every number clicks through."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from jixiao.web.scope import forms_for
from jixiao.web.services.stats import dashboard


def test_it_sums_the_money_and_counts_the_forms_in_scope(world) -> None:
    figures = dashboard(forms_for(world.filler_a))
    totals = figures["totals"]
    assert totals["forms"] == 2  # 004's two forms
    assert totals["budget"] == Decimal("2175.9657") + Decimal("1000")
    assert totals["executed"] == Decimal("1960.5869") + Decimal("1000")
    assert totals["rate_text"] == "93.22%"  # 2960.5869 ÷ 3175.9657
    assert [d["department_name"] for d in figures["by_department"]] == ["安贞街道办事处"]
    assert sum(b["count"] for b in figures["score_bands"]) == 2
    assert dict((c, n) for c, n in figures["codes"])["FUNDS_RATE_MISMATCH"] == 1


def test_the_page_links_every_number_to_the_forms_behind_it(world) -> None:
    page = world.client(world.admin).get(reverse("dashboard") + "?year=2020").content.decode()
    assert (
        'href="/forms/?year=2020&amp;department=%E5%AE%89%E8%B4%9E%E8%A1%97%E9%81%93%E5%8A%9E%E4%BA%8B%E5%A4%84"'
        in page
    )
    assert 'href="/forms/?year=2020&amp;code=FUNDS_RATE_MISMATCH">1</a>' in page
    assert "执行率与资金不符" in page
    assert "市民服务中心工作经费" not in page and "乙街道" not in page  # 2024 is filtered out


def test_a_filler_sees_only_their_units_figures(world) -> None:
    page = world.client(world.filler_b).get(reverse("dashboard")).content.decode()
    assert "北京市西城区人民政府椿树街道办事处" in page and "安贞街道办事处" not in page
    figures = dashboard(forms_for(world.filler_b))
    assert figures["totals"]["forms"] == 1
    assert figures["totals"]["budget"] == Decimal("30.78")  # 307800 元 in 万元


def test_it_counts_forms_by_status_and_score_band_with_links(world) -> None:
    figures = dashboard(forms_for(world.admin))
    assert {s["status"]: s["count"] for s in figures["statuses"]} == {
        "draft": 3,
        "submitted": 0,
        "returned": 0,
        "approved": 0,
    }
    page = world.client(world.admin).get(reverse("dashboard")).content.decode()
    assert 'href="/forms/?status=draft">3</a>' in page
    band = next(b for b in figures["score_bands"] if b["count"])
    link = f"score_min={band['min']}" if band["min"] is not None else f"score_max={band['max']}"
    listed = world.client(world.admin).get(reverse("forms:list") + "?" + link).content.decode()
    assert listed.count('href="/forms/') >= band["count"]


def test_names_from_uploaded_documents_cannot_break_out_of_the_chart_data(world) -> None:
    world.form_a.department_name = "</script><script>alert(1)</script>"
    world.form_a.save()
    page = world.client(world.admin).get(reverse("dashboard")).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "\\u003C/script\\u003E" in page  # escaped inside the JSON
