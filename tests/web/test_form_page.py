"""The form page: laid out like the paper form, declared beside computed, findings pinned."""

from __future__ import annotations

from django.urls import reverse


def test_it_shows_declared_and_computed_side_by_side(world) -> None:
    page = (
        world.client(world.filler_a)
        .get(reverse("forms:detail", args=[world.form_a.pk]))
        .content.decode()
    )
    assert "公共服务经费" in page and "项目资金" in page and "绩<br>效<br>指<br>标" in page
    assert "2175.9657" in page and "1960.5869" in page
    assert 'id="computed-rate">90.10%' in page
    assert 'id="computed-funds-score">9.01' in page
    assert "1960.5869 ÷ 2175.9657 = 90.10%" in page  # the explanation


def test_it_lists_the_findings_and_marks_their_cells(world) -> None:
    page = (
        world.client(world.filler_a)
        .get(reverse("forms:detail", args=[world.form_a.pk]))
        .content.decode()
    )
    assert 'data-code="FUNDS_RATE_MISMATCH"' in page
    assert 'class="sev-error">100%<a class="mark"' in page  # the declared rate cell is marked
