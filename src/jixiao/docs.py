"""The pages in docs/ that are generated from the code (rules, policies, datasets, CLI).

Each generator module has a `*_markdown()` function and a `main` that writes its page through
`write_page`; a test per page fails when the file in docs/ is stale.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"


def write_page(default: Path, text: str, argv: Sequence[str] | None = None) -> int:
    """Write a generated page to ``default``, or to the path given as the first argument."""
    args = sys.argv[1:] if argv is None else list(argv)
    target = Path(args[0]) if args else default
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"已写入 {target}")
    return 0
