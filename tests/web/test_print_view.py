"""The print view: the form as the paper original, with lines to sign, on A4, with no menu."""

from __future__ import annotations

from django.urls import reverse

from jixiao.write.layout import load_layout


def printed(world, user, form, query: str = "") -> str:
    response = world.client(user).get(reverse("forms:print", args=[form.pk]) + query)
    assert response.status_code == 200
    return response.content.decode()


def test_it_prints_the_form_as_the_paper_original(world) -> None:
    page = printed(world, world.filler_a, world.form_a)
    assert "<h1>朝阳区项目支出绩效自评表</h1>" in page  # the title as the form declares it
    assert "（2020年度）" in page
    for label in ("项目名称", "主管部门", "实施单位", "项目负责人", "联系电话"):
        assert f'class="label">{label}</td>' in page
    assert "公共服务经费" in page and "安贞街道办事处" in page and "陈静超" in page
    beijing = load_layout("beijing")
    for label in [*beijing.funds.columns, *beijing.funds.rows]:
        assert label in page
    assert "项目资金<br>（万元）" in page and "绩<br>效<br>指<br>标" in page
    assert "2175.9657" in page and "1960.5869" in page  # the amounts as declared
    assert "预期目标" in page and "实际完成情况" in page
    assert 'id="declared-total-score">1000</td>' in page  # the declared total, wrong as it is
    assert ">总分</td>" in page


def test_it_ends_with_the_lines_to_sign_and_the_seal(world) -> None:
    page = printed(world, world.filler_a, world.form_a)
    signatures = page[page.index('class="signatures"') :]
    assert signatures.index("单位负责人：") < signatures.index("填表人：")
    assert signatures.index("填表人：") < signatures.index("填报日期：")
    assert "（单位盖章）" in signatures


def test_it_is_an_a4_page_with_the_layouts_margins_and_no_menu(world) -> None:
    page = printed(world, world.filler_a, world.form_a)
    assert "@page { size: A4 portrait; margin: 25" in page
    assert "<header>" not in page and "site-nav" not in page
    assert 'class="print-bar no-print"' in page


def test_it_leaves_out_jixiaos_computed_column_unless_asked(world) -> None:
    plain = printed(world, world.filler_a, world.form_a)
    assert "computed-col" not in plain
    assert 'href="?layout=beijing&amp;computed=1"' in plain
    asked = printed(world, world.filler_a, world.form_a, "?computed=1")
    assert 'class="label computed-col">jixiao 计算' in asked
    assert 'id="computed-total">分值 100，得分 99.01，等级 优</td>' in asked
    assert 'id="computed-funds">90.10% · 9.01 分' in asked


def test_it_uses_another_layouts_labels_when_asked(world) -> None:
    mof = load_layout("mof-2020")
    page = printed(world, world.filler_a, world.form_a, "?layout=mof-2020")
    assert all(label in page for label in mof.funds.columns)


def test_the_form_page_links_to_it(world) -> None:
    page = (
        world.client(world.filler_a)
        .get(reverse("forms:detail", args=[world.form_a.pk]))
        .content.decode()
    )
    assert f'href="{reverse("forms:print", args=[world.form_a.pk])}" id="print"' in page


def test_it_validates_ownership(world) -> None:
    """Another unit's clerk and another department's reviewer get 404; the bureau sees it."""
    url = reverse("forms:print", args=[world.form_a.pk])
    assert world.client(world.filler_b).get(url).status_code == 404
    other = reverse("forms:print", args=[world.form_b.pk])
    assert world.client(world.reviewer_a).get(other).status_code == 404
    assert world.client(world.reviewer_a).get(url).status_code == 200
    assert world.client(world.bureau_reviewer).get(other).status_code == 200


def test_it_asks_a_stranger_to_log_in(world, client) -> None:
    response = client.get(reverse("forms:print", args=[world.form_a.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
