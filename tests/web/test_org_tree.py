"""The organisation tree: administrators see every organisation with its code, kind, people and
forms; everyone else is told the page does not exist."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jixiao.web.orgs import services


def test_it_shows_the_tree_with_codes_kinds_and_counts(world) -> None:
    page = world.client(world.admin).get(reverse("orgs:tree")).content.decode()
    for org in (world.bureau, world.dept_a, world.dept_b, world.unit_a, world.unit_b):
        assert org.name in page and org.code in page
    assert "主管部门" in page and "预算单位" in page
    # unit A holds its two seed forms; the bureau counts every form under it
    row_a = page.split(f'data-code="{world.unit_a.code}"')[1].split("</tr>")[0]
    assert '<td class="num">1</td>' in row_a  # one person: filler_a
    assert '<td class="num">2</td>' in row_a  # two forms
    assert (
        page.index(world.bureau.name)
        < page.index(world.dept_a.name)
        < page.index(world.unit_a.name)
    )


def test_it_hides_deactivated_organisations_unless_asked(world) -> None:
    services.set_organisation_active(world.admin, world.unit_b, False)
    client = world.client(world.admin)
    assert world.unit_b.code not in client.get(reverse("orgs:tree")).content.decode()
    shown = client.get(reverse("orgs:tree") + "?all=1").content.decode()
    row = shown.split(f'data-code="{world.unit_b.code}"')[1].split("</tr>")[0]
    assert "已停用" in row and "启用</button>" in row
    assert 'class="inactive"' in shown


@pytest.mark.parametrize("who", ["filler_a", "reviewer_a", "bureau_reviewer"])
def test_it_is_not_found_for_anyone_but_an_administrator(world, who: str) -> None:
    client = world.client(getattr(world, who))
    pk = world.unit_a.pk
    assert client.get(reverse("orgs:tree")).status_code == 404
    assert client.get(reverse("orgs:organisation", args=[pk])).status_code == 404
    assert client.get(reverse("orgs:merge", args=[pk])).status_code == 404
    assert client.post(reverse("orgs:create"), {"parent": pk}).status_code == 404
    for action in ("update", "move", "deactivate", "activate"):
        response = client.post(reverse("orgs:organisation_action", args=[pk, action]))
        assert response.status_code == 404
    world.unit_a.refresh_from_db()
    assert world.unit_a.active
