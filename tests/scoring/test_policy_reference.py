"""docs/policies.md is generated from the code and stays current."""

from __future__ import annotations

from seeds import ROOT

from jixiao.scoring.policy import Policy
from jixiao.scoring.reference import SETTINGS, policy_markdown


def test_the_policy_reference_page_is_current() -> None:
    page = (ROOT / "docs" / "policies.md").read_text(encoding="utf-8")
    assert page == policy_markdown(), (
        "运行 python -m jixiao.scoring.reference 重新生成 docs/policies.md"
    )


def test_every_setting_of_the_policy_model_is_explained() -> None:
    paths = {"grades"}
    for section, field in Policy.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
            paths |= {f"{section}.{name}" for name in annotation.model_fields}
    assert paths == set(SETTINGS)
