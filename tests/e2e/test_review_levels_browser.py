"""Two review levels in a real browser: the department batch-passes three forms (the two with
errors only once a reason is written), the bureau returns one to the unit, the unit hands it in
again, the department and the bureau pass it, and the bureau reopens it with a reason."""

from __future__ import annotations

from browser_steps import PASSWORD, SEED_A, log_in, log_out, screenshot
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from jixiao.web.orgs.models import Membership
from jixiao.web.services.imports import import_file
from jixiao.web.services.workflow import submit_form

PROJECT = "公共服务经费"  # 3 error findings
REASON = "错误系填报口径问题，已与单位核实，不影响自评结论。"


def queue_rows(page: Page):
    return page.locator("#queue tbody tr")


def test_two_levels_batch_return_pass_and_reopen(page: Page, world) -> None:
    bureau_reviewer = get_user_model().objects.create_user(username="caizheng", password=PASSWORD)
    Membership.objects.create(
        user=bureau_reviewer, organisation=world.bureau, role=Membership.Role.REVIEWER
    )
    outcome = import_file(world.filler_a, SEED_A.name, SEED_A.read_bytes(), unit=world.unit_a)
    for form in outcome.forms:
        submit_form(form, world.filler_a)
    form_b_filler = get_user_model().objects.get(username="tianbao_b")
    submit_form(world.form_b, form_b_filler)
    form = next(r for r in outcome.forms if r.project_name == PROJECT)
    url = f"/forms/{form.pk}/"

    # ---- the department passes all three from its queue; two have errors and need a reason
    log_in(page, "shenhe")
    page.locator("header").get_by_role("link", name="审核队列", exact=True).click()
    expect(queue_rows(page)).to_have_count(3)
    expect(page.locator("#queue")).to_contain_text("已提交 · 待主管部门审核")
    screenshot(page, "review_queue")
    page.locator("#check-all").check()
    page.locator("#batch-approve").click()
    messages = page.locator("ul.messages")
    expect(messages).to_contain_text("批量通过：已通过 1 张，跳过 2 张。")
    expect(messages).to_contain_text(f"跳过《{PROJECT}》：这张表有 3 条错误，审核通过须写明理由")
    expect(queue_rows(page)).to_have_count(2)
    page.locator("#check-all").check()
    page.locator("#batch-reason").fill(REASON)
    page.locator("#batch-approve").click()
    expect(page.locator("ul.messages")).to_contain_text("批量通过：已通过 2 张。")
    expect(page.locator("main")).to_contain_text("没有等待您审核的自评表。")
    log_out(page)

    # ---- the bureau finds them waiting for it, and returns one straight to the unit
    log_in(page, "caizheng")
    page.goto("/forms/queue/")
    expect(queue_rows(page)).to_have_count(3)
    expect(page.locator("#queue")).to_contain_text("已提交 · 待财政局审核")
    queue_rows(page).filter(has_text=PROJECT).get_by_role("link", name=PROJECT).click()
    page.locator("#return-comment").fill("请核对总分")
    page.locator("#return-submit").click()
    expect(page.locator("ul.messages")).to_contain_text("已退回填报单位。")
    expect(page.locator("#review-label")).to_have_text("已退回")
    log_out(page)

    # ---- the unit hands it in again: it starts at the department
    log_in(page, "tianbao_a")
    page.goto(url)
    page.locator("#submit").click()
    expect(page.locator("#review-label")).to_have_text("已提交 · 待主管部门审核")
    log_out(page)

    # ---- the department passes it from the form page, with its reason
    log_in(page, "shenhe")
    page.goto(url)
    page.locator("#approve-open").click()
    expect(page.locator("#approve-errors")).to_have_text("这张表有 3 条错误，审核通过须写明理由。")
    page.locator("#approve-reason").fill(REASON)
    page.locator("#approve").click()
    expect(page.locator("ul.messages")).to_contain_text("现在：已提交 · 待财政局审核")
    expect(page.locator("#approve-open")).to_have_count(0)  # the bureau's turn now
    log_out(page)

    # ---- the bureau approves it, then reopens it with a reason
    log_in(page, "caizheng")
    page.goto(url)
    page.locator("#approve-open").click()
    page.locator("#approve-reason").fill(REASON)
    page.locator("#approve").click()
    expect(page.locator("#review-label")).to_have_text("已审核")
    page.locator("#reopen-open").click()
    page.locator("#reopen-reason").fill("年终抽查：执行数需复核")
    page.locator("#reopen").click()
    expect(page.locator("ul.messages")).to_contain_text("已重新打开。现在：已提交 · 待财政局审核")
    page.locator("#review-steps summary").click()
    steps = page.locator("#review-steps li")
    expect(steps).to_have_count(5)
    expect(steps.last).to_contain_text("重新打开")
    expect(steps.last).to_contain_text("年终抽查：执行数需复核")
    screenshot(page, "review_history")
