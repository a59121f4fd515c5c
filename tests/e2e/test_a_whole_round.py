"""A bureau adopts jixiao on a Monday morning and runs its whole round in a real browser.

The administrator names the bureau, sets up its departments, units and people from the Excel
template (one bad row is refused with its reason, then fixed), and opens a round for two
departments. Three units hand in forms — a .docx, an .xlsx and one typed in the browser — and a
fourth says it has no projects. The bureau's reviewer finds them in the inbox and returns one; its
clerk sees why in the inbox and resubmits; the reviewer approves. The progress board reaches 100%,
its Excel export says so, and the audit log shows every step. Each new page is photographed at
1366×768 and on a 390×844 phone.
"""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

import pytest
from browser_steps import SCREENSHOTS
from django.core.management import call_command
from openpyxl import Workbook, load_workbook
from playwright.sync_api import Browser, Page, expect
from seeds import seed_forms

from jixiao.write.forms import write_forms_docx, write_forms_xlsx

ADMIN_PASSWORD = "管理员-初始-密码-2026"
NEW_PASSWORD = "自己的-新密码-2026!"
BUREAU_CODE = "110000"
DEADLINE = datetime.date.today() + datetime.timedelta(days=30)
RETURN_COMMENT = "请补充偏差原因分析，并核对全年执行数。"
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}

ORGANISATIONS = [
    ("101", "甲街道办事处", BUREAU_CODE, "主管部门"),
    ("101001", "甲社区建设办公室", "101", "预算单位"),
    ("101002", "甲市民服务中心", "101", "预算单位"),
    ("102", "乙街道办事处", BUREAU_CODE, "主管部门"),
    ("102001", "乙城市管理办公室", "102", "预算单位"),
    ("102002", "乙社区服务中心", "102", "预算单位"),
]
PEOPLE = [
    ("tb_a", "张一", "101001", "填报人"),
    ("tb_b", "李二", "101002", "填报人"),
    ("tb_c", "王三", "102001", "填报人"),
    ("tb_d", "赵四", "102002", "填报人"),
    ("shenhe", "钱审核", BUREAU_CODE, "审核人"),
]
BAD_CODE = "102009"  # 赵四's unit, mistyped: no organisation has this code


def set_up_sheet(path: Path, people: list[tuple[str, str, str, str]]) -> Path:
    """The set-up template filled as a clerk fills it: in Excel, one row per organisation/role."""
    book = Workbook()
    orgs = book.active
    orgs.title = "机构"
    orgs.append(["单位编码", "名称", "上级编码", "类型"])
    for row in ORGANISATIONS:
        orgs.append(list(row))
    sheet = book.create_sheet("人员")
    sheet.append(["用户名", "姓名", "电子邮箱", "机构编码", "角色"])
    for username, name, code, role in people:
        sheet.append([username, name, f"{username}@example.gov.cn", code, role])
    book.save(path)
    return path


def shoot(page: Page, name: str) -> None:
    """The page as it is now, at 1366×768 and on a 390×844 phone (the same page, resized)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(
        path=str(SCREENSHOTS / f"{name}_1366.png"), full_page=False, animations="disabled"
    )
    page.set_viewport_size(PHONE)
    page.screenshot(
        path=str(SCREENSHOTS / f"{name}_390.png"), full_page=False, animations="disabled"
    )
    # on the phone the page never scrolls sideways: wide tables scroll inside their own box
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"{name}: the page is {width}px wide on a 390px phone"
    page.set_viewport_size(DESKTOP)


def log_in(page: Page, username: str, password: str) -> None:
    page.goto("/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    expect(page.locator("header .user")).to_contain_text(username)


def first_login(page: Page, username: str, temporary: str) -> None:
    """A person given a temporary password must choose their own before anything else."""
    log_in(page, username, temporary)
    expect(page.get_by_role("heading", name="修改密码")).to_be_visible()
    page.locator("input[name='old_password']").fill(temporary)
    page.locator("input[name='new_password1']").fill(NEW_PASSWORD)
    page.locator("input[name='new_password2']").fill(NEW_PASSWORD)
    page.locator("#password-form button[type='submit']").click()
    expect(page.get_by_role("heading", name="修改密码")).to_have_count(0)


def log_out(page: Page) -> None:
    page.locator("header").get_by_role("button", name="退出").click()
    expect(page.get_by_role("heading", name="登录")).to_be_visible()


def open_task(page: Page) -> None:
    """The clerk's inbox lists the task due; it leads to the task page."""
    page.goto("/inbox/")
    expect(page.locator("#due-tasks")).to_contain_text("未开始")
    page.locator("#due-tasks a").first.click()
    expect(page.locator(".task")).to_contain_text(DEADLINE.strftime("%Y-%m-%d"))


def upload(page: Page, path: Path, project: str) -> None:
    page.goto("/forms/upload/")
    page.locator("#files").set_input_files(str(path))
    page.locator("#upload-button").click()
    outcomes = page.locator("#outcomes")
    expect(outcomes).to_contain_text("读出 1 张自评表")
    outcomes.get_by_role("link", name=project).click()
    expect(page.locator("table.paper").first).to_contain_text(project)


def submit(page: Page) -> None:
    page.locator("#submit").click()
    expect(page.locator("ul.messages")).to_contain_text("已提交，等待审核。")


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    forms = {f.project_name.text: f for f in seed_forms("003")}
    docx, xlsx = tmp_path / "统计所经费.docx", tmp_path / "网络租赁购买服务.xlsx"
    write_forms_docx([forms["统计所经费"]], docx)
    write_forms_xlsx([forms["网络租赁购买服务"]], xlsx)
    bad = [p if p[0] != "tb_d" else (*p[:2], BAD_CODE, p[3]) for p in PEOPLE]
    return {
        "docx": docx,
        "xlsx": xlsx,
        "bad_sheet": set_up_sheet(tmp_path / "设置表（有误）.xlsx", bad),
        "sheet": set_up_sheet(tmp_path / "设置表.xlsx", PEOPLE),
    }


def test_a_bureau_sets_itself_up_and_runs_a_whole_round(
    browser: Browser, server: str, files: dict[str, Path], monkeypatch
) -> None:
    # `make run` asks nothing: bootstrap makes the administrator, the bureau is named in the app
    monkeypatch.delenv("JIXIAO_BUREAU_NAME", raising=False)
    monkeypatch.setenv("JIXIAO_ADMIN_USER", "admin")
    monkeypatch.setenv("JIXIAO_ADMIN_PASSWORD", ADMIN_PASSWORD)
    call_command("bootstrap", stdout=io.StringIO())
    context = browser.new_context(
        base_url=server, viewport=DESKTOP, locale="zh-CN", accept_downloads=True
    )
    page = context.new_page()

    # ---- the administrator names the bureau on the first page
    log_in(page, "admin", ADMIN_PASSWORD)
    expect(page.get_by_role("heading", name="设置财政局")).to_be_visible()
    shoot(page, "bureau_setup")
    page.locator("#bureau-setup input[name='name']").fill("某区财政局")
    page.locator("#bureau-setup input[name='code']").fill(BUREAU_CODE)
    page.locator("#bureau-setup button[type='submit']").click()
    expect(page.get_by_role("heading", name="设置财政局")).to_have_count(0)

    # ---- sets up departments, units and people from the Excel template
    page.locator("header").get_by_role("link", name="机构", exact=True).click()
    expect(page.locator("#org-tree")).to_contain_text(BUREAU_CODE)
    page.locator("#setup-sheet-link").click()
    with page.expect_download() as download:
        page.locator("#template-link").click()
    template = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert {"机构", "人员", "填写说明"} <= set(template.sheetnames)
    expect(page.locator("#bureau-code")).to_contain_text(BUREAU_CODE)
    shoot(page, "setup_sheet")

    # a sheet with one bad row is refused with its reason, and nothing is applied
    page.locator("#sheet-file").set_input_files(str(files["bad_sheet"]))
    page.locator("#sheet-upload").click()
    problems = page.locator("#problems")
    expect(problems).to_contain_text(BAD_CODE)
    expect(problems).to_contain_text("人员")
    expect(problems.locator("tr").filter(has_text=BAD_CODE)).to_have_count(1)
    expect(page.locator("#confirm")).to_have_count(0)
    shoot(page, "setup_sheet_preview_bad_row")
    page.goto("/orgs/")
    expect(page.locator("#org-tree")).not_to_contain_text("甲街道办事处")

    # fixed, it previews what will be made, and is applied on confirmation
    page.goto("/setup-sheet/")
    page.locator("#sheet-file").set_input_files(str(files["sheet"]))
    page.locator("#sheet-upload").click()
    expect(page.locator("#problems")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("新建机构")
    expect(page.locator("main")).to_contain_text("新建人员")
    shoot(page, "setup_sheet_preview")
    page.locator("#confirm").click()
    expect(page.get_by_role("heading", name=re.compile("导入完成"))).to_be_visible()
    passwords = {
        row.locator("td").nth(0).inner_text(): row.locator("td code").inner_text()
        for row in page.locator("#password-table tr").filter(has=page.locator("td")).all()
    }
    assert set(passwords) == {p[0] for p in PEOPLE}
    shoot(page, "setup_sheet_result")
    page.goto("/orgs/")
    tree = page.locator("#org-tree")
    for code, name, _, _ in ORGANISATIONS:
        expect(tree).to_contain_text(code)
        expect(tree).to_contain_text(name)
    shoot(page, "orgs_tree")
    page.goto("/orgs/people/")
    expect(page.locator("main")).to_contain_text("钱审核")
    shoot(page, "people")

    # the same sheet again changes nothing
    page.goto("/setup-sheet/")
    page.locator("#sheet-file").set_input_files(str(files["sheet"]))
    page.locator("#sheet-upload").click()
    expect(page.locator("#nothing-to-do")).to_be_visible()

    # ---- opens the 2023 round for the two departments, due in 30 days
    page.locator("header").get_by_role("link", name="自评任务", exact=True).click()
    page.locator("#open-round").click()
    page.locator("input[name='year']").fill("2023")
    page.locator("input[name='deadline']").fill(DEADLINE.isoformat())
    for department in ("甲街道办事处", "乙街道办事处"):
        page.locator("#scope summary").filter(has_text=department).locator("input").check()
    shoot(page, "round_new")
    page.locator("#open").click()
    expect(page.locator("#completion")).to_have_text("0.0%")
    expect(page.locator("#total")).to_contain_text("4")
    round_url = page.url
    log_out(page)

    # ---- unit A hands in a Word document
    first_login(page, "tb_a", passwords["tb_a"])
    open_task(page)
    shoot(page, "task")
    upload(page, files["docx"], "统计所经费")
    submit(page)
    log_out(page)

    # ---- unit B hands in an Excel workbook
    first_login(page, "tb_b", passwords["tb_b"])
    upload(page, files["xlsx"], "网络租赁购买服务")
    submit(page)
    log_out(page)

    # ---- unit C types its form in the browser
    first_login(page, "tb_c", passwords["tb_c"])
    page.goto("/forms/new/")
    page.locator("input[name='year']").fill("2023")
    page.get_by_role("button", name="新建并填写").click()
    page.locator("input[name='project_name']").fill("城市管理运行经费")
    for field, value in {
        "funds.total.initial_budget": "50",
        "funds.total.annual_budget": "50",
        "funds.total.executed": "48",
        "funds.appropriation.initial_budget": "50",
        "funds.appropriation.annual_budget": "50",
        "funds.appropriation.executed": "48",
        "funds.weight": "10",
        "funds.execution_rate": "96%",
        "funds.score": "9.6",
        "total_weight": "100",
        "total_score": "99.6",
    }.items():
        page.locator(f"input[name='{field}']").fill(value)
    page.locator("textarea[name='goals.expected']").fill("保障辖区城市管理日常运行。")
    page.locator("textarea[name='goals.achieved']").fill("完成全年城市管理日常运行保障。")
    page.locator("#save").click()
    expect(page.locator("ul.messages")).to_contain_text("已保存为第")
    submit(page)
    log_out(page)

    # ---- unit D has no projects this year, and says why
    first_login(page, "tb_d", passwords["tb_d"])
    open_task(page)
    page.locator("details.no-projects summary").click()
    page.locator("textarea[name='reason']").fill("本单位 2023 年度未安排项目支出，只有基本支出。")
    page.locator("button.declare-no-projects").click()
    expect(page.locator(".task")).to_contain_text("无项目")
    log_out(page)

    # ---- the reviewer finds the three forms in the inbox, oldest first, and returns one
    first_login(page, "shenhe", passwords["shenhe"])
    expect(page.locator("#nav-inbox .count")).to_be_visible()
    page.goto("/inbox/")
    waiting = page.locator("#waiting tbody tr").filter(has=page.locator("td"))
    expect(waiting).to_have_count(3)
    expect(waiting.nth(0)).to_contain_text("统计所经费")
    expect(waiting.nth(0)).to_contain_text("张一")
    expect(waiting.nth(2)).to_contain_text("城市管理运行经费")
    # the departments have no reviewer: their level is passed over, the forms wait for the bureau
    expect(waiting.nth(0)).to_contain_text("已提交 · 待财政局审核")
    expect(page.locator("#declarations")).to_contain_text("只有基本支出")
    shoot(page, "inbox_reviewer")
    waiting.nth(0).get_by_role("link", name="统计所经费").click()
    page.locator("#return-comment").fill(RETURN_COMMENT)
    page.locator("#return-submit").click()
    expect(page.locator("ul.messages")).to_contain_text("已退回填报单位。")
    log_out(page)

    # ---- the clerk sees why in the inbox, corrects the form and hands it in again
    log_in(page, "tb_a", NEW_PASSWORD)
    page.goto("/inbox/")
    returned = page.locator(".returned-form")
    expect(returned).to_contain_text("统计所经费")
    expect(returned).to_contain_text(RETURN_COMMENT)
    expect(returned).to_contain_text("钱审核")
    expect(page.locator("#notifications")).to_contain_text("退回")
    shoot(page, "inbox_clerk")
    returned.get_by_role("link", name="修改").click()
    page.locator("input[name='note']").fill("补充偏差原因，核对执行数")
    page.locator("#save").click()
    submit(page)
    log_out(page)

    # ---- the reviewer approves all three; the resubmission is marked as such
    log_in(page, "shenhe", NEW_PASSWORD)
    page.goto("/inbox/")
    expect(waiting).to_have_count(3)
    expect(waiting.filter(has_text="统计所经费")).to_contain_text("重新提交")
    for _ in range(3):
        page.goto("/inbox/")
        waiting.nth(0).locator("a").first.click()
        page.locator("#approve-open").click()  # a confirmation; a form with errors needs a reason
        if page.locator("#approve-reason").count():
            page.locator("#approve-reason").fill("错误已与单位核实，不影响自评结论。")
        page.locator("#approve").click()
        expect(page.locator("ul.messages")).to_contain_text("已审核通过。")
    page.goto("/inbox/")
    expect(waiting).to_have_count(0)

    # ---- the progress board reaches 100%, and its Excel export says so
    page.goto(round_url)
    expect(page.locator("#completion")).to_have_text("100.0%")
    shoot(page, "round_progress")
    with page.expect_download() as download:
        page.locator("#export-progress").click()
    overview = load_workbook(io.BytesIO(download.value.path().read_bytes()))["概况"]
    facts = {row[0]: row[1] for row in overview.iter_rows(values_only=True)}
    assert facts["预算单位数"] == 4
    assert facts["自评表数"] == 3
    assert facts["已完成（已审核、无项目）"] == 4
    assert facts["完成率"] == 1
    log_out(page)

    # ---- the audit log shows every step
    log_in(page, "admin", ADMIN_PASSWORD)
    page.goto("/audit/")
    log = page.locator("main")
    for action in (
        "新建机构",
        "批量导入设置",
        "发起自评任务",
        "修改密码",
        "导入文件",
        "提交",
        "申报无项目",
        "退回",
        "审核通过",
        "导出",
        "登录",
    ):
        expect(log).to_contain_text(action)
    shoot(page, "audit_log")
    context.close()
