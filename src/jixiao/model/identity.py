"""Which form a form is: the key that makes a re-upload of it a new version, not a second form.

Within one unit and year a form is its project: the 项目编码 when the form has one, else the
project name reduced so that the same name typed or read differently is one name — half-width
(NFKC), no whitespace, brackets and quotes of either width alike, letters in one case.
"""

from __future__ import annotations

import re
import unicodedata

_DROP = re.compile(r"[\s\"'“”‘’「」『』《》〈〉()\[\]{}【】〔〕<>·・,，、。.:：;；!！?？_\-—–]+")
MAX_LENGTH = 400


def normalised_name(name: str) -> str:
    return _DROP.sub("", unicodedata.normalize("NFKC", name)).casefold()


def form_identity(project_name: str, project_code: str = "") -> str:
    """ "code:…" when the project code is known, else "name:…"; "" when neither is (such a form
    is never matched to another)."""
    code = normalised_name(project_code)
    if code:
        return f"code:{code}"[:MAX_LENGTH]
    name = normalised_name(project_name)
    return f"name:{name}"[:MAX_LENGTH] if name else ""
