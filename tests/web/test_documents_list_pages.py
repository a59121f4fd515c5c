"""The 申报表 and 监控表 lists page in SQL as the forms list does: 50 a page with links to the
others (the filters kept), every document reachable however many there are (the list used to
stop at the first 500), and the forms read from one uploaded file on their own."""

from __future__ import annotations

from documents_world import monitoring

from jixiao.web.documents import editing
from jixiao.web.forms.models import FormRecord
from jixiao.web.services.documents import create_document


def _many(world, count: int) -> None:
    for i in range(count):
        document = monitoring(name=f"项目{i:03d}", year=2020 + i % 2)
        create_document(world.unit_a, "monitoring", document, world.filler_a, note="新建")


def test_the_monitoring_list_pages_through_every_document(world) -> None:
    _many(world, 55)
    client = world.client(world.filler_a)
    first = client.get("/monitoring/")
    assert first.context["count"] == 55 and len(first.context["records"]) == 50
    text = first.content.decode()
    assert "第 1–50 张，共 55 张（第 1 / 2 页）" in text and 'href="?page=2" rel="next"' in text
    second = client.get("/monitoring/?page=2")
    names = {r.project_name for r in second.context["records"]}
    assert len(names) == 5 and names.isdisjoint({r.project_name for r in first.context["records"]})
    # a filter is kept from page to page
    filtered = client.get("/monitoring/?year=2021")
    assert filtered.context["count"] == 27 and "pager" not in filtered.content.decode()
    assert filtered.context["years"] == [2021, 2020]


def test_a_blank_document_is_listed_and_an_unknown_page_is_the_last(world) -> None:
    blank = editing.blank("targets", world.unit_a.name, "甲街道办事处", 2021)
    create_document(world.unit_a, "targets", blank, world.filler_a, note="新建")
    page = world.client(world.filler_a).get("/targets/?page=99")
    assert page.context["page"] == 1 and page.context["count"] == 1
    assert [r.kind for r in page.context["records"]] == [FormRecord.Kind.TARGETS]
