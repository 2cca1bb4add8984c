"""Backup and restore (README, "Backup and restore"): `manage.py backup DIR` with the
demo content and people in every role, then `manage.py restore DIR` in a separate
process into a new, empty database and media folder: every table's row count and
every media file's checksum come back, and the restored site works."""

import hashlib
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from core.backup import row_counts
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parent.parent


def checksums(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def empty_database():
    if connection.vendor != "postgresql":
        pytest.skip("the round trip goes through pg_dump and pg_restore")
    config = connection.settings_dict
    name = f"{config['NAME']}_restore"
    admin = psycopg.connect(
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    url = (
        f"postgres://{config['USER'] or ''}@{config['HOST'] or '127.0.0.1'}:"
        f"{config['PORT'] or 5432}/{name}"
    )
    yield name, url
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def manage(*args, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "regiondermitte.settings.test",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_backup_restores_every_row_and_file_into_an_empty_site(
    tmp_path, empty_database
):
    call_command("seed_demo", stdout=StringIO())
    factories.editor("redakteurin@example.org")
    factories.moderator("moderator@example.org")
    factories.user("unbestaetigt@example.org", verified=False)
    factories.document()
    media_before = checksums(Path(settings.MEDIA_ROOT))
    assert media_before, "the demo content has media files"
    rows_before = row_counts()
    assert rows_before["django_admin_log"] >= 0  # the admin's change log is a table too

    call_command("backup", str(tmp_path / "backup"), stdout=StringIO())
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["tables"] == rows_before
    assert manifest["media"] == media_before

    name, url = empty_database
    restored_media = tmp_path / "restored-media"
    env = {
        "DATABASE_URL": url,
        "DJANGO_MEDIA_ROOT": str(restored_media),
        "DJANGO_ALLOWED_HOSTS": "testserver",
    }
    result = manage("restore", str(tmp_path / "backup"), env=env)
    assert result.returncode == 0, result.stderr
    assert "every count and checksum matches" in result.stdout
    assert checksums(restored_media) == media_before

    # Counted independently of the command's own check.
    config = connection.settings_dict
    with psycopg.connect(
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        user=config["USER"] or None,
        dbname=name,
    ) as restored:
        for table, count in rows_before.items():
            found = restored.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
            assert found == count, table

    # The restored site answers and its editor can sign in.
    check = manage(
        "shell",
        "--no-imports",
        "--verbosity=0",
        "-c",
        "from django.test import Client;"
        "c = Client();"
        "print(c.get('/').status_code,"
        " c.login(email='redakteurin@example.org', password='"
        + factories.PASSWORD
        + "'))",
        env=env,
    )
    assert check.stdout.split() == ["200", "True"], check.stderr

    # A second restore into the now full database is refused, not mixed in.
    again = manage("restore", str(tmp_path / "backup"), env=env)
    assert again.returncode != 0
    assert "not empty" in again.stderr
