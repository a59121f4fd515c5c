"""`manage.py backup` and `manage.py restore`: a small site (two units' forms with their
originals, a return with comments, a rectification item with evidence, the audit log) backed up,
restored by the real commands into a second, empty database — a new SQLite file and a fresh
PostgreSQL database, whichever backend the suite runs on, so one direction crosses backends —
and compared row by row and byte by byte. A damaged archive restores nothing; a database that
is not empty, or a backup from a newer schema, is refused in Chinese."""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import secrets
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from jixiao.web.forms.models import FormRecord
from jixiao.web.services.backup import FILES_PREFIX, MANIFEST, kept_models

ROOT = Path(__file__).resolve().parents[2]
POSTGRES = "postgres://postgres@127.0.0.1:5432/"


def act(client: Any, record: Any, action: str, **data: str) -> Any:
    from django.urls import reverse

    return client.post(reverse("forms:action", args=[record.pk, action]), data, follow=True)


@pytest.fixture
def site(world) -> Any:
    """The two-tenant world, with form A handed in and returned with two comments, a
    rectification item for it with an evidence file (kept beside the originals), and form B
    voided (out of the forms' default manager, still a record to keep)."""
    from jixiao.web.rectification import services as rectification
    from jixiao.web.services.voiding import void_form

    act(world.client(world.filler_a), world.form_a, "submit")
    act(
        world.client(world.reviewer_a),
        world.form_a,
        "return",
        **{
            "finding:funds.execution_rate": "执行率应为 90.10%，请改",
            "cell:indicators.0.actual": "实际完成值请写明数量",
        },
    )
    finding = world.form_a.latest.findings[0]
    [item] = rectification.from_findings(
        world.form_a,
        [rectification.finding_key(finding)],
        due=datetime.date(2031, 6, 30),
        requirement="按评分规则重新计算",
        user=world.reviewer_a,
    )
    rectification.start(item, world.filler_a)
    upload = rectification.Upload("整改报告.pdf", b"%PDF-1.4 rectified " + os.urandom(64))
    rectification.add_evidence(item, [upload], world.filler_a, "已整改")
    void_form(world.form_b, world.admin, "重复上传")
    return world


def counts() -> dict[str, int]:
    """Rows per model, counted by the ORM (not by the backup's own manifest)."""
    return {m._meta.label_lower: m._base_manager.count() for m in kept_models()}


def originals(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.glob("*/*") if p.is_file()}


def dump(archive: Path) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """The archive's manifest and its rows, parsed (JSON key order aside: PostgreSQL's jsonb
    keeps its own)."""
    with zipfile.ZipFile(archive) as zf:
        manifest = json.loads(zf.read(MANIFEST))
        rows = {
            e["model"]: [json.loads(line) for line in zf.read(e["member"]).splitlines()]
            for e in manifest["models"]
        }
    return manifest, rows


def damaged(archive: Path, target: Path) -> Path:
    """A copy of the archive with one byte of one original changed (its zip CRC made anew, so
    only the manifest's checksum can tell)."""
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(target, "w") as copy:
        done = False
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith(FILES_PREFIX) and not done:
                data, done = bytes([data[0] ^ 1]) + data[1:], True
            copy.writestr(info, data)
    assert done
    return target


# --------------------------------------------------------------- the second database


def _postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(POSTGRES + "postgres", connect_timeout=3):
            return True
    except Exception:
        return False


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_site(request, tmp_path) -> Iterator[dict[str, str]]:
    """The environment of a second site: its own data folder and a new, empty database."""
    folder = tmp_path / "restored"
    folder.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["JIXIAO_DATA_DIR"] = str(folder)
    if request.param == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{folder / 'jixiao.sqlite3'}"
        yield env
        return
    if not _postgres_available():
        pytest.skip("没有可用的 PostgreSQL（127.0.0.1:5432）")
    import psycopg

    name = f"jixiao_restore_{secrets.token_hex(6)}"
    with psycopg.connect(POSTGRES + "postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = POSTGRES + name
    try:
        yield env
    finally:
        with psycopg.connect(POSTGRES + "postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=env["JIXIAO_DATA_DIR"],
        check=False,
        timeout=600,
    )


# --------------------------------------------------------------- the tests


def test_it_restores_everything_into_an_empty_database(site, empty_site, tmp_path) -> None:
    archive = tmp_path / "backup.zip"
    call_command("backup", str(archive), verbosity=0)
    before = counts()
    for label in (
        "auth.user",
        "orgs.organisation",
        "orgs.auditevent",
        "forms.storedfile",
        "forms.formrecord",
        "forms.formversion",
        "forms.comment",
        "rectification.rectificationitem",
        "rectification.evidence",
        "inbox.notification",
    ):
        assert before[label] > 0, label
    assert FormRecord.objects.count() < before["forms.formrecord"]  # the voided form B too
    manifest, rows = dump(archive)
    assert {e["model"]: e["count"] for e in manifest["models"]} == before
    assert manifest["migrations"] and manifest["missing_files"] == []
    assert stat_mode(archive) == 0o600  # password hashes inside: for its owner only

    migrated = manage(empty_site, "migrate", "--no-input", "-v0")
    assert migrated.returncode == 0, migrated.stderr
    # a damaged archive restores nothing (all in one transaction): the same database then
    # takes the good archive, which it would refuse if anything had been left in it
    bad = manage(empty_site, "restore", str(damaged(archive, tmp_path / "damaged.zip")))
    assert bad.returncode != 0
    assert "备份文件已损坏" in bad.stderr and "未恢复任何数据" in bad.stderr
    good = manage(empty_site, "restore", str(archive))
    assert good.returncode == 0, good.stderr
    assert f"已恢复 {sum(before.values())} 条记录" in good.stdout

    # the restored site, backed up by itself, holds the same rows and files
    again = tmp_path / "again.zip"
    backed = manage(empty_site, "backup", str(again))
    assert backed.returncode == 0, backed.stderr
    manifest_again, rows_again = dump(again)
    assert {e["model"]: e["count"] for e in manifest_again["models"]} == before
    assert manifest_again["migrations"] == manifest["migrations"]
    for label, objects in rows.items():
        assert rows_again[label] == objects, label
    restored_files = originals(Path(empty_site["JIXIAO_DATA_DIR"]) / "originals")
    assert restored_files == originals(Path(settings.ORIGINALS_DIR))
    for name, data in restored_files.items():
        assert hashlib.sha256(data).hexdigest() == name

    # form A's latest version as stored, read back from the restored database's own dump
    version = site.form_a.latest
    [restored] = [r for r in rows_again["forms.formversion"] if r["pk"] == version.pk]
    assert restored["fields"]["data"] == version.data
    assert restored["fields"]["findings"] == version.findings
    assert restored["fields"]["author"] == [site.filler_a.username]  # by natural key


def stat_mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_it_refuses_a_database_that_is_not_empty(site, tmp_path) -> None:
    archive = tmp_path / "backup.zip"
    call_command("backup", str(archive), verbosity=0)
    before = counts()
    with pytest.raises(CommandError, match="只能恢复到空数据库"):
        call_command("restore", str(archive), verbosity=0)
    assert counts() == before


def test_it_refuses_a_backup_from_a_newer_schema(site, tmp_path) -> None:
    archive = tmp_path / "backup.zip"
    call_command("backup", str(archive), verbosity=0)
    newer = tmp_path / "newer.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(newer, "w") as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == MANIFEST:
                manifest = json.loads(data)
                manifest["migrations"].append("forms.9999_from_the_future")
                data = json.dumps(manifest).encode()
            copy.writestr(info, data)
    with pytest.raises(CommandError, match="备份来自较新的 jixiao.*9999_from_the_future"):
        call_command("restore", str(newer), verbosity=0)


def test_it_names_an_original_the_database_lists_but_the_disk_lacks(site, tmp_path) -> None:
    stored = site.form_b.latest.source_file
    (Path(settings.ORIGINALS_DIR) / stored.sha256[:2] / stored.sha256).unlink()
    archive = tmp_path / "backup.zip"
    call_command("backup", str(archive), verbosity=0)
    manifest, _rows = dump(archive)
    assert manifest["missing_files"] == [stored.sha256]
    assert stored.sha256 not in {e["name"] for e in manifest["files"]}


def test_it_does_not_overwrite_an_archive(site, tmp_path) -> None:
    archive = tmp_path / "backup.zip"
    archive.write_bytes(b"an older backup")
    with pytest.raises(CommandError, match="已存在"):
        call_command("backup", str(archive), verbosity=0)
    assert archive.read_bytes() == b"an older backup"


def test_it_names_the_archive_by_date_in_a_folder(site, tmp_path) -> None:
    call_command("backup", str(tmp_path), verbosity=0)
    [made] = tmp_path.glob("jixiao-backup-*.zip")
    assert connection.vendor in json.loads(zipfile.ZipFile(made).read(MANIFEST))["database"]
