"""One project through its year in a real browser (issue 13): the 申报表 uploaded and approved;
the July 监控表 (one indicator 完全不可能, 30 % spent) lights the project red on the board; the
December self-evaluation changes that indicator's target and scores it full, and its page shows
both findings pointing at the 申报表 and the 监控表; the reviewer turns one into a
rectification item, the unit uploads evidence, the reviewer confirms; the project page shows
the five steps of the year.

Each step asserts what the person sees on the page. The files are the hand-checked fixtures of
tests/fixtures/targets (anzhen: seed 004's 公共服务经费) and tests/fixtures/monitoring
(seed004_july), and seed 004 itself for December.
"""

from __future__ import annotations

from pathlib import Path

from browser_steps import SEED_A, log_in, log_out, screenshot
from playwright.sync_api import Page, expect

from jixiao.web.panels.models import Panel

PROJECT = "公共服务经费"
NEW_TARGET = "保障10个社区148名社工的工资、五险一金缴纳支出"


def nav(page: Page, name: str) -> None:
    page.locator("header").get_by_role("link", name=name, exact=True).click()


def upload(page: Page, path: Path, kind: str) -> None:
    nav(page, "上传")
    page.locator("#files").set_input_files(str(path))
    page.locator("#upload-button").click()
    outcomes = page.locator("#outcomes")
    expect(outcomes).to_contain_text(path.name)
    expect(outcomes.locator("td.kind")).to_have_text(kind)


def test_one_project_through_its_year(
    page: Page, world, targets_files, monitoring_files, tmp_path: Path
) -> None:
    # the expert evaluation of the year, made by the department (the panel pages are tested
    # on their own)
    Panel.objects.create(project=PROJECT, year=2020, organisation=world.department)

    # 1. the unit uploads its 申报表 (Word) and submits it
    log_in(page, "tianbao_a")
    upload(page, targets_files["anzhen", "docx"], "绩效目标申报表")
    expect(page.locator("#outcomes")).to_contain_text("读出 1 张绩效目标申报表")
    page.locator("#outcomes").get_by_role("link", name=PROJECT).click()
    expect(page.locator("h1")).to_have_text(f"绩效目标申报表：{PROJECT}（2020年度）")
    # “制度执行” and the like: targets without a number or standard (the seed's own problem)
    expect(page.locator("#findings li[data-code='TARGETS_VALUE_NOT_QUANTIFIED']")).to_have_count(9)
    screenshot(page, "targets_page")
    page.locator("#submit").click()
    expect(page.locator("ul.messages")).to_contain_text("已提交，等待审核。")
    targets_url = page.url
    log_out(page)

    # 2. the department's reviewer finds it in the queue with its kind and approves it
    log_in(page, "shenhe")
    nav(page, "审核队列")
    row = page.locator("#queue tbody tr").filter(has_text=PROJECT)
    expect(row).to_contain_text("绩效目标申报表")
    row.get_by_role("link", name=PROJECT).click()
    page.locator("#approve-open").click()
    reason = page.locator("#approve-reason")
    if reason.count():
        reason.fill("指标值待细化，已要求在自评时说明")
    page.locator("#approve").click()
    expect(page.locator("ul.messages")).to_contain_text("已审核通过")
    expect(page.locator("p.no-print").first).to_contain_text("已审核")
    log_out(page)

    # 3. the July 监控表 (Excel) lights the project red on the board
    log_in(page, "tianbao_a")
    upload(page, monitoring_files["seed004_july", "xlsx"], "绩效运行监控表")
    page.locator("#outcomes").get_by_role("link", name=PROJECT).click()
    expect(page.locator("#light .light")).to_have_text("红")
    expect(page.locator("#computed-rate")).to_have_text("30.00%")
    monitoring_url = page.url
    nav(page, "运行监控")
    page.locator("#board").click()
    department = page.locator("section.board-department").filter(has_text="甲街道办事处")
    expect(department.locator(".count-red")).to_have_text("1")
    red = department.locator("tr.board-project[data-light='red']")
    expect(red).to_contain_text("完全不可能")
    expect(red).to_contain_text("30.00%")
    screenshot(page, "monitoring_board")
    red.get_by_role("link", name=PROJECT).click()
    expect(page).to_have_url(monitoring_url)

    # 4. December: the self-evaluation, its first target changed, the indicator scored full
    upload(page, SEED_A, "自评表")
    page.locator("#outcomes").get_by_role("link", name=PROJECT).click()
    form_url = page.url
    page.locator("#edit").click()
    page.locator("input[name='indicators.0.target'], textarea[name='indicators.0.target']").fill(
        NEW_TARGET
    )
    page.locator("#save").click()
    expect(page.locator("ul.messages")).to_contain_text("已保存为第 2 版。")
    changed = page.locator("ol.findings li[data-code='CHAIN_TARGET_CHANGED']")
    unlikely = page.locator("ol.findings li[data-code='CHAIN_UNLIKELY_FULL_SCORE']")
    expect(changed).to_have_count(1)
    expect(unlikely).to_have_count(1)
    expect(changed.locator("a.related-document")).to_have_text("2020年度绩效目标申报表")
    expect(unlikely.locator("a.related-document")).to_have_text("2020年度绩效运行监控表")
    href = changed.locator("a.related-document").get_attribute("href") or ""
    assert targets_url.endswith(href.split("#")[0])
    screenshot(page, "form_chain_findings")
    unlikely.locator("a.related-document").click()
    expect(page.locator("h1")).to_have_text(f"绩效运行监控表：{PROJECT}（2020年度）")
    log_out(page)

    # 5. the reviewer turns the July-versus-December finding into a rectification item
    log_in(page, "shenhe")
    page.goto(form_url)
    box = page.locator("#rectification-new")
    if not box.evaluate("element => element.open"):
        box.locator("summary").click()
    box.locator("li").filter(has_text="完全不可能").locator("input[type=checkbox]").check()
    box.locator("textarea[name='requirement']").fill("核实数量指标的实际完成情况，按实际重新评分")
    page.locator("#rectification-submit").click()
    expect(page.locator("#rectification-items")).to_contain_text("完全不可能")
    log_out(page)

    # 6. the unit rectifies it with evidence
    evidence = tmp_path / "整改说明.txt"
    evidence.write_text("已按实际完成的148名社工重新评分，数量指标得分由10分调整为8分。", "utf-8")
    log_in(page, "tianbao_a")
    page.goto(form_url)
    page.locator("#rectification-items").get_by_role("link").first.click()
    page.locator("#start").click()
    done = page.locator("form").filter(has=page.locator("#report-done"))
    done.locator("textarea[name='note']").fill("已重新评分并修改自评表")
    done.locator("input[type=file]").set_input_files(str(evidence))
    page.locator("#report-done").click()
    expect(page.locator("#item-status")).to_have_text("已整改")
    expect(page.locator("#evidence")).to_contain_text("整改说明.txt")
    item_url = page.url
    log_out(page)

    # 7. the reviewer confirms it
    log_in(page, "shenhe")
    page.goto(item_url)
    page.locator("#confirm").click()
    expect(page.locator("#item-status")).to_have_text("已确认")

    # 8. the project page: the five steps of 2020, each one click away
    page.goto(targets_url)
    page.locator("#project-link").click()
    expect(page.locator("h1")).to_have_text(f"项目：{PROJECT}")
    year = page.locator("section.timeline-year[data-year='2020']")
    for step, text in (
        ("targets", "绩效目标申报表"),
        ("monitoring", "绩效运行监控表"),
        ("self", "自评表"),
        ("panel", "专家评价"),
        ("rectification", "完全不可能"),
    ):
        expect(year.locator(f"tr[data-step='{step}'] td a").first).to_contain_text(text)
    expect(year.locator("tr[data-step='monitoring'] .light")).to_have_text("红")
    expect(year.locator("tr[data-step='rectification']")).to_contain_text("已确认")
    screenshot(page, "project_timeline")
    year.locator("tr[data-step='self'] td a").first.click()
    expect(page).to_have_url(form_url)
