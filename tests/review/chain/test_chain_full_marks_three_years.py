"""CHAIN_FULL_MARKS_THREE_YEARS: every indicator at full marks this year and the two before."""

from __future__ import annotations

from chain_documents import anzhen, of

from jixiao.model.form import Declared, Form
from jixiao.review.chain import check_chain


def earlier(year: int) -> Form:
    form = anzhen()
    form.year = year
    return form


def test_it_flags_three_years_of_full_marks() -> None:
    (found,) = of(
        check_chain(anzhen(), history=[earlier(2019), earlier(2018)]),
        "CHAIN_FULL_MARKS_THREE_YEARS",
    )
    assert (found.path, found.related_kind, found.related_year) == ("indicators", "self", 2018)
    assert "2018、2019、2020 年" in found.message and "本年 10 项" in found.message


def test_one_year_with_a_point_lost_breaks_the_run() -> None:
    last = earlier(2019)
    last.indicators[3] = last.indicators[3].model_copy(update={"score": Declared(text="9")})
    assert (
        of(check_chain(anzhen(), history=[last, earlier(2018)]), "CHAIN_FULL_MARKS_THREE_YEARS")
        == []
    )


def test_two_years_are_not_three() -> None:
    assert of(check_chain(anzhen(), history=[earlier(2019)]), "CHAIN_FULL_MARKS_THREE_YEARS") == []


def test_three_years_with_a_gap_between_them_are_not_running() -> None:
    """2020, 2019 and 2017: 2018 is missing, so the run is two years."""
    history = [earlier(2019), earlier(2017)]
    assert of(check_chain(anzhen(), history=history), "CHAIN_FULL_MARKS_THREE_YEARS") == []
