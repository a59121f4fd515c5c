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
from jixiao.scoring.policy import Policy, load_policy, policy_for_layout
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
    policy: Policy  # the one named, or the default when each form took its layout's
    forms: list[CheckedForm] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    # every policy a form was checked under, by name (more than one when chosen by layout)
    policies: dict[str, Policy] = field(default_factory=dict)
    by_layout: bool = False  # each form checked under its layout's policy (no --policy)

    def policy_of(self, checked: CheckedForm) -> Policy:
        return self.policies.get(checked.computed.policy, self.policy)

    def to_json_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"policy": self.policy.name}
        if self.by_layout:
            data["policy_by_layout"] = True
            data["policies"] = sorted({f.computed.policy for f in self.forms})
        data["forms"] = [f.to_json_dict() for f in self.forms]
        data["errors"] = [e.model_dump() for e in self.errors]
        return data

    def worst(self) -> Severity | None:
        return worst(f for c in self.forms for f in c.findings)


def check_forms(forms: list[Form], policy: Policy) -> list[CheckedForm]:
    computeds = [score_form(form, policy) for form in forms]
    findings = review_forms(forms, computeds, policy)
    return [
        CheckedForm(form, computed, found)
        for form, computed, found in zip(forms, computeds, findings, strict=True)
    ]


def check_by_layout(
    forms: list[Form], default: str = "beijing"
) -> tuple[list[CheckedForm], dict[str, Policy]]:
    """Each form checked under the policy of its layout (`policy_for_layout`), `default` for
    Beijing and unknown layouts; forms under one policy are checked together, so cross-form
    rules see them side by side. In the forms' order, with the policies used by name."""
    groups: dict[str, list[int]] = {}
    for i, form in enumerate(forms):
        name = policy_for_layout(getattr(form, "layout", ""), default)
        groups.setdefault(name, []).append(i)
    out: list[CheckedForm | None] = [None] * len(forms)
    policies: dict[str, Policy] = {}
    for name, indexes in groups.items():
        policy = load_policy(name)
        policies[policy.name] = policy
        for i, checked in zip(
            indexes, check_forms([forms[i] for i in indexes], policy), strict=True
        ):
            out[i] = checked
    return [c for c in out if c is not None], policies


def check_paths(
    paths: Iterable[Path],
    policy: Policy | None,
    wrap: Callable[[list[Path]], Iterable[Path]] | None = None,
    default: str = "beijing",
) -> CheckResult:
    """Check the forms in these files under `policy`, or, when it is None, each under its
    layout's policy (`default` for Beijing and unknown layouts)."""
    parsed = parse_paths(paths, wrap=wrap)
    if policy is not None:
        return CheckResult(
            policy=policy,
            forms=check_forms(parsed.forms, policy),
            errors=parsed.errors,
            policies={policy.name: policy},
        )
    checked, policies = check_by_layout(parsed.forms, default)
    return CheckResult(
        policy=load_policy(default),
        forms=checked,
        errors=parsed.errors,
        policies=policies,
        by_layout=True,
    )
