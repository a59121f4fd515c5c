"""In a browser: paste or upload a 决算说明 and see its three wrong claims marked in their sentences."""

from __future__ import annotations

from browser_steps import log_in, screenshot
from playwright.sync_api import Page, expect
from seeds import SAMPLES

from jixiao.web.final_accounts import services

SEED_002 = SAMPLES / "002_00c192bc11a47879.txt"


def narrative_text() -> str:
    lines = SEED_002.read_text(encoding="utf-8").splitlines()
    return "\n".join(lines[4:91])  # lines 5–91: 第二部分 and 第三部分


def see_the_three_mistakes(page: Page) -> None:
    wrong = page.locator("#narrative .claim.wrong")
    expect(wrong).to_have_count(3)
    expect(wrong.nth(0)).to_have_text("比上年增加1854.45万元，增长44.69%")
    expect(wrong.nth(0)).to_have_attribute("title", "✗ 增减率：文中 44.69%，计算 80.81%。" + (
        "上年数 = 4149.35−1854.45 = 2294.90万元；1854.45 ÷ 2294.90 = 80.81%；"
        "文中的44.69%是 1854.45 ÷ 本年数4149.35，分母应为上年数"
    ))  # fmt: skip
    expect(wrong.nth(1)).to_have_text("比2021年年初预算增加0.29万元，增加49%")
    expect(wrong.nth(2)).to_have_text("2020年度决算")
    expect(page.locator("#findings tr.sev-error")).to_have_count(3)
    expect(page.locator("#narrative .chip.wrong").first).to_contain_text("应为 80.81%")


def test_a_unit_pastes_its_narrative_and_sees_the_three_wrong_claims(page: Page, world) -> None:
    log_in(page, "tianbao_a")
    page.goto("/final-accounts/new/")
    page.locator("#text").fill(narrative_text())
    page.get_by_role("button", name="核对", exact=True).click()
    expect(page.locator("h1")).to_have_text("粘贴的文本")
    see_the_three_mistakes(page)
    expect(page.locator("#counts")).to_contain_text("共 118 处数字说法")
    screenshot(page, "final_accounts_detail")


def test_a_unit_uploads_the_whole_disclosure_and_only_its_narrative_is_checked(
    page: Page, world
) -> None:
    log_in(page, "tianbao_a")
    page.goto("/final-accounts/new/")
    page.locator("#file").set_input_files(str(SEED_002))
    page.get_by_role("button", name="核对", exact=True).click()
    expect(page.locator("h1")).to_have_text(SEED_002.name)
    see_the_three_mistakes(page)
    page.goto("/final-accounts/")
    expect(page.locator("#narratives tr")).to_have_count(2)  # the header and this one


def test_another_units_narrative_is_not_found(page: Page, world) -> None:
    theirs = services.import_pasted(None, world.unit_b, narrative_text())
    log_in(page, "tianbao_a")
    response = page.goto(f"/final-accounts/{theirs.pk}/")
    assert response is not None and response.status == 404
    page.goto("/final-accounts/")
    expect(page.locator("#empty")).to_be_visible()
