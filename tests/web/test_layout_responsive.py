"""The pages fit where people are: the menu folds behind 菜单, wide tables scroll in their box,
statuses never wrap (what the HTML and the style sheet promise; the browser test measures it)."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import reverse

import jixiao.web

CSS = re.sub(
    r"/\*.*?\*/",
    "",
    (Path(jixiao.web.__file__).parent / "static" / "web" / "site.css").read_text(encoding="utf-8"),
    flags=re.S,
)


def rule(selector: str) -> str:
    """The declarations of every rule whose selector list names ``selector``."""
    bodies = [
        body
        for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", CSS)
        if selector in [s.strip() for s in selectors.split(",")]
    ]
    assert bodies, f"no CSS rule for {selector}"
    return ";".join(bodies)


def test_the_menu_has_a_button_that_folds_it_on_a_narrow_screen(world) -> None:
    page = world.client(world.filler_a).get(reverse("forms:list")).content.decode()
    assert (
        '<button type="button" class="menu-toggle" aria-expanded="false" aria-controls="site-nav">菜单'
        in page
    )
    nav = page[page.index('<nav id="site-nav"') : page.index("</nav>")]
    for text in ("待办", "总览", "自评任务", "自评表", "上传", "新建", "导出"):
        assert f">{text}</a>" in nav or f">{text} <" in nav
    assert 'class="user"' in nav and "filler_a" in nav and "退出" in nav
    assert "审核队列" not in nav  # a reviewer's link
    reviewer = world.client(world.reviewer_a).get(reverse("forms:list")).content.decode()
    assert ">审核队列</a>" in reviewer[reviewer.index('<nav id="site-nav"') :]
    assert "html.js header:not(.open) nav" in CSS  # folded only when the script can unfold it


def test_menu_links_and_statuses_never_wrap() -> None:
    assert "white-space: nowrap" in rule("header a")
    assert "white-space: nowrap" in rule(".badge")
    assert "white-space: nowrap" in rule('[class*=" status-"]')


def test_wide_tables_scroll_inside_their_own_box(world) -> None:
    assert "overflow-x: auto" in rule(".table-wrap")
    client = world.client(world.admin)
    for url in (reverse("forms:list"), reverse("dashboard")):
        page = client.get(url).content.decode()
        assert page.count("<table") == page.count('<div class="table-wrap">\n<table'), url
    form = client.get(reverse("forms:detail", args=[world.form_a.pk])).content.decode()
    assert '<div class="table-wrap">\n<table class="paper">' in form


def test_inputs_fit_the_screen() -> None:
    assert "max-width: 100%" in rule("input")
