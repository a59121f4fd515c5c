"""The seed documents shipped in samples/, read once per test session."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jixiao.extract import extract_forms
from jixiao.model.form import Form
from jixiao.read import read_file

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_FILES = sorted(SAMPLES.glob("*.txt"))


@cache
def seed_forms(prefix: str) -> list[Form]:
    """The forms of the seed whose file name starts with ``prefix`` ("000", "002", …)."""
    path = next(p for p in SEED_FILES if p.name.startswith(prefix))
    return extract_forms(read_file(path))


def all_seed_forms() -> list[Form]:
    return [f for p in ("000", "002", "003", "004") for f in seed_forms(p)]
