"""The edit page's live preview always shows what the latest input computes."""

from __future__ import annotations

from browser_steps import SEED_A, log_in
from playwright.sync_api import Page, expect

from jixiao.web.services.imports import import_file

# the answer to the first preview after the page loads arrives late, as from a busy server
SLOW_SECOND_FETCH = """
(() => {
  const fetch = window.fetch.bind(window);
  window.previewCalls = 0;
  window.previewAnswers = 0;
  window.fetch = async (...args) => {
    const slow = window.previewCalls++ === 1;
    const response = await fetch(...args);
    if (slow) await new Promise(resolve => setTimeout(resolve, 1500));
    window.previewAnswers += 1;
    return response;
  };
})();
"""


def test_a_late_answer_to_an_older_input_does_not_overwrite_a_newer_one(page: Page, world) -> None:
    outcome = import_file(world.filler_a, SEED_A.name, SEED_A.read_bytes(), unit=world.unit_a)
    record = next(r for r in outcome.forms if r.project_name == "公共服务经费")
    page.add_init_script(SLOW_SECOND_FETCH)
    log_in(page, "tianbao_a")
    page.goto(f"/forms/{record.pk}/edit/")
    live = page.locator("#live-findings")
    expect(live.locator("li[data-code='FUNDS_SCORE_MISMATCH']")).to_have_count(1)

    page.locator("input[name='funds.execution_rate']").fill("90.10%")
    page.wait_for_function("window.previewCalls === 2")  # the rate alone asked; its answer is late
    page.locator("input[name='funds.score']").fill("9.01")
    page.wait_for_function("window.previewAnswers === 3", timeout=10_000)

    expect(live.locator("li[data-code='FUNDS_RATE_MISMATCH']")).to_have_count(0)
    expect(live.locator("li[data-code='FUNDS_SCORE_MISMATCH']")).to_have_count(0)
    expect(page.locator("#live-funds")).to_have_text("9.01")
