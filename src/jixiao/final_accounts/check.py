"""Check a final-accounts narrative: its claims, and a finding for every claim that is wrong.

What `jixiao accounts`, the web page and the API all call. The narrative's own figures are kept as
stated; what jixiao computes sits beside them, and a difference is a finding, never a correction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jixiao.final_accounts.catalogue import CLAIM_TYPES
from jixiao.final_accounts.claims import Claim, find_claims
from jixiao.final_accounts.narrative import (
    Narrative,
    narrative_from_text,
    read_narrative_bytes,
    read_narrative_file,
)
from jixiao.final_accounts.patterns import sentences
from jixiao.model.finding import Finding, Severity, worst


@dataclass
class AccountsCheck:
    narrative: Narrative
    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """How many claims agree, are wrong, cannot be checked."""
        return {
            "ok": sum(1 for c in self.claims if c.ok is True),
            "wrong": sum(1 for c in self.claims if c.ok is False),
            "unchecked": sum(1 for c in self.claims if c.ok is None),
        }

    def paragraphs_json(self) -> list[dict[str, Any]]:
        """The narrative sentence by sentence, for a page that shows each claim in its place."""
        return [
            {
                "number": p.number,
                "line": p.line,
                "section": p.section,
                "where": p.describe(),
                "sentences": sentences(p.text),
            }
            for p in self.narrative.paragraphs
        ]

    def worst(self) -> Severity | None:
        return worst(self.findings)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "file": self.narrative.file,
            "year": self.narrative.year,
            "sections": self.narrative.sections,
            "counts": self.counts(),
            "claims": [c.to_json_dict() for c in self.claims],
            "findings": [f.model_dump(mode="json") for f in self.findings],
        }


def check_narrative(narrative: Narrative) -> AccountsCheck:
    claims = find_claims(narrative)
    findings = [_finding(i, claim) for i, claim in enumerate(claims) if claim.ok is False]
    return AccountsCheck(narrative, claims, findings)


def check_text(text: str, file: str = "粘贴的文本", year: int | None = None) -> AccountsCheck:
    return check_narrative(narrative_from_text(text, file, year))


def check_bytes(data: bytes, file: str, year: int | None = None) -> AccountsCheck:
    """Raises `jixiao.read.ReadError` (Chinese reason) when the file cannot be read."""
    return check_narrative(read_narrative_bytes(data, file, year))


def check_path(path: Path, year: int | None = None) -> AccountsCheck:
    return check_narrative(read_narrative_file(path, year))


def _finding(index: int, claim: Claim) -> Finding:
    kind = CLAIM_TYPES[claim.kind]
    code = claim.code or kind.code
    return Finding(
        code=code,
        severity=kind.severity,
        message=_message(claim),
        location=claim.location.describe(),
        path=f"claims.{index}",
    )


def _message(claim: Claim) -> str:
    """The finding in Chinese: what the narrative says, and the figure that would be right."""
    item = f"“{claim.item}”" if claim.item else ""
    said = f"文中写“{claim.text}”"
    if claim.code == "ACCOUNTS_ZERO_BASE":
        return f"{item}{said}，但{claim.explanation}"
    if claim.kind == "change_rate":
        right = f"应为{claim.computed}%" if claim.computed is not None else "无法成立"
        return f"{item}{said}，增减率{right}（{claim.explanation}）"
    if claim.kind in ("share", "completion"):
        return f"{item}{said}，按金额计算应为{claim.computed}%（{claim.explanation}）"
    if claim.kind == "parts_sum":
        return f"{item}分项合计与总数不符：{claim.explanation}"
    if claim.kind == "change":
        return f"{item}{said}，增减额应为{claim.computed}万元（{claim.explanation}）"
    if claim.kind == "year":
        return f"{said}，{claim.explanation}"
    if claim.kind == "balance":
        return f"收入总计与支出总计不等：{claim.explanation}"
    if claim.kind == "amount":
        return f"{item}此处为{claim.stated}万元，{claim.explanation}"
    return f"{item}{said}：{claim.explanation}"
