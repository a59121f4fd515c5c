"""docs/layouts.md is generated from the code, stays current, and covers every layout."""

from __future__ import annotations

import pytest
from seeds import ROOT

from jixiao.scoring.layout_reference import LAYOUTS, layouts_markdown
from jixiao.scoring.policy import LAYOUT_POLICIES


def test_the_layouts_reference_page_is_current() -> None:
    page = (ROOT / "docs" / "layouts.md").read_text(encoding="utf-8")
    assert page == layouts_markdown(), (
        "运行 python -m jixiao.scoring.layout_reference 重新生成 docs/layouts.md"
    )


def test_every_layout_is_described_with_its_picture_and_policy() -> None:
    keys = [layout.key for layout in LAYOUTS]
    assert set(keys) == {"beijing", "mof-2020", *LAYOUT_POLICIES}
    page = layouts_markdown()
    for layout in LAYOUTS:
        assert (ROOT / "docs" / "renderings" / layout.picture).is_file(), layout.picture
        assert f"(renderings/{layout.picture})" in page
    assert "`hubei`（湖北省" in page and "预算执行 20；年度绩效目标1 40、年度绩效目标2 40" in page
    assert "| `transfer` | 转移支付 区域绩效自评表 | `transfer`" in page and "不计分" in page
    regions = pytest.importorskip("fixtures.regions.build")  # helper R's fixtures
    assert {spec.id for spec in regions.specs()} <= set(keys)
