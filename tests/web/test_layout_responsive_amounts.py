"""Amounts read at a glance: thousands separators, the unit in the column's heading, no float."""

from __future__ import annotations

from decimal import Decimal

from django.template import Context, Template
from django.urls import reverse

from jixiao.web.forms.templatetags.display import amount


def test_it_groups_thousands_and_rounds_to_the_cent() -> None:
    assert amount(Decimal("1234567.891")) == "1,234,567.89"
    assert amount(Decimal("0.005")) == "0.01"  # half-up, as the scoring rounds
    assert amount(Decimal("-1234.5")) == "-1,234.50"
    assert amount(1000) == "1,000.00"


def test_it_shows_a_missing_amount_as_a_dash() -> None:
    assert amount(None) == "—"


def test_it_keeps_every_digit_of_a_decimal_without_going_through_float() -> None:
    # 0.1 + 0.2 as Decimals is exactly 0.3; 9007199254740993 is beyond a float's integers
    assert amount(Decimal("0.1") + Decimal("0.2"), 4) == "0.30"
    assert amount(Decimal("9007199254740993")) == "9,007,199,254,740,993.00"
    assert amount(Decimal("-0.001")) == "0.00"  # never "-0.00"


def test_it_shows_up_to_four_decimals_when_asked_so_no_yuan_is_lost() -> None:
    assert amount(Decimal("0.2862"), 4) == "0.2862"  # 2862 元, not 2900
    assert amount(Decimal("12.4890"), 4) == "12.489"
    assert amount(Decimal("2175.965700"), 4) == "2,175.9657"


def test_declared_text_keeps_its_digits_and_only_gains_separators() -> None:
    assert amount("2175.9657") == "2,175.9657"
    assert amount("307800") == "307,800"
    assert amount("12,345.6") == "12,345.6"
    assert amount("") == ""
    assert amount("约50万元") == "约50万元"  # not a plain number: as written


def test_it_is_a_template_filter() -> None:
    rendered = Template("{% load display %}{{ v|amount }}|{{ w|amount:4 }}").render(
        Context({"v": Decimal("1234567.891"), "w": None})
    )
    assert rendered == "1,234,567.89|—"


def test_the_form_list_shows_amounts_with_separators_under_a_heading_with_the_unit(world) -> None:
    page = world.client(world.filler_a).get(reverse("forms:list")).content.decode()
    assert "全年预算数（万元）" in page and "全年执行数（万元）" in page
    assert '<td class="num">2,175.9657</td>' in page and '<td class="num">1,960.5869</td>' in page


def test_the_dashboard_shows_totals_with_separators(world) -> None:
    page = world.client(world.filler_a).get(reverse("dashboard")).content.decode()
    assert ">3,175.97</a>" in page  # 2175.9657 + 1000
    assert page.count("全年预算数（万元）") == 2


def test_the_form_page_groups_the_declared_funds(world) -> None:
    page = world.client(world.filler_b).get(reverse("forms:detail", args=[world.form_b.pk]))
    assert ">307,800<" in page.content.decode()
