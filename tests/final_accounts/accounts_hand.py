"""Small hand-made narratives for the claim-type tests: check one text, pick claims by kind."""

from __future__ import annotations

from jixiao.final_accounts import AccountsCheck, Claim, check_text


def claims(text: str, kind: str, year: int | None = None) -> list[Claim]:
    return [c for c in check_text(text, year=year).claims if c.kind == kind]


def only(text: str, kind: str, year: int | None = None) -> Claim:
    found = claims(text, kind, year)
    assert len(found) == 1, found
    return found[0]


def checked(text: str, year: int | None = None) -> AccountsCheck:
    return check_text(text, year=year)
