"""No lost edit: a save over a newer version shows the conflict page and both changes survive;
typing is kept (autosaved drafts, a logged-out POST kept through the login); the API says 409."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from web_world import PASSWORD

from jixiao.web.forms import editing
from jixiao.web.forms.models import Draft, FormRecord
from jixiao.web.orgs.models import AuditEvent, Membership
from jixiao.web.services.tokens import create_token


def fields(record: FormRecord) -> dict[str, str]:
    """The edit page's fields as it shows the latest version, with the version it is based on."""
    latest = record.latest
    return editing.fields_of(latest.data) | {"base_version": str(latest.number)}


class FormInputs(HTMLParser):
    """What a browser would post from the form with this id: hidden and text inputs, checked
    radios and checkboxes."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id, self.inside, self.values = form_id, False, {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        elif tag == "input" and self.inside and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox") and "checked" not in a:
                return
            self.values[a["name"]] = a.get("value") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False


def posted_by(html: str, form_id: str) -> dict[str, str]:
    parser = FormInputs(form_id)
    parser.feed(html)
    return parser.values


def second_filler(world) -> object:
    user = get_user_model().objects.create_user(username="filler_a2", password=PASSWORD)
    Membership.objects.create(user=user, organisation=world.unit_a, role=Membership.Role.FILLER)
    return user


def test_the_edit_page_carries_the_version_it_was_based_on(world) -> None:
    page = world.client(world.filler_a).get(reverse("forms:edit", args=[world.form_a.pk]))
    assert 'name="base_version" value="1"' in page.content.decode()


def test_fields_of_a_version_are_what_the_edit_page_posts(world) -> None:
    record = world.form_a
    form = editing.form_from_post(_query(editing.fields_of(record.latest.data)), record.latest.data)
    assert editing.fields_of(form.to_json_dict()) == editing.fields_of(record.latest.data)


def _query(values: dict[str, str]):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    query.update(values)
    return query


def test_two_people_editing_one_base_keep_both_changes(world) -> None:
    record = world.form_a
    first, second = world.client(world.filler_a), world.client(second_filler(world))
    url = reverse("forms:edit", args=[record.pk])
    theirs = fields(record) | {"funds.execution_rate": "90.10%", "note": "改正执行率"}
    mine = fields(record) | {"indicators.0.actual": "已保障154名社工待遇", "note": "补实际完成值"}

    assert first.post(url, theirs).status_code == 302
    conflict = second.post(url, mine)

    assert conflict.status_code == 409
    html = conflict.content.decode()
    assert "保存冲突" in html and "没有丢失" in html
    assert "他人的修改（第2版，filler_a" in html and "原值（第1版）" in html
    assert "项目资金 · 执行率" in html and "绩效指标“指标1：” · 实际完成值" in html
    assert record.latest.number == 2  # nothing saved over their version
    draft = Draft.objects.get(record=record, user__username="filler_a2")
    assert draft.base_number == 1
    assert draft.fields["indicators.0.actual"] == "已保障154名社工待遇"

    merged = posted_by(html, "merge-form")
    assert merged["base_version"] == "2" and merged["funds.execution_rate"] == "90.10%"
    assert second.post(url, merged).status_code == 302

    latest = record.latest
    assert latest.number == 3
    assert latest.data["funds"]["execution_rate"] == "90.10%"
    assert latest.data["indicators"][0]["actual"] == "已保障154名社工待遇"
    assert not Draft.objects.filter(record=record).exists()


def test_a_field_both_changed_differently_is_chosen_and_mine_is_the_default(world) -> None:
    record = world.form_a
    first, second = world.client(world.filler_a), world.client(second_filler(world))
    url = reverse("forms:edit", args=[record.pk])
    first.post(url, fields(record) | {"funds.execution_rate": "90.10%"})
    html = second.post(
        url, fields(record) | {"base_version": "1", "funds.execution_rate": "90.1%"}
    ).content.decode()
    row = re.search(r'<tr class="conflict" data-field="funds.execution_rate">.*?</tr>', html, re.S)
    assert row is not None
    assert 'value="90.10%" class="take-theirs"' in row.group(0)
    assert 'value="90.1%" class="take-mine" checked' in row.group(0)
    merged = posted_by(html, "merge-form")
    assert merged["funds.execution_rate"] == "90.1%"
    second.post(url, merged | {"funds.execution_rate": "90.10%"})  # chose theirs
    assert record.latest.number == 3
    assert record.latest.data["funds"]["execution_rate"] == "90.10%"


def test_a_row_added_by_them_and_a_cell_changed_by_me_are_both_kept(world) -> None:
    record = world.form_a
    rows = len(record.latest.data["indicators"])
    first, second = world.client(world.filler_a), world.client(second_filler(world))
    url = reverse("forms:edit", args=[record.pk])
    added = {
        "indicator_count": str(rows + 1),
        f"indicators.{rows}.level1": "满意度指标",
        f"indicators.{rows}.level2": "服务对象满意度指标",
        f"indicators.{rows}.name": "社工满意度",
        f"indicators.{rows}.target": "≥90%",
    }
    opened = fields(record)  # both opened the page at version 1
    first.post(url, opened | added)
    html = second.post(url, opened | {"indicators.2.actual": "12月前完成"}).content.decode()
    assert "他人增删了绩效指标行" in html
    second.post(url, posted_by(html, "merge-form"))
    indicators = record.latest.data["indicators"]
    assert len(indicators) == rows + 1
    assert indicators[-1]["name"] == "社工满意度"
    assert indicators[2]["actual"] == "12月前完成"


def test_autosave_keeps_a_draft_the_edit_page_offers_back(world) -> None:
    record, client = world.form_a, world.client(world.filler_a)
    typed = fields(record) | {"indicators.0.actual": "正在填写"}
    answer = client.post(reverse("forms:autosave", args=[record.pk]), typed)
    assert answer.status_code == 200
    assert re.fullmatch(r"已自动保存 \d\d:\d\d:\d\d", answer.json()["message"])
    draft = Draft.objects.get(record=record, user=world.filler_a)
    assert draft.base_number == 1 and draft.fields["indicators.0.actual"] == "正在填写"
    assert "csrfmiddlewaretoken" not in draft.fields

    page = client.get(reverse("forms:edit", args=[record.pk])).content.decode()
    offered = json.loads(re.search(r'id="draft-data"[^>]*>(.*?)</script>', page, re.S).group(1))
    assert offered["base"] == 1 and offered["fields"]["indicators.0.actual"] == "正在填写"
    assert "恢复未保存的修改" in page and "丢弃" in page

    client.post(reverse("forms:autosave", args=[record.pk]), {"discard": "1"})
    assert not Draft.objects.filter(record=record).exists()


def test_saving_deletes_the_draft(world) -> None:
    record, client = world.form_a, world.client(world.filler_a)
    client.post(reverse("forms:autosave", args=[record.pk]), fields(record))
    client.post(reverse("forms:edit", args=[record.pk]), fields(record))
    assert record.latest.number == 2
    assert not Draft.objects.filter(record=record).exists()


def test_autosave_answers_401_when_logged_out(world) -> None:
    answer = Client().post(reverse("forms:autosave", args=[world.form_a.pk]), {"year": "2020"})
    assert answer.status_code == 401
    assert answer.json()["error"] == "登录已过期：已在本机保存，请在新标签页重新登录后继续"


def test_a_logged_out_post_is_kept_through_the_login(world) -> None:
    record, browser = world.form_a, Client()
    url = reverse("forms:edit", args=[record.pk])
    typed = fields(record) | {"indicators.0.actual": "登录过期前写的"}
    answer = browser.post(url, typed)
    assert answer.status_code == 302
    assert answer["Location"] == f"{reverse('login')}?next={url}"
    assert record.latest.number == 1

    logged_in = browser.post(
        reverse("login") + f"?next={url}",
        {"username": "filler_a", "password": PASSWORD, "next": url},
    )
    assert logged_in.status_code == 302 and logged_in["Location"] == url
    page = browser.get(url).content.decode()
    assert "登录过期前填写的内容" in page
    draft = Draft.objects.get(record=record, user=world.filler_a)
    assert draft.fields["indicators.0.actual"] == "登录过期前写的"
    offered = json.loads(re.search(r'id="draft-data"[^>]*>(.*?)</script>', page, re.S).group(1))
    assert offered["fields"]["indicators.0.actual"] == "登录过期前写的"  # offered back


def test_the_api_refuses_a_stale_based_on_with_409(world) -> None:
    record, client = world.form_a, Client()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(world.filler_a, 'test')}"}
    url = f"/api/forms/{record.pk}"
    got = client.get(url, **auth).json()
    assert got["version"] == 1
    form = {k: v for k, v in got["form"].items() if k not in ("computed", "findings")}
    saved = client.put(
        url, data=form | {"based_on": 1}, content_type="application/json", **auth
    ).json()
    assert saved["version"] == 2
    stale = client.put(url, data=form | {"based_on": 1}, content_type="application/json", **auth)
    assert stale.status_code == 409
    assert stale.json()["latest"] == 2 and "第 2 版" in stale.json()["detail"]
    assert record.latest.number == 2
    bad = client.put(url, data=form | {"based_on": "x"}, content_type="application/json", **auth)
    assert bad.status_code == 422
    # without based_on, as before
    assert client.put(url, data=form, content_type="application/json", **auth).status_code == 200


def test_discarding_on_the_conflict_page_keeps_their_version(world) -> None:
    record = world.form_a
    first, second = world.client(world.filler_a), world.client(second_filler(world))
    url = reverse("forms:edit", args=[record.pk])
    first.post(url, fields(record) | {"manager": "张三"})
    second.post(url, fields(record) | {"base_version": "1", "manager": "李四"})
    assert Draft.objects.filter(record=record).exists()
    second.post(url, {"discard": "1"})
    assert not Draft.objects.filter(record=record).exists()
    assert record.latest.number == 2 and record.latest.data["manager"] == "张三"
    assert AuditEvent.objects.filter(action="save_version").count() >= 1


def test_a_stale_save_without_changes_of_mine_keeps_theirs_and_asks_nothing(world) -> None:
    record = world.form_a
    first, second = world.client(world.filler_a), world.client(second_filler(world))
    url = reverse("forms:edit", args=[record.pk])
    opened = fields(record)
    first.post(url, opened | {"manager": "张三"})
    answer = second.post(url, opened, follow=True)
    assert "无需保存" in answer.content.decode()
    assert record.latest.number == 2 and not Draft.objects.filter(record=record).exists()
