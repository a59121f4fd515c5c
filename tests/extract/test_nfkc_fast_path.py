"""`nfkc` replaces the usual compatibility characters before normalising (CPython's NFKC is
slow on Chinese text that is not normal already): the result is NFKC's, whatever the text."""

from __future__ import annotations

import random
import unicodedata

from jixiao.extract.vocabulary import _compat, nfkc, normalise


def test_it_gives_what_unicodedata_gives_for_form_texts() -> None:
    for text in (
        "",
        "项目资金（万元）",
        "年初预算数（Ａ）",
        "产出指标（５０分）",
        "满意度≥９５％，㎡，①，Ⅲ，℃，\u3000，\u00a0，ﬁ",
        "本项目的实施，旨在为群众提供便捷的政务服务环境。" * 20,
        "ｶﾞ ｷﾟ Å e\u0301 \u1100\u1161\u11a8",
    ):
        assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_it_gives_what_unicodedata_gives_beside_combining_marks() -> None:
    """A replaced character next to a combining mark still composes as NFKC composes it."""
    pattern, changed = _compat()
    pool = [*changed, "a", "A", "e", "か", "ｶ", "ﾞ", "ﾟ", "\u0301", "\u0308", "\u3099", "\u309a"]
    pool += [chr(c) for c in range(0x300, 0x370)] + ["\u1100", "\u1161", "\u11a8", "中"]
    rng = random.Random(14)
    for _ in range(20_000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 8)))
        assert nfkc(text) == unicodedata.normalize("NFKC", text), ascii(text)


def test_a_label_is_normalised_as_before() -> None:
    assert normalise("年初预算数（Ａ） \n") == "年初预算数(A)"
    assert normalise("产出指标（５０分）1") == "产出指标"
    assert normalise("其他资金\u3000２") == "其他资金"
