"""An upload in a real browser on the database queue (as under `make run`): the page goes at
once to the job, which says it is queued; when a worker runs, the page (reloading itself) shows
the job done and each file's result, with links to the forms read."""

from __future__ import annotations

import threading

import pytest
from browser_steps import SEED_A, log_in, screenshot
from django.db import connection
from django_tasks_db.management.commands.db_worker import Worker
from playwright.sync_api import Page, expect
from seeds import SAMPLES

SEED_002 = SAMPLES / "002_00c192bc11a47879.txt"  # 18 forms


def work_the_queue() -> None:
    """The database queue's worker (what `manage.py jobs_worker --batch` runs), in a thread of
    this process: the live server's database is this process's test database."""
    try:
        Worker(
            queue_names=["*"],
            interval=0.1,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="browser-test",
            excluded_queue_names=[],
        ).run()
    finally:
        connection.close()


def test_an_upload_shows_it_is_queued_then_each_files_result(page: Page, world, settings) -> None:
    if connection.vendor == "sqlite":
        pytest.skip(
            "the test database on SQLite is in memory, shared between the server's and the "
            "worker's threads with table locks (a worker writing while the page reads fails); "
            "the application's own SQLite file runs in WAL mode. Runs on PostgreSQL."
        )
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    log_in(page, "tianbao_a")
    page.goto("/forms/upload/")
    page.locator("#files").set_input_files([SEED_A, SEED_002])
    page.locator("#upload-button").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("上传 2 个文件")
    expect(page.locator("#job-state")).to_have_text("排队中")
    expect(page.locator("#files-total")).to_have_text("2")
    expect(page.locator("#outcomes")).to_contain_text(SEED_A.name)

    worker = threading.Thread(target=work_the_queue)
    worker.start()
    try:
        expect(page.locator("#job-state")).to_have_text("已完成", timeout=120_000)
    finally:
        worker.join(timeout=120)
    outcomes = page.locator("#outcomes")
    expect(outcomes).to_contain_text("读出 2 张自评表")
    expect(outcomes).to_contain_text("读出 18 张自评表")
    expect(page.locator("#files-done")).to_have_text("2")
    screenshot(page, "job_done")
    outcomes.get_by_role("link", name="公共服务经费", exact=True).click()
    expect(page.locator("table.paper").first).to_contain_text("公共服务经费")
