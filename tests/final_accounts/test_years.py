"""Years named beside figures are the narrative's year (the year before only as a base: 比2020年)."""

from __future__ import annotations

from accounts_hand import checked, claims


def test_it_flags_last_years_accounts_inside_this_years_narrative() -> None:
    text = "第二部分 2021年度部门决算说明\n2、“教育支出”(类)2020年度决算0万元，比2021年年初预算减少了0.90万元，下降100%。"
    result = checked(text)
    wrong = [c for c in result.claims if c.ok is False]
    assert [(c.kind, c.text) for c in wrong] == [("year", "2020年度决算")]
    (finding,) = result.findings
    assert finding.code == "ACCOUNTS_WRONG_YEAR" and "应为2021年度" in finding.message


def test_it_allows_last_year_as_the_base_of_a_comparison() -> None:
    text = "北京市某局2021年度部门决算说明\n2021年度本年收入合计100.00万元，比2020年决算数增加50.00万元，增长100.00%。"
    assert all(c.ok for c in claims(text, "year"))


def test_it_ignores_years_in_sentences_without_figures() -> None:
    text = "北京市某局2021年度部门决算说明\n2019年我单位由于机构改革更名。2021年度本年收入合计100.00万元。"
    assert [c.text for c in claims(text, "year")] == ["2021年度本年收入合计"]


def test_it_takes_the_year_given_over_the_one_in_the_text() -> None:
    text = "2021年度本年收入合计100.00万元。"
    assert [c.ok for c in claims(text, "year", year=2022)] == [False]
    assert checked(text, year=2022).narrative.year == 2022


def test_it_allows_next_years_budget_but_not_next_years_accounts() -> None:
    text = "北京市某局2021年度部门决算说明\n2022年预算安排培训费10.00万元。2022年度决算5.00万元。"
    assert [(c.text, c.ok) for c in claims(text, "year")] == [
        ("2022年预算安排培训费", True),
        ("2022年度决算", False),
    ]
