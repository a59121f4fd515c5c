"""Issue 14, done when: an administrator uploads 200 files in one go in a real browser — 197
self-evaluation forms, a PDF bomb, a PDF of 100,000 pages and a file over the size limit — to
a site run as it is deployed (gunicorn with deploy/gunicorn.conf.py, a database-queue worker
as `make run` starts it, its own data folder and database). The job page shows the progress;
the worker is killed with kill -9 in the middle and started again; the import completes with
197 forms, each file imported once, and three refusals, each naming its file and its own
reason. Meanwhile a unit's clerk, in a browser of her own, works on her pages.
"""

from __future__ import annotations

import hashlib
import re
import socket
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import hostile_files
import pytest
from browser_steps import PASSWORD, WIDTH, log_in
from playwright.sync_api import Browser, BrowserContext, Route, expect, sync_playwright
from seeds import SAMPLES
from web.jobs_site import BIN, ROOT, Site, copied_site, template_site

from jixiao.read import MAX_FILE_BYTES

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
FORMS = 197
SEED = SAMPLES / "000_6e77f7a237aa1684.txt"  # one form
PROJECT = "市民服务中心工作经费"
BOMB = "压缩炸弹.pdf"
PAGES = "十万页.pdf"
TOO_LARGE = "超大扫描件.pdf"
UNIT = "甲社区建设办公室"
WAIT_MS = 600_000  # how long the browser may wait on a busy machine: a bound, never a check


@pytest.fixture(scope="module")
def site_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    yield from template_site(tmp_path_factory)


@pytest.fixture
def site(site_template: Site, tmp_path: Path) -> Iterator[Site]:
    yield from copied_site(site_template, tmp_path)


@pytest.fixture
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(
            "browser tests need Debian's Chromium at /usr/bin/chromium (apt-get install chromium)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def people(site: Site) -> int:
    """The administrator as `make run` makes them (`manage.py bootstrap`, the bureau named in
    the environment); a department with two units; a clerk of the second unit with a form of
    her own. The first unit's id (where the upload goes)."""
    site.manage(
        "bootstrap",
        JIXIAO_ADMIN_USER="admin",
        JIXIAO_ADMIN_PASSWORD=PASSWORD,
        JIXIAO_BUREAU_NAME="某区财政局",
        JIXIAO_BUREAU_CODE="110000",
    )
    seed = SAMPLES / "004_b10b36a27f1da553.txt"  # 公共服务经费 and 民生家园建设经费
    code = (
        "from pathlib import Path\n"
        "from django.contrib.auth import get_user_model\n"
        "from jixiao.web.orgs.models import Membership, Organisation\n"
        "from jixiao.web.services.imports import import_file\n"
        "bureau = Organisation.objects.get(kind='bureau')\n"
        "department = Organisation.objects.create(\n"
        "    name='甲街道办事处', kind='department', parent=bureau)\n"
        f"unit = Organisation.objects.create(name={UNIT!r}, kind='unit', parent=department)\n"
        "other = Organisation.objects.create(\n"
        "    name='乙市民服务中心', kind='unit', parent=department)\n"
        f"clerk = get_user_model().objects.create_user('tianbao_b', password={PASSWORD!r})\n"
        "Membership.objects.create(user=clerk, organisation=other, role='filler')\n"
        f"seed = Path({str(seed)!r})\n"
        "assert import_file(clerk, seed.name, seed.read_bytes(), unit=other).forms\n"
        "print(unit.pk)\n"
    )
    return int(site.manage("shell", "-v", "0", "-c", code).strip().splitlines()[-1])


def two_hundred_files(folder: Path) -> list[Path]:
    """197 forms (seed 000 under projects of their own names), the bomb, the 100,000 pages
    and one file over the per-file limit, the hostile ones among the others."""
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    paths = []
    for number in range(1, FORMS + 1):
        path = folder / f"自评表{number:03}.txt"
        path.write_text(text.replace(PROJECT, f"{PROJECT}第{number}号"), encoding="utf-8")
        paths.append(path)
    (folder / BOMB).write_bytes(hostile_files.pdf_bomb())
    (folder / PAGES).write_bytes(hostile_files.pdf_many_pages(100_000))
    with (folder / TOO_LARGE).open("wb") as big:  # a megabyte over, in real bytes
        for _ in range(MAX_FILE_BYTES // (1 << 20) + 1):
            big.write(b"%PDF" + bytes((1 << 20) - 4))
    paths[50:50] = [folder / BOMB]
    paths[100:100] = [folder / TOO_LARGE]
    paths[150:150] = [folder / PAGES]
    return paths


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def serve(site: Site) -> str:
    """gunicorn with the deployment's configuration, two workers; the address once it answers."""
    site.manage("collectstatic", "--no-input", "-v", "0")
    port = free_port()
    command = [str(BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")]
    site.start(
        "web",
        *command,
        JIXIAO_TASKS="database",
        JIXIAO_WEB_BIND=f"127.0.0.1:{port}",
        JIXIAO_WEB_WORKERS="2",
        JIXIAO_WEB_ACCESS_LOG=str(site.folder / "access.log"),
    )
    address = f"http://127.0.0.1:{port}"
    site.wait_until(
        lambda: answers(f"{address}/login/"), f"gunicorn on {address}\n{site.log('web')}"
    )
    return address


def worker(site: Site) -> None:
    """The database queue's worker, with the same id each time, as `make run` starts it."""
    command = [sys.executable, str(ROOT / "manage.py"), "jobs_worker"]
    command += ["--worker-id", "test-worker", "--interval", "0.1"]
    site.start("db_worker", *command, JIXIAO_TASKS="database")


def window(browser: Browser, site: Site, address: str) -> BrowserContext:
    """A browser window on the site; /static/ served from the collected files, as nginx does
    in front of gunicorn (deploy/nginx.conf)."""
    context = browser.new_context(
        base_url=address, viewport={"width": WIDTH, "height": 900}, locale="zh-CN", bypass_csp=True
    )
    static = (site.folder / "static").resolve()

    def serve_static(route: Route) -> None:
        path = static / urlparse(route.request.url).path.removeprefix("/static/")
        if path.is_file() and static in path.resolve().parents:
            route.fulfill(path=path)
        else:
            route.fulfill(status=404)

    context.route(f"{address}/static/**", serve_static)
    return context


def clerk_works_meanwhile(browser: Browser, site: Site, address: str, job: int) -> None:
    """The other unit's clerk: her forms, her inbox, and not the administrator's job."""
    context = window(browser, site, address)
    page = context.new_page()
    log_in(page, "tianbao_b")
    page.goto("/forms/")
    expect(page.locator("main")).to_contain_text("公共服务经费")
    expect(page.locator("main")).to_contain_text("民生家园建设经费")
    expect(page.locator("main")).not_to_contain_text(f"{PROJECT}第")
    page.goto("/inbox/")
    expect(page.get_by_role("heading", level=1)).to_have_text("待办")
    expect(page.locator("main")).to_contain_text("自评任务")
    response = page.goto(f"/jobs/{job}/")
    assert response is not None and response.status == 404
    context.close()


def test_two_hundred_files_with_a_worker_killed_midway(site: Site, browser: Browser) -> None:
    unit = people(site)
    paths = two_hundred_files(site.folder / "upload")
    assert len(paths) == 200
    address = serve(site)
    page = window(browser, site, address).new_page()
    log_in(page, "admin")
    page.goto("/forms/upload/")
    page.locator("#unit").select_option(str(unit))
    page.locator("#files").set_input_files(paths)
    page.locator("#upload-button").click()

    # the job page at once, nothing read yet; the file over the limit refused as it came in,
    # one of the job's 200 files
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(f"上传 200 个文件到{UNIT}", timeout=WAIT_MS)
    job = int(re.search(r"/jobs/(\d+)/", page.url).group(1))
    expect(page.locator("#job-state")).to_have_text("排队中")
    expect(page.locator("#files-total")).to_have_text("200")
    expect(page.locator("#files-done")).to_have_text("1")
    refusal = f"{TOO_LARGE}：文件过大（超过 {MAX_FILE_BYTES >> 20} MB 的上限），未读取也未保存"
    expect(page.locator("#refused li", has_text=refusal)).to_have_count(1)

    worker(site)
    site.wait_until(lambda: site.finished(job) >= 5, "5 files read")
    clerk_works_meanwhile(browser, site, address, job)
    assert site.finished(job) < 200, "the clerk's pages were to load while the import ran"

    site.wait_until(lambda: site.in_the_middle(job), "a file read, the next begun")
    site.kill(site.workers[-1])
    done = site.finished(job)
    assert 5 <= done < 200
    # the page (reloading itself) shows how far the import got, the refusal still there
    expect(page.locator("#files-done")).to_have_text(str(done))
    expect(page.locator("#job-state")).to_have_text("进行中")
    expect(page.locator("#job-progress")).to_be_visible()
    expect(page.locator("#refused li", has_text=refusal)).to_have_count(1)

    worker(site)  # puts back the task the killed worker (the same id) had started
    site.wait_until(lambda: site.finished(job) == 200, "the whole import")
    expect(page.locator("#job-state")).to_have_text("已完成", timeout=WAIT_MS)
    expect(page.locator("#files-done")).to_have_text("200")
    expect(page.locator("#job-message")).to_have_text("200 个文件已处理")
    expect(page.locator("#forms-read")).to_have_text(str(FORMS))
    expect(page.locator("#outcomes tr", has_text="读出 1 张自评表")).to_have_count(FORMS)
    refused = page.locator("#refused li")
    expect(refused).to_have_count(3)
    expect(refused.filter(has_text=f"{TOO_LARGE}：")).to_have_text(refusal)
    expect(refused.filter(has_text=f"{BOMB}：")).to_contain_text("压缩炸弹")
    expect(refused.filter(has_text=f"{PAGES}：")).to_contain_text("页数过多")
    for text in refused.all_inner_texts():
        reason = text.split("：", 1)[1]  # after the file's name
        assert "扫描件" not in reason and "损坏" not in reason, text

    # as an operator would look: 197 forms of one version each, every file once, originals kept
    rows = site.query(
        "SELECT f.name, f.state, f.sha256, s.name, s.forms_found FROM jobs_jobfile f "
        "JOIN forms_storedfile s ON s.id = f.stored_file_id WHERE f.job_id = %s "
        "ORDER BY f.position",
        job,
    )
    sent = [p for p in paths if p.name != TOO_LARGE]
    assert [(name, state, stored) for name, state, _, stored, _ in rows] == [
        (p.name, "done", p.name) for p in sent
    ]
    assert sorted(found for *_, found in rows) == [0, 0] + [1] * FORMS
    for (*_, sha256, _, _), path in zip(rows, sent, strict=True):
        original = site.folder / "originals" / sha256[:2] / sha256
        assert original.read_bytes() == path.read_bytes()
    big = hashlib.sha256((site.folder / "upload" / TOO_LARGE).read_bytes()).hexdigest()
    assert not (site.folder / "originals" / big[:2] / big).exists()
    assert site.query("SELECT count(*) FROM forms_storedfile WHERE name = %s", TOO_LARGE) == [(0,)]
    twice = "SELECT sha256 FROM forms_storedfile GROUP BY sha256 HAVING count(*) > 1"
    assert site.query(twice) == []
    assert site.query(
        "SELECT count(DISTINCT r.project_name), count(*) FROM forms_formrecord r "
        "JOIN forms_formversion v ON v.record_id = r.id WHERE r.unit_id = %s",
        unit,
    ) == [(FORMS, FORMS)]
