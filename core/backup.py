"""Backup and restore of the whole portal: the database and the uploaded files together.

A backup is a folder:

    database.pgdump   PostgreSQL (pg_dump's custom format), or database.sqlite3
    media/…           every file of the media storage (local disk or S3), as stored
    manifest.json     when, which database, the row count of every table and the
                      SHA-256 of every media file

`restore` loads it into an empty database and media storage and then compares: every
table's row count and every file's checksum must be as the manifest says, or the
command fails. Run with `manage.py backup DIR` and `manage.py restore DIR` (README).
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connection

MANIFEST = "manifest.json"
PG_DUMP = "database.pgdump"
SQLITE = "database.sqlite3"


class BackupError(Exception):
    pass


@dataclass
class Summary:
    tables: int
    rows: int
    files: int
    bytes: int


def backup(target: Path) -> Summary:
    """Writes a backup into `target`, a folder that must not exist or be empty."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty.")
    (target / "media").mkdir(parents=True, exist_ok=True)
    _dump_database(target)
    files = {}
    for name in _media_names():
        destination = target / "media" / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, open(destination, "wb") as out:
            shutil.copyfileobj(source, out)
        files[name] = _sha256(destination)
    counts = row_counts()
    manifest = {
        "created_at": datetime.now(UTC).isoformat(),
        "database": connection.vendor,
        "tables": counts,
        "media": files,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
    size = sum((target / "media" / name).stat().st_size for name in files)
    return Summary(len(counts), sum(counts.values()), len(files), size)


def restore(source: Path) -> Summary:
    """Loads a backup into the configured database and media storage, both empty,
    and checks every row count and every checksum against the manifest."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{source} holds no {MANIFEST}: not a backup.") from None
    if manifest["database"] != connection.vendor:
        raise BackupError(
            f"The backup is of {manifest['database']}, the database is "
            f"{connection.vendor}."
        )
    if connection.introspection.table_names():
        raise BackupError("The database is not empty; restore into an empty one.")
    taken = [name for name in manifest["media"] if default_storage.exists(name)]
    if taken:
        raise BackupError(f"The media storage is not empty ({taken[0]}, …).")
    _load_database(source)
    for name in manifest["media"]:
        with open(source / "media" / name, "rb") as file:
            stored = default_storage.save(name, File(file))
        if stored != name:
            raise BackupError(f"{name} was stored as {stored}.")
    problems = check(manifest)
    if problems:
        raise BackupError(
            "The restore differs from the backup:\n" + "\n".join(problems)
        )
    sizes = [default_storage.size(name) for name in manifest["media"]]
    tables = manifest["tables"]
    return Summary(len(tables), sum(tables.values()), len(sizes), sum(sizes))


def check(manifest: dict) -> list[str]:
    """What differs between the database and storage now and the manifest."""
    problems = []
    counts = row_counts()
    for table, expected in sorted(manifest["tables"].items()):
        found = counts.get(table)
        if found != expected:
            problems.append(f"table {table}: {found} rows, the backup has {expected}")
    for name, checksum in sorted(manifest["media"].items()):
        if not default_storage.exists(name):
            problems.append(f"file {name} is missing")
            continue
        with default_storage.open(name, "rb") as file:
            if _sha256(file) != checksum:
                problems.append(f"file {name} differs")
    return problems


def row_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 (a table name from the database itself)
            counts[table] = cursor.fetchone()[0]
    return counts


def _media_names(folder: str = "") -> list[str]:
    if folder and not default_storage.exists(folder):
        return []
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}{name}" for name in files]
    for sub in folders:
        names += _media_names(f"{folder}{sub}/")
    return sorted(names)


def _sha256(file) -> str:
    digest = hashlib.sha256()
    if isinstance(file, Path):
        with open(file, "rb") as opened:
            return _sha256(opened)
    for block in iter(lambda: file.read(1 << 20), b""):
        digest.update(block)
    return digest.hexdigest()


def _dump_database(target: Path) -> None:
    if connection.vendor == "postgresql":
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={target / PG_DUMP}",
            ]
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target / SQLITE) as out:
            connection.connection.backup(out)
    else:
        raise BackupError(f"No backup for {connection.vendor} databases.")


def _load_database(source: Path) -> None:
    if connection.vendor == "postgresql":
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={_settings()['NAME']}",
                str(source / PG_DUMP),
            ]
        )
    else:
        connection.ensure_connection()
        with sqlite3.connect(source / SQLITE) as backup_file:
            backup_file.backup(connection.connection)
    connection.close()  # the next query sees the restored schema


def _settings() -> dict:
    return connection.settings_dict


def _run(command: list[str]) -> None:
    """pg_dump / pg_restore with the connection's settings in libpq's variables."""
    config = _settings()
    env = {**os.environ}
    for variable, key in [
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ]:
        if config.get(key):
            env[variable] = str(config[key])
    try:
        subprocess.run(command, env=env, check=True, capture_output=True, text=True)  # noqa: S603 (fixed programs, no shell)
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]} is missing: apt-get install postgresql-client"
        ) from None
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} failed: {error.stderr.strip()}") from None
