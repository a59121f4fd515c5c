"""Seed 002's department: its name and its figures file (the example shipped with jixiao)."""

from seeds import ROOT

FENGTAI = "丰台区政务服务管理局"
EXAMPLE = ROOT / "src" / "jixiao" / "department" / "examples" / "fengtai-2021.toml"
