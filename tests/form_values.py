"""Forms compared as declared: what a document says, without where it came from.

Shared by the round-trip tests of every writer and reader.
"""

from __future__ import annotations

from typing import Any

from jixiao.model.form import Form

# the header fields each official layout has no place for
DROPPED = {"beijing": (), "mof-2020": ("manager", "phone")}


def declared(forms: list[Form], drop: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Each form's declared content; the fields in ``drop`` blanked (a layout without them)."""
    out = []
    for form in forms:
        # where it came from is not what it declares: the file, and the template it was read
        # as (a form written in the mof-2020 layout reads back as "mof-2020")
        data = form.model_dump(exclude={"source", "layout"})
        for field in drop:
            data[field] = ""
        out.append(data)
    return out


def values(forms: list[Form], drop: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every declared value of the forms, by a dotted path (a failure names the one cell)."""
    out: dict[str, Any] = {}

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(f"{prefix}.{key}", item)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(f"{prefix}.{i}", item)
        else:
            out[prefix] = value

    for i, data in enumerate(declared(forms, drop)):
        walk(str(i), data)
    return out
