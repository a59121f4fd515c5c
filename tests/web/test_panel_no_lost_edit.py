"""Two people entering one panel's scores at once keep both their entries: the score page posts
what it was opened on and the save writes only the cells changed there; a cell someone else
changed meanwhile to another value is not overwritten but named, and a second save after seeing
it writes it; a changed list of experts is refused before any column is mixed up."""

from __future__ import annotations

from panel_world import seed_panel
from test_no_lost_edit import posted_by

from jixiao.web.panels import services


def _opened(client, panel) -> dict[str, str]:
    return posted_by(client.get(f"/panels/{panel.pk}/scores/").content.decode(), "scores")


def test_two_people_entering_different_cells_keep_both(world) -> None:
    panel = seed_panel(world)
    first, second = world.client(world.filler_a), world.client(world.filler_a)
    a, b = _opened(first, panel), _opened(second, panel)
    assert a["o-0-0"] == a["s-0-0"] and a["experts_seen"].startswith('["陈竹"')
    first.post(f"/panels/{panel.pk}/scores/", {**a, "s-0-0": "0.5"})
    answer = second.post(f"/panels/{panel.pk}/scores/", {**b, "s-1-1": "1.1"})
    assert answer.status_code == 302
    panel.refresh_from_db()
    names = [l3.name for _, _, l3 in services.framework_of(panel).indicators()]
    assert panel.scores[names[0]][0] == "0.5"  # the first person's entry is kept
    assert panel.scores[names[1]][1] == "1.1"


def test_both_changing_one_cell_are_told_and_the_second_save_writes_it(world) -> None:
    panel = seed_panel(world)
    first, second = world.client(world.filler_a), world.client(world.filler_a)
    a, b = _opened(first, panel), _opened(second, panel)
    names = [l3.name for _, _, l3 in services.framework_of(panel).indicators()]
    first.post(f"/panels/{panel.pk}/scores/", {**a, "s-0-0": "0.5", "s-2-0": "1"})
    answer = second.post(f"/panels/{panel.pk}/scores/", {**b, "s-0-0": "0.8"})
    text = answer.content.decode()
    assert answer.status_code == 400
    assert f"“{names[0]}”专家陈竹的评分在您打开本页后已被他人改为 0.5，您填的是 0.8" in text
    panel.refresh_from_db()
    assert panel.scores[names[0]][0] == "0.5"  # not overwritten unseen
    again = posted_by(text, "scores")
    assert (again["s-0-0"], again["o-0-0"]) == ("0.8", "0.5")
    assert again["s-2-0"] == "1"  # the other's other change is on the page, not undone
    assert second.post(f"/panels/{panel.pk}/scores/", again).status_code == 302
    panel.refresh_from_db()
    assert (panel.scores[names[0]][0], panel.scores[names[2]][0]) == ("0.8", "1")


def test_a_changed_list_of_experts_is_refused(world) -> None:
    panel = seed_panel(world)
    client = world.client(world.filler_a)
    opened = _opened(client, panel)
    services.set_experts(world.filler_a, panel, ["陈竹", "刘文辉", "刘莉君", "伏虎"])
    answer = client.post(f"/panels/{panel.pk}/scores/", {**opened, "s-0-4": "1"})
    assert answer.status_code == 400
    assert "专家名单在您打开本页后已被修改" in answer.content.decode()


def test_the_score_page_title_is_its_title(world) -> None:
    panel = seed_panel(world)
    page = world.client(world.filler_a).get(f"/panels/{panel.pk}/scores/").content.decode()
    title = page.split("<title>")[1].split("</title>")[0]
    assert title == f"录入评分 · {panel.project} · jixiao 绩效"
