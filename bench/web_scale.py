"""Benchmark (not a test): the web pages at 1,000 / 20,000 / 100,000 forms on PostgreSQL.

In a fresh database (``jixiao_bench_web`` on the PostgreSQL at 127.0.0.1:5432, dropped first):
the sample bureau and its 50 forms are imported once through the import path, then copied with
new project names by bulk insert (`jixiao.web.forms.clones`) up to each size, spread over 200
units of 20 departments, a third of them submitted (the reviewers' queue and menu count). At
each size the site runs under gunicorn (4 sync workers, a free port, DEBUG off) and a load generator (threads, one request at a time each, a new connection
per request as gunicorn's sync workers close it) asks each page with 50 users at once:

- ``minimal``: a trivial view on the same server (bench URL conf only), the floor;
- ``list``: the forms list (/forms/) as the administrator, who sees every form;
- ``list_reviewer``: the forms list as a 主管部门 reviewer (one department's forms);
- ``api``: the API list (/api/forms), each user with their own token;
- ``dashboard``: the dashboard (/dashboard/) as the administrator.

p50 / p95 in ms and each page's p95 as a multiple of the minimal view's are printed as a table.
With ``--import-forms N`` it also imports N forms (text files made from the samples, each
project renamed) through `import_file` in one process and prints forms per second, the
process's peak memory and, measured file by file in the same run, the same files only read,
extracted and checked (the floor) and the ratio of the two per form.

    .venv/bin/python bench/web_scale.py [--sizes 1000 20000 100000] [--users 50]
        [--requests 500] [--import-forms 1000]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import resource
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
DATABASE = "jixiao_bench_web"
SERVER = "postgres://postgres@127.0.0.1:5432"
DEPARTMENTS, UNITS_PER_DEPARTMENT = 20, 10
PAGES = {
    "minimal": "/bench/minimal",
    "list": "/forms/",
    "list_reviewer": "/forms/",
    "api": "/api/forms",
    "dashboard": "/dashboard/",
}


# ---- inside Django (run as subcommands, in the bench's environment) ------------------------


def _django() -> None:
    import django

    django.setup()


def setup() -> dict[str, Any]:
    """Migrate, an administrator, the sample bureau with its 50 forms, 200 more units."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from jixiao.web.forms.models import FormRecord
    from jixiao.web.orgs.models import Membership, Organisation
    from jixiao.web.orgs.services import set_up_bureau
    from jixiao.web.services.samples import import_samples

    admin = get_user_model().objects.create_superuser("bench_admin", password=secrets.token_hex())
    started = time.perf_counter()
    import_samples(admin)
    samples_seconds = time.perf_counter() - started
    # the installation's own bureau named, as a bureau's set-up does (else an administrator is
    # sent to the set-up page); the bench's departments under it
    bureau = set_up_bureau(admin, name="压测财政局", code="BENCHBUREAU")
    for d in range(DEPARTMENTS):
        department = Organisation.objects.create(
            name=f"压测部门{d:02d}", kind=Organisation.Kind.DEPARTMENT, parent=bureau
        )
        Organisation.objects.bulk_create(
            Organisation(
                name=f"压测部门{d:02d}单位{u:02d}",
                code=f"BENCH{d:02d}{u:02d}",
                kind=Organisation.Kind.UNIT,
                parent=department,
            )
            for u in range(UNITS_PER_DEPARTMENT)
        )
        if d == 0:
            reviewer = get_user_model().objects.create_user(
                "bench_reviewer", password=secrets.token_hex()
            )
            Membership.objects.create(
                user=reviewer, organisation=department, role=Membership.Role.REVIEWER
            )
    return {"samples": FormRecord.objects.count(), "samples_seconds": round(samples_seconds, 1)}


def grow(size: int) -> dict[str, Any]:
    """Copies of the samples' forms until there are ``size`` forms."""
    from django.db.models import F
    from django.utils.timezone import now

    from jixiao.web.forms.clones import clone_forms
    from jixiao.web.forms.models import FormRecord
    from jixiao.web.orgs.models import Organisation

    have = FormRecord.objects.count()
    templates = list(FormRecord.objects.exclude(project_name__contains="（副本").order_by("pk"))
    units = list(Organisation.objects.filter(code__startswith="BENCH").order_by("pk"))
    started = time.perf_counter()
    last = FormRecord.all_objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    made = clone_forms(templates, units, size - have, start=have)
    # a third of the copies submitted, so the reviewers' queue and menu count have work
    copies = FormRecord.objects.filter(pk__gt=last).annotate(third=F("pk") % 3).filter(third=0)
    copies.update(status=FormRecord.Status.SUBMITTED, submitted_at=now())
    seconds = time.perf_counter() - started
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"forms": FormRecord.objects.count(), "added": made, "seconds": round(seconds, 1)}


def credentials(users: int) -> dict[str, Any]:
    """A logged-in session per user (the administrator's and the reviewer's) and a token each."""
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore

    from jixiao.web.services.tokens import create_token

    def session(user: Any) -> str:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return str(store.session_key)

    model = get_user_model()
    admin, reviewer = (
        model.objects.get(username="bench_admin"),
        model.objects.get(username="bench_reviewer"),
    )
    return {
        "cookie": settings.SESSION_COOKIE_NAME,
        "admin": [session(admin) for _ in range(users)],
        "reviewer": [session(reviewer) for _ in range(users)],
        "tokens": [create_token(admin, f"bench {i}") for i in range(users)],
    }


def import_forms(n: int) -> dict[str, Any]:
    """``n`` forms imported through `import_file` (text files from the samples, each project
    renamed so every form is new), in this process: forms per second and peak memory; and,
    file by file in the same run (taking turns which goes first), the floor: the same file only
    read, extracted and checked (`read_limited` + `extract_forms` + `check_forms`)."""
    from django.contrib.auth import get_user_model

    from jixiao.extract import extract_forms
    from jixiao.read.sandbox import read_limited
    from jixiao.services.check import check_forms
    from jixiao.web.forms.models import FormRecord
    from jixiao.web.orgs.models import Organisation
    from jixiao.web.services.imports import import_file
    from jixiao.web.services.versions import policy

    samples = sorted((ROOT / "samples").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in samples]
    names = _project_names(texts)
    admin = get_user_model().objects.get(username="bench_admin")
    unit = Organisation.objects.filter(code__startswith="BENCH").order_by("pk").last()
    rules = policy(unit.pk)
    before = FormRecord.objects.count()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    files, copy, imported, floor, floor_forms = 0, 0, 0.0, 0.0, 0

    def read_and_check(name: str, data: bytes) -> int:
        forms = extract_forms(read_limited(data, name))
        check_forms(forms, rules)
        return len(forms)

    while FormRecord.objects.count() - before < n:
        copy += 1
        for path, text in zip(samples, texts, strict=True):
            renamed = text
            for name in names[path.name]:
                renamed = renamed.replace(name, f"{name}（导入{copy}）")
            data, name = renamed.encode("utf-8"), f"{copy}_{path.name}"
            for turn in (0, 1) if files % 2 == 0 else (1, 0):
                started = time.perf_counter()
                if turn == 0:
                    import_file(admin, name, data, unit=unit)
                    imported += time.perf_counter() - started
                else:
                    floor_forms += read_and_check(name, data)
                    floor += time.perf_counter() - started
            files += 1
    forms = FormRecord.objects.count() - before
    return {
        "forms": forms,
        "files": files,
        "seconds": round(imported, 1),
        "forms_per_second": round(forms / imported, 1),
        "read_check_seconds": round(floor, 1),
        "read_check_forms_per_second": round(floor_forms / floor, 1),
        "ratio": round(imported / floor * floor_forms / forms, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "rss_before_mb": round(rss_before / 1024, 1),
    }


def _project_names(texts: list[str]) -> dict[str, list[str]]:
    from jixiao.web.forms.models import FormRecord

    known = set(FormRecord.objects.values_list("project_name", flat=True))
    out = {}
    for path, text in zip(sorted((ROOT / "samples").glob("*.txt")), texts, strict=True):
        out[path.name] = sorted((n for n in known if n and n in text), key=len, reverse=True)
    return out


# ---- outside: the database, the server, the load -------------------------------------------


def _env(data_dir: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"{SERVER}/{DATABASE}",
        "DJANGO_SETTINGS_MODULE": "web_scale_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "bench"), str(ROOT / "src")]),
        "JIXIAO_DEBUG": "0",
        "JIXIAO_SECRET_KEY": secrets.token_urlsafe(50),
        "JIXIAO_DATA_DIR": data_dir,
        "JIXIAO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }


def _inside(env: dict[str, str], *args: str) -> dict[str, Any]:
    out = subprocess.run(
        [PYTHON, __file__, *args], env=env, check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _fresh_database() -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DATABASE}"')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [GUNICORN, "jixiao.web.wsgi", "-w", "4", "-b", f"127.0.0.1:{port}", "--timeout", "120"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=(Path(env["JIXIAO_DATA_DIR"]) / "gunicorn.log").open("ab"),
        start_new_session=True,
    )
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def _stop(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=60)


def _get(port: int, path: str, headers: dict[str, str]) -> tuple[float, int, int]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        size = len(response.read())
        return time.perf_counter() - started, response.status, size
    finally:
        conn.close()


def load(port: int, path: str, headers: list[dict[str, str]], requests: int) -> dict[str, Any]:
    """``requests`` GETs of ``path`` by len(headers) users at once; each user its headers."""
    times: list[float] = []
    statuses: dict[int, int] = {}
    sizes: list[int] = []
    lock = threading.Lock()
    left = [requests]

    def user(h: dict[str, str]) -> None:
        while True:
            with lock:
                if left[0] <= 0:
                    return
                left[0] -= 1
            seconds, status, size = _get(port, path, h)
            with lock:
                times.append(seconds)
                statuses[status] = statuses.get(status, 0) + 1
                sizes.append(size)

    for h in headers[:5]:  # every worker has loaded the code and its caches
        for _ in range(4):
            _get(port, path, h)
    started = time.perf_counter()
    threads = [threading.Thread(target=user, args=(h,)) for h in headers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    cuts = statistics.quantiles(times, n=100)
    return {
        "p50_ms": round(cuts[49] * 1000, 1),
        "p95_ms": round(cuts[94] * 1000, 1),
        "rps": round(len(times) / wall, 1),
        "statuses": statuses,
        "bytes": int(statistics.median(sizes)),
    }


def measure(env: dict[str, str], users: int, requests: int) -> dict[str, Any]:
    creds = _inside(env, "_credentials", str(users))
    cookie = creds["cookie"]
    headers = {
        "minimal": [{"Cookie": f"{cookie}={s}"} for s in creds["admin"]],
        "list": [{"Cookie": f"{cookie}={s}"} for s in creds["admin"]],
        "list_reviewer": [{"Cookie": f"{cookie}={s}"} for s in creds["reviewer"]],
        "api": [{"Authorization": f"Bearer {t}"} for t in creds["tokens"]],
        "dashboard": [{"Cookie": f"{cookie}={s}"} for s in creds["admin"]],
    }
    port = _free_port()
    server = _serve(env, port)
    try:
        out = {name: load(port, path, headers[name], requests) for name, path in PAGES.items()}
        for name, path in PAGES.items():  # one user alone, every worker warm: the median of 20
            alone = [_get(port, path, headers[name][0])[0] for _ in range(20)]
            out[name]["one_user_ms"] = round(statistics.median(alone) * 1000, 1)
    finally:
        _stop(server)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 20000, 100000])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--import-forms", type=int, default=0)
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="jixiao-bench-web-")
    env = _env(data_dir)
    _fresh_database()
    print("setup", json.dumps(_inside(env, "_setup"), ensure_ascii=False), flush=True)
    results = {}
    for size in sorted(args.sizes):
        print("grow", json.dumps(_inside(env, "_grow", str(size))), flush=True)
        results[size] = measure(env, args.users, args.requests)
        print(size, json.dumps(results[size], ensure_ascii=False), flush=True)
    print()
    print(
        f"| 表数 | 页面 | 单用户 ms | p50 ms（{args.users} 用户） | p95 ms | p95 ÷ 最小视图 | 每秒请求 |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|")
    for size, pages in results.items():
        floor = pages["minimal"]["p95_ms"]
        for name, r in pages.items():
            wrong = {s: n for s, n in r["statuses"].items() if str(s) != "200"}
            ratio = f"{r['p95_ms'] / floor:.1f}×" if not wrong else f"无效（应答 {wrong}）"
            print(
                f"| {size:,} | {name} | {r['one_user_ms']} | {r['p50_ms']} | {r['p95_ms']} | "
                f"{ratio} | {r['rps']} |"
            )
    if args.import_forms:
        print("import", json.dumps(_inside(env, "_import", str(args.import_forms))), flush=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1].startswith("_"):
        _django()
        command, rest = sys.argv[1], sys.argv[2:]
        found = {
            "_setup": lambda: setup(),
            "_grow": lambda: grow(int(rest[0])),
            "_credentials": lambda: credentials(int(rest[0])),
            "_import": lambda: import_forms(int(rest[0])),
        }[command]()
        print(json.dumps(found, ensure_ascii=False))
    else:
        main()
