"""Typed values read from target and actual cells (domain.md §3)."""

from jixiao.values.model import Comparator, DateValue, Kind, Quantity, Value
from jixiao.values.parse import (
    compare,
    is_malformed_number,
    pairs,
    parse_number,
    parse_rate,
    parse_value,
    target_in_name,
)

__all__ = [
    "Comparator",
    "DateValue",
    "Kind",
    "Quantity",
    "Value",
    "compare",
    "is_malformed_number",
    "pairs",
    "parse_number",
    "parse_rate",
    "parse_value",
    "target_in_name",
]
