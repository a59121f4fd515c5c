"""One score format on every page: at most two decimals, no trailing zeros."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.web.forms.templatetags.display import score


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("98.00"), "98"),
        (Decimal("94.50"), "94.5"),
        (Decimal("9.01"), "9.01"),
        (Decimal("90.005"), "90.01"),
        (Decimal("100"), "100"),
        (Decimal("0.00"), "0"),
        (None, "—"),
        ("", "—"),
        ("不是数", "不是数"),
    ],
)
def test_a_score_is_shown_as_forms_write_it(value: object, shown: str) -> None:
    assert score(value) == shown
