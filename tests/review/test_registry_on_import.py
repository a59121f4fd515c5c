"""Importing jixiao.review registers every rule: a fresh worker that reads the registry (the
dashboard's rule titles) sees all of them without calling all_rules() first."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import jixiao.review.registry as registry
before = len(registry.RULES)
codes = {r.code for r in registry.all_rules()}
assert before == len(codes) == len(registry.RULES), (before, len(codes))
assert "TOTAL_SCORE_MISMATCH" in registry.RULES and "FUNDS_SUBROW_INCOMPLETE" in registry.RULES
print(before)
"""


def test_a_fresh_interpreter_has_every_rule_once_the_package_is_imported() -> None:
    for first in ("import jixiao.review", "import jixiao.review.registry"):
        done = subprocess.run(
            [sys.executable, "-c", first + "\n" + CHECK],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert int(done.stdout.strip()) > 40
