"""`manage.py backup` / `manage.py restore`: the database and every original in one archive.

The archive is a zip file:

- ``db/NNN_<app>.<model>.jsonl``: each model's rows as Django's JSON Lines serialisation, with
  natural keys for users, groups, permissions and content types, so a dump restores into an
  empty database of either kind (SQLite → PostgreSQL and back). Content types and permissions
  are not dumped: `migrate` makes them in the new database, and references to them travel by
  their natural keys, not by their numbers. Sessions and the task queue are not kept.
- ``originals/ab/<sha256>``: every file under ORIGINALS_DIR (uploaded originals and evidence,
  content-addressed by SHA-256).
- ``manifest.json`` (written last, read first): the jixiao version, the applied migrations, each
  member's row count and SHA-256, each file's size and SHA-256, and originals the database
  names that were not on disk.

Both directions stream: rows are read with an iterator and written line by line, files are
copied in chunks, and a restore reads each member line by line and inserts a hundred rows
per statement as they were stored (no auto_now, no signals); nothing holds the whole dump.
A restore goes into an empty, migrated database only, verifies every checksum, and runs in
one transaction: a wrong checksum or count leaves the database as empty as it was.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.db import connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder

from jixiao.web.services.imports import original_path

FORMAT = "jixiao-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DB_PREFIX = "db/"
FILES_PREFIX = "originals/"
CHUNK = 1024 * 1024
ROWS_PER_QUERY = 500  # rows fetched at a time: a version with its JSON is tens of KB
ROWS_PER_INSERT = 100  # rows restored per INSERT (every value held as a parameter meanwhile)

# made again by `migrate` in the new database (and referenced by natural key), or transient
NOT_KEPT = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
NOT_KEPT_APPS = {"django_tasks_database", "django_tasks_db"}  # queued work, not records
SHA256 = re.compile(r"[0-9a-f]{64}")


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the person running it."""


@dataclass
class Summary:
    rows: int = 0
    models: int = 0
    files: int = 0
    bytes: int = 0
    missing: list[str] = field(default_factory=list)

    def text(self, verb: str) -> str:
        size = f"{self.bytes / 1024 / 1024:.1f} MB"
        text = f"{verb} {self.rows} 条记录（{self.models} 类）、{self.files} 个原件（{size}）"
        if self.missing:
            text += f"；数据库登记但磁盘上缺少的原件 {len(self.missing)} 个：" + "、".join(
                self.missing[:5]
            )
            text += " 等" if len(self.missing) > 5 else ""
        return text


# ------------------------------------------------------------------------------ what is kept


def kept_models() -> list[type[models.Model]]:
    """Every model with rows worth keeping, ordered so that natural keys resolve on loading."""
    by_app = []
    for config in apps.get_app_configs():
        chosen = [
            m
            for m in config.get_models()
            if not m._meta.proxy
            and m._meta.managed
            and m._meta.label_lower not in NOT_KEPT
            and config.label not in NOT_KEPT_APPS
        ]
        if chosen:
            by_app.append((config, chosen))
    return serializers.sort_dependencies(by_app, allow_cycles=True)


def _file_fields() -> list[tuple[type[models.Model], str]]:
    """The columns that name an original by its SHA-256 (StoredFile, NarrativeRecord …)."""
    return [
        (m, "sha256")
        for m in kept_models()
        if any(f.name == "sha256" and isinstance(f, models.CharField) for f in m._meta.fields)
    ]


def applied_migrations(database: str) -> list[str]:
    recorder = MigrationRecorder(connections[database])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


def jixiao_version() -> str:
    try:
        return metadata.version("jixiao")
    except metadata.PackageNotFoundError:
        return "unknown"


# ------------------------------------------------------------------------------ backup


class _HashingWriter(io.RawIOBase):
    """Passes bytes to a zip member and keeps their SHA-256 and size."""

    def __init__(self, target: IO[bytes]) -> None:
        self.target, self.hash, self.size = target, hashlib.sha256(), 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        self.hash.update(view)
        self.target.write(view)
        self.size += len(view)
        return len(view)


def _counted(rows: Iterable[Any], counter: list[int]) -> Iterator[Any]:
    for row in rows:
        counter[0] += 1
        yield row


def _dump_model(archive: zipfile.ZipFile, member: str, model: type[models.Model], db: str) -> dict:
    counter = [0]
    rows = model._base_manager.using(db).order_by("pk").iterator(chunk_size=ROWS_PER_QUERY)
    with archive.open(member, "w", force_zip64=True) as raw:
        writer = _HashingWriter(raw)
        text = io.TextIOWrapper(io.BufferedWriter(writer, CHUNK), encoding="utf-8", newline="\n")
        serializers.serialize(
            "jsonl", _counted(rows, counter), stream=text, use_natural_foreign_keys=True
        )
        text.flush()
        text.detach().flush()
    return {
        "model": model._meta.label_lower,
        "member": member,
        "count": counter[0],
        "sha256": writer.hash.hexdigest(),
    }


def _original_files() -> Iterator[tuple[str, Path]]:
    """(sha256, path) of every kept file under ORIGINALS_DIR, in a stable order."""
    root = Path(settings.ORIGINALS_DIR)
    if not root.is_dir():
        return
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        for path in sorted(folder.iterdir()):
            if path.is_file() and SHA256.fullmatch(path.name):
                yield path.name, path


def _copy_file(archive: zipfile.ZipFile, sha256: str, path: Path) -> dict:
    member = f"{FILES_PREFIX}{sha256[:2]}/{sha256}"
    digest, size = hashlib.sha256(), 0
    info = zipfile.ZipInfo.from_file(path, member)
    info.compress_type = zipfile.ZIP_DEFLATED
    with path.open("rb") as source, archive.open(info, "w", force_zip64=True) as target:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            target.write(chunk)
            size += len(chunk)
    return {"sha256": digest.hexdigest(), "name": sha256, "member": member, "size": size}


def _referenced(db: str) -> set[str]:
    names: set[str] = set()
    for model, column in _file_fields():
        names.update(model._base_manager.using(db).values_list(column, flat=True).iterator())
    return names


def _snapshot(db: str) -> Any:
    """One consistent view of the database while it is dumped (others may go on writing)."""
    connection = connections[db]
    fresh = not connection.in_atomic_block
    block = transaction.atomic(using=db)
    block.__enter__()
    if fresh and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
    return block


def backup(
    target: Path, database: str = "default", progress: Callable[[str], None] | None = None
) -> Summary:
    """Write the archive to `target` (a .part file beside it first, readable by its owner only)."""
    tell = progress or (lambda _text: None)
    partial = target.with_name(target.name + ".part")
    summary = Summary()
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "jixiao_version": jixiao_version(),
        "database": connections[database].vendor,
        "models": [],
        "files": [],
    }
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as out, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            block = _snapshot(database)
            try:
                manifest["migrations"] = applied_migrations(database)
                for n, model in enumerate(kept_models()):
                    member = f"{DB_PREFIX}{n:03d}_{model._meta.label_lower}.jsonl"
                    entry = _dump_model(zf, member, model, database)
                    manifest["models"].append(entry)
                    summary.rows += entry["count"]
                    tell(f"{model._meta.verbose_name}：{entry['count']} 条")
                referenced = _referenced(database)
            finally:
                block.__exit__(None, None, None)
            # files after the rows: an original is on disk before its record is committed
            on_disk = set()
            for sha256, path in _original_files():
                entry = _copy_file(zf, sha256, path)
                manifest["files"].append(entry)
                on_disk.add(sha256)
                summary.files += 1
                summary.bytes += entry["size"]
            summary.missing = sorted(referenced - on_disk)
            manifest["missing_files"] = summary.missing
            summary.models = len(manifest["models"])
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return summary


# ------------------------------------------------------------------------------ restore


def read_manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise BackupError("这不是 jixiao 的备份文件（缺少 manifest.json）。") from None
    if manifest.get("format") != FORMAT:
        raise BackupError("这不是 jixiao 的备份文件（manifest.json 的格式不对）。")
    if manifest.get("format_version", 0) > FORMAT_VERSION:
        raise BackupError("备份文件的格式比本程序新：请用较新版本的 jixiao 恢复。")
    return manifest


def _check_migrations(manifest: dict[str, Any], database: str) -> None:
    theirs, ours = set(manifest["migrations"]), set(applied_migrations(database))
    if not ours:
        raise BackupError("目标数据库还没有建表：请先运行 manage.py migrate，再恢复。")
    if theirs - ours:
        names = "、".join(sorted(theirs - ours)[:5])
        raise BackupError(
            f"备份来自较新的 jixiao（本库未应用的迁移：{names}）：请先升级 jixiao 并运行 "
            "manage.py migrate，再恢复。"
        )
    if ours - theirs:
        names = "、".join(sorted(ours - theirs)[:5])
        raise BackupError(
            f"本库的数据结构比备份新（备份中没有的迁移：{names}）：请用与备份相同版本的 jixiao"
            f"（{manifest.get('jixiao_version')}）在空库上 migrate 并恢复，然后再升级、运行 migrate。"
        )


def _check_empty(database: str) -> None:
    filled = [
        str(m._meta.verbose_name) for m in kept_models() if m._base_manager.using(database).exists()
    ]
    if filled:
        raise BackupError(
            "只能恢复到空数据库，目标数据库中已有数据（"
            + "、".join(filled[:5])
            + (" 等" if len(filled) > 5 else "")
            + "）。请新建一个数据库，运行 manage.py migrate 后再恢复。"
        )


def _lines(stream: IO[bytes], digest: Any) -> Iterator[str]:
    for line in stream:
        digest.update(line)
        yield line.decode("utf-8")


def _insert(batch: list[Any], database: str) -> None:
    """Insert deserialised rows as they are (raw: no auto_now, no signals), as many per
    statement as the database takes, then their many-to-many links."""
    if not batch:
        return
    model = type(batch[0].object)
    fields = [f for f in model._meta.local_concrete_fields if not f.generated]
    objects = [o.object for o in batch]
    size = max(1, connections[database].ops.bulk_batch_size(fields, objects))
    for start in range(0, len(objects), size):
        chunk = objects[start : start + size]
        model._base_manager.using(database)._insert(chunk, fields=fields, raw=True, using=database)
    for o in batch:
        o.object._state.adding, o.object._state.db = False, database
        for accessor, values in (o.m2m_data or {}).items():
            getattr(o.object, accessor).set(values)


def _load_model(archive: zipfile.ZipFile, entry: dict[str, Any], database: str) -> int:
    digest, count, deferred, batch = hashlib.sha256(), 0, [], []
    with archive.open(entry["member"]) as stream:
        objects = serializers.deserialize(
            "jsonl", _lines(stream, digest), using=database, handle_forward_references=True
        )
        for obj in objects:
            batch.append(obj)
            if obj.deferred_fields:
                deferred.append(obj)
            count += 1
            if len(batch) >= ROWS_PER_INSERT:
                _insert(batch, database)
                batch = []
        _insert(batch, database)
    for obj in deferred:
        obj.save_deferred_fields(using=database)
    if count != entry["count"] or digest.hexdigest() != entry["sha256"]:
        raise BackupError(
            f"备份文件已损坏：{entry['member']} 的校验值或条数（{count}，应为 {entry['count']}）"
            "与清单不符，未恢复任何数据。"
        )
    return count


def _restore_file(archive: zipfile.ZipFile, entry: dict[str, Any]) -> None:
    sha256 = entry["name"]
    if not SHA256.fullmatch(sha256) or entry["sha256"] != sha256:
        raise BackupError(f"备份清单中的原件名不对：{sha256}")
    path = original_path(sha256)
    if path.is_file() and _sha256_of(path) == sha256:
        return  # already there (shared storage, or restored before)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    digest = hashlib.sha256()
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with archive.open(entry["member"]) as source, os.fdopen(fd, "wb") as target:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                target.write(chunk)
        if digest.hexdigest() != sha256:
            raise BackupError(f"备份文件已损坏：原件 {sha256} 的校验值与清单不符，未恢复任何数据。")
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def restore(
    source: Path, database: str = "default", progress: Callable[[str], None] | None = None
) -> Summary:
    """Load the archive into an empty, migrated database and put the originals back."""
    tell = progress or (lambda _text: None)
    connection = connections[database]
    summary = Summary()
    try:
        archive = zipfile.ZipFile(source)
    except (OSError, zipfile.BadZipFile) as error:
        raise BackupError(f"无法打开备份文件 {source}：{error}") from None
    with archive:
        manifest = read_manifest(archive)
        _check_migrations(manifest, database)
        _check_empty(database)
        known = {m._meta.label_lower: m for m in kept_models()}
        loaded = []
        with transaction.atomic(using=database):
            with connection.constraint_checks_disabled():
                for entry in manifest["models"]:
                    if entry["model"] not in known:
                        raise BackupError(f"本版本没有备份中的数据类别 {entry['model']}。")
                    summary.rows += _load_model(archive, entry, database)
                    loaded.append(known[entry["model"]])
                    tell(f"{known[entry['model']]._meta.verbose_name}：{entry['count']} 条")
            connection.check_constraints(table_names=[m._meta.db_table for m in loaded])
            sequences = connection.ops.sequence_reset_sql(no_style(), loaded)
            if sequences:
                with connection.cursor() as cursor:
                    for sql in sequences:
                        cursor.execute(sql)
            for entry in manifest["files"]:
                _restore_file(archive, entry)
                summary.files += 1
                summary.bytes += entry["size"]
            summary.models = len(loaded)
            summary.missing = list(manifest.get("missing_files", []))
    return summary
