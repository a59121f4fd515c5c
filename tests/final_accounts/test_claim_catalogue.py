"""The claim catalogue: every kind the checker produces is described in Chinese with its code."""

from __future__ import annotations

from functools import cache

from seeds import SAMPLES

from jixiao.final_accounts import CLAIM_TYPES, check_path, check_text


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@cache
def seen_kinds() -> set[str]:
    kinds = {c.kind for c in check_path(SAMPLES / "002_00c192bc11a47879.txt").claims}
    extra = check_text(
        "2021年度收入总计100.00万元，支出总计100.00万元。"
        "2021年度“培训费”决算12.00万元，比年初预算增加2.00万元，完成年初预算的120.00%。"
    )
    return kinds | {c.kind for c in extra.claims}


def test_it_describes_every_kind_of_claim_it_finds() -> None:
    assert seen_kinds() == set(CLAIM_TYPES)


def test_it_gives_each_claim_type_a_chinese_title_check_and_example() -> None:
    for kind, claim_type in CLAIM_TYPES.items():
        assert claim_type.kind == kind
        assert has_chinese(claim_type.title) and has_chinese(claim_type.checks)
        assert has_chinese(claim_type.example)
        assert claim_type.code.startswith("ACCOUNTS_") and claim_type.code.isupper()


def test_it_gives_each_claim_type_its_own_finding_code() -> None:
    codes = [t.code for t in CLAIM_TYPES.values()]
    assert len(codes) == len(set(codes))
