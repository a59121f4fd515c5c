"""Check forms: parse, score under a policy, review. What `jixiao check` and the web app call."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jixiao.model.finding import Finding, Severity, worst
from jixiao.model.form import FileError, Form
from jixiao.review.registry import review_forms
from jixiao.scoring.computed import Computed
from jixiao.scoring.engine import score_form
from jixiao.scoring.policy import Policy
from jixiao.services.parse import parse_paths


@dataclass
class CheckedForm:
    form: Form
    computed: Computed
    findings: list[Finding]

    def counts(self) -> dict[Severity, int]:
        out = dict.fromkeys(Severity, 0)
        for finding in self.findings:
            out[finding.severity] += 1
        return out

    def to_json_dict(self) -> dict[str, Any]:
        data = self.form.to_json_dict()
        data["computed"] = self.computed.to_json_dict()
        data["findings"] = [f.model_dump(mode="json") for f in self.findings]
        return data


@dataclass
class CheckResult:
    policy: Policy
    forms: list[CheckedForm] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "policy": self.policy.name,
            "forms": [f.to_json_dict() for f in self.forms],
            "errors": [e.model_dump() for e in self.errors],
        }

    def worst(self) -> Severity | None:
        return worst(f for c in self.forms for f in c.findings)


def check_forms(forms: list[Form], policy: Policy) -> list[CheckedForm]:
    computeds = [score_form(form, policy) for form in forms]
    findings = review_forms(forms, computeds, policy)
    return [
        CheckedForm(form, computed, found)
        for form, computed, found in zip(forms, computeds, findings, strict=True)
    ]


def check_paths(
    paths: Iterable[Path],
    policy: Policy,
    wrap: Callable[[list[Path]], Iterable[Path]] | None = None,
) -> CheckResult:
    parsed = parse_paths(paths, wrap=wrap)
    return CheckResult(policy=policy, forms=check_forms(parsed.forms, policy), errors=parsed.errors)
