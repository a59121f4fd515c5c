"""The rounds page: the rounds in the user's scope, with counts and a completion bar."""

from __future__ import annotations

import datetime

from django.urls import reverse

from jixiao.web.rounds.services import declare_no_projects, open_round

DUE = datetime.date.today() + datetime.timedelta(days=5)


def two_rounds(world):  # type: ignore[no-untyped-def]
    bureau = open_round(
        world.admin, owner=world.bureau, year=2020, deadline=DUE, scope=[world.dept_a]
    ).round
    theirs = open_round(
        world.admin, owner=world.dept_b, year=2024, deadline=DUE, scope=[world.dept_b]
    ).round
    return bureau, theirs


def test_it_lists_the_rounds_in_scope_with_their_completion(world) -> None:
    bureau, theirs = two_rounds(world)
    text = world.client(world.bureau_reviewer).get(reverse("rounds:list")).content.decode()
    assert f'id="round-{bureau.pk}"' in text and f'id="round-{theirs.pk}"' in text
    assert world.bureau.label in text and world.dept_b.label in text
    assert 'id="open-round"' in text
    assert '<progress max="100" value="0.00">' in text


def test_a_department_reviewer_sees_the_bureaus_round_and_their_own_only(world) -> None:
    bureau, theirs = two_rounds(world)
    text = world.client(world.reviewer_a).get(reverse("rounds:list")).content.decode()
    assert f'id="round-{bureau.pk}"' in text
    assert f'id="round-{theirs.pk}"' not in text
    assert 'id="open-round"' in text  # for their own department


def test_a_filler_sees_their_units_rounds_and_no_open_button(world) -> None:
    bureau, theirs = two_rounds(world)
    text = world.client(world.filler_a).get(reverse("rounds:list")).content.decode()
    assert f'id="round-{bureau.pk}"' in text and f'id="round-{theirs.pk}"' not in text
    assert 'id="open-round"' not in text


def test_the_completion_counts_approved_and_no_projects(world) -> None:
    found = open_round(
        world.admin,
        owner=world.bureau,
        year=2024,
        deadline=DUE,
        scope=[world.dept_a, world.dept_b],
    ).round
    declare_no_projects(world.filler_a, found.tasks.get(unit=world.unit_a), "本年度无项目")
    text = world.client(world.admin).get(reverse("rounds:list")).content.decode()
    assert '<progress max="100" value="50.00">' in text and "1/2" in text
