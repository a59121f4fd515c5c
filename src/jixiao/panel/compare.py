"""When a figure as written agrees with the computed one.

A sheet or report writes 1.5 for 1.50 and 8.67% for 0.086666…: a written figure agrees when it
equals the computed value rounded half-up to the places compared, which are the places the
figure is written with, but never fewer than the computed value needs (up to the framework's
decimals). So "9" for 9.2 is wrong, "1.5" for 1.50 is right, "8.7%" for 8.67% is wrong at two
decimals.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.panel.compute import rounded


def places_of(value: Decimal) -> int:
    """Decimal places a value is written with (1.50 → 2, 24 → 0)."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def agrees(written: Decimal, computed: Decimal, decimals: int) -> bool:
    needed = min(decimals, places_of(computed.normalize()))
    places = max(places_of(written), needed)
    return rounded(written, places) == rounded(computed, places)
