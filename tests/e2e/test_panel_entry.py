"""Entering an expert panel in the browser: create it, type the scores, see the computed grade."""

from __future__ import annotations

from browser_steps import log_in, screenshot
from playwright.sync_api import Page, expect
from seeds import SAMPLES

# 立项依据充分性 … 满意度: the weights of the shipped framework (seed 002's), in grid order
WEIGHTS = ["1.5", "1.5", "2", "2", "1.5", "1.5", "5", "3", "4", "4", "4"] + ["10"] * 7
NAMES = ["立项依据充分性", "立项程序规范性", "绩效目标合理性", "绩效指标明确性", "预算编制科学性",
         "资金分配合理性", "资金到位率", "预算执行率", "资金使用合规性", "管理制度健全性",
         "制度执行有效性", "实际完成率", "质量达标率", "完成及时性", "成本节约率", "社会效益",
         "可持续影响", "满意度"]  # fmt: skip


def create(page: Page) -> None:
    page.goto("/panels/new/")
    page.get_by_label("项目名称").fill("区政府网站运维")
    page.get_by_label("年度").fill("2021")
    page.get_by_label("专家姓名").fill("陈竹\n伏虎")
    page.get_by_role("button", name="新建并录入评分").click()
    expect(page.get_by_role("heading", name="录入评分：区政府网站运维")).to_be_visible()


def test_a_filler_enters_scores_and_sees_the_grade(page: Page, world) -> None:
    log_in(page, "tianbao_a")
    create(page)
    for name, weight in zip(NAMES, WEIGHTS, strict=True):
        page.get_by_label(f"{name} · 陈竹").fill(weight)
        page.get_by_label(f"{name} · 伏虎").fill(weight)
    # 伏虎 takes 5 of 10 on 成本节约率 and 1 of 3 on 预算执行率: averages 7.50 and 2.00,
    # so the final score is 100 − 2.5 − 1 = 96.5 → 优秀; then 满意度 0 and 0 → 86.50 → 良好
    page.get_by_label("成本节约率 · 伏虎").fill("5")
    page.get_by_label("预算执行率 · 伏虎").fill("1")
    page.get_by_role("button", name="保存评分").click()
    expect(page.locator("#total")).to_have_text("96.50")
    expect(page.locator("#grade")).to_have_text("优秀")

    page.get_by_role("link", name="录入评分").click()
    page.get_by_label("满意度 · 陈竹").fill("0")
    page.get_by_label("满意度 · 伏虎").fill("0")
    page.get_by_role("button", name="保存评分").click()
    expect(page.locator("#total")).to_have_text("86.50")
    expect(page.locator("#grade")).to_have_text("良好")
    expect(page.locator("#groups")).to_contain_text("33.33%")  # 项目效益 20 of 30
    screenshot(page, "panel_detail")


def test_a_score_above_the_weight_is_refused_in_chinese(page: Page, world) -> None:
    log_in(page, "tianbao_a")
    create(page)
    page.get_by_label("立项依据充分性 · 陈竹").fill("3")
    page.get_by_role("button", name="保存评分").click()
    expect(page.locator(".messages .error")).to_contain_text(
        "“立项依据充分性”专家陈竹的评分 3 超出范围：应在 0 到分值 1.5 之间"
    )
    expect(page.get_by_label("立项依据充分性 · 陈竹")).to_have_value("3")


def test_a_filler_uploads_seed_002_and_checks_its_report(page: Page, world) -> None:
    seed = SAMPLES / "002_00c192bc11a47879.txt"
    log_in(page, "tianbao_a")
    create(page)
    page.get_by_role("link", name="返回").click()
    page.get_by_label("上传评分表").set_input_files(str(seed))
    page.get_by_role("button", name="上传", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("已从 002_00c192bc11a47879.txt 读入 5 位专家")
    expect(page.locator("#total")).to_have_text("83.72")
    expect(page.locator("#grade")).to_have_text("良好")
    page.get_by_role("link", name="核对报告中的数字").click()
    page.get_by_label("或上传报告文件").set_input_files(str(seed))
    page.get_by_role("button", name="核对", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("发现 1 处问题")
    expect(page.locator("#findings")).to_contain_text("报告写“资金管理”失分率为 19.11%")
    screenshot(page, "panel_seed_002")
