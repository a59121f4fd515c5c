"""Shared fixtures for the review tests: every seed form reviewed once, found by project name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from seeds import all_seed_forms

from jixiao.model.finding import Finding, Severity
from jixiao.model.form import Form
from jixiao.review import review_form, review_forms
from jixiao.scoring.engine import score_form
from jixiao.scoring.policy import Policy, load_policy


@dataclass
class Reviewed:
    form: Form
    findings: list[Finding]

    @property
    def codes(self) -> set[str]:
        return {f.code for f in self.findings}

    def of(self, code: str) -> list[Finding]:
        return [f for f in self.findings if f.code == code]

    def one(self, code: str, path: str) -> Finding:
        found = [f for f in self.of(code) if f.path == path]
        assert found, f"{code} at {path} not found; got {[(f.code, f.path) for f in self.findings]}"
        return found[0]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]


@pytest.fixture(scope="session")
def policy() -> Policy:
    return load_policy("beijing")


@pytest.fixture(scope="session")
def all_reviewed(policy: Policy) -> list[Reviewed]:
    forms = all_seed_forms()
    results = review_forms(forms, [score_form(f, policy) for f in forms], policy)
    return [Reviewed(f, r) for f, r in zip(forms, results, strict=True)]


@pytest.fixture(scope="session")
def reviewed(all_reviewed: list[Reviewed]) -> Callable[..., Reviewed]:
    """The review of the seed form with this project name (and year, when names repeat)."""

    def find(name: str, year: int | None = None) -> Reviewed:
        matches = [
            r
            for r in all_reviewed
            if r.form.project_name.text == name and (year is None or r.form.year == year)
        ]
        assert len(matches) == 1, f"{len(matches)} seed forms named {name!r} ({year})"
        return matches[0]

    return find


@pytest.fixture
def review_changed(policy: Policy) -> Callable[..., Reviewed]:
    """Review a form after changing it: `review_changed(form, edit)` where edit mutates a copy."""

    def run(form: Form, edit: Callable[[Form], None]) -> Reviewed:
        copy = form.model_copy(deep=True)
        edit(copy)
        return Reviewed(copy, review_form(copy, score_form(copy, policy), policy))

    return run
