"""Final-accounts narratives (部门决算说明): read the prose, find its numeric claims, check them.

`check_path` / `check_bytes` / `check_text` return an `AccountsCheck` (claims and findings);
`CLAIM_TYPES` is the catalogue of what is checked.
"""

from jixiao.final_accounts.catalogue import CLAIM_TYPES, ClaimType
from jixiao.final_accounts.check import (
    AccountsCheck,
    check_bytes,
    check_narrative,
    check_path,
    check_text,
)
from jixiao.final_accounts.claims import Claim, Location
from jixiao.final_accounts.narrative import Narrative, NarrativeParagraph

__all__ = [
    "CLAIM_TYPES",
    "AccountsCheck",
    "Claim",
    "ClaimType",
    "Location",
    "Narrative",
    "NarrativeParagraph",
    "check_bytes",
    "check_narrative",
    "check_path",
    "check_text",
]
