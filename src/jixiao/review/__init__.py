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

# importing the family modules registers their rules, so the registry is complete as soon as
# this package is imported (a fresh worker reading RULES gets every title); they import only
# the registry and common modules, never this package's names, so there is no cycle
from jixiao.review import (  # noqa: E402, F401
    arithmetic,
    chain,
    completeness,
    flat,
    monitoring,
    quality,
    recognition,
    target_quality,
    targets,
)
