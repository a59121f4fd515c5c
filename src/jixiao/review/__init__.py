"""Review: the rules that say what is wrong with a form (domain.md §5), run from a registry."""

from jixiao.review.registry import (
    RULES,
    Context,
    CrossContext,
    Rule,
    all_rules,
    cross_rule,
    review_form,
    review_forms,
    rule,
)

__all__ = [
    "RULES",
    "Context",
    "CrossContext",
    "Rule",
    "all_rules",
    "cross_rule",
    "review_form",
    "review_forms",
    "rule",
]
