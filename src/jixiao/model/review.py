"""What the review of a form says, as the exports carry it beside the declared form.

The web application knows who reviewed a form and when; the command line does not. Writers take
an optional ``FormReview`` per form and leave its columns and blocks empty without one, so
`jixiao export` and the web's downloads share one writer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class FormReview:
    status: str = ""  # 草稿 / 已提交 / 已退回 / 已审核
    reviewer: str = ""  # who made the last review decision
    reviewed_at: str = ""  # when, "YYYY-MM-DD HH:MM"
    levels_passed: int | None = None  # review levels passed (all of them once approved)
    levels: int | None = None  # how many levels the policy names
    open_comments: int | None = None  # return comments not yet done
    comments: tuple[str, ...] = ()  # the reviewers' comments, oldest first
    reviewed_total: Decimal | None = None  # 复核后总分
    reviewed_grade: str = ""
    scores: Mapping[str, Decimal] = field(default_factory=dict)  # path → 复核分

    def score(self, path: str) -> Decimal | None:
        return self.scores.get(path)
