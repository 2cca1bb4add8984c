"""The default SQLite install searches as production's PostgreSQL does: the same
German words find the same items on both databases."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import requires_postgres
from .same_answers import QUERIES, answers, make_content

pytestmark = [pytest.mark.django_db, requires_postgres]

ROOT = Path(__file__).resolve().parents[2]


def test_sqlite_and_postgresql_find_the_same_items(tmp_path):
    make_content()
    on_postgresql = answers()

    # SQLite in a process of its own: a second database of another vendor, made
    # with the same migrations and content.
    run = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "tests.search.same_answers", str(tmp_path / "db")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    on_sqlite = json.loads(run.stdout)

    assert list(on_sqlite) == QUERIES
    for query in QUERIES:
        assert on_sqlite[query] == on_postgresql[query], query
    # The list means something: German endings and the forums' names are found.
    assert ["nachrichten", "Flächenpool über Landesgrenzen"] in on_sqlite[
        "Gewerbeflächen"
    ]
    assert on_sqlite["Regionen"] == on_sqlite["Region"] != []
    assert ["foren", "Mobilität und ÖPNV"] in on_sqlite["ÖPNV"]
    either = on_postgresql["Hessen oder Niedersachsen"]
    assert either == on_postgresql["Hessen or Niedersachsen"]
    assert ["forenbeitraege", "Nachtbus gesucht"] in either  # Niedersachsen only
    assert ["dokumente", "Regionalanalyse 2023"] not in on_sqlite["Regionalanalyse"]
    # Kept by the save paths: renamed, deleted, and what includes them.
    assert on_sqlite["Holzminden"] == [["ansprechpersonen", "Breitbandbüro"]]
    assert on_sqlite["Nachtbus"] == [["forenbeitraege", "Nachtbus gesucht"]]
    assert "forenbeitraege" not in {kind for kind, _title in on_sqlite["Kommunen"]}
    # Argument cards: found by their state sections, a draft never.
    cards = [hit for hit in on_sqlite["Regionalplanung"] if hit[0] == "werkzeugkasten"]
    assert cards == [["werkzeugkasten", "Gewerbegebiete gemeinsam ausweisen"]]
    assert ["werkzeugkasten", "Gewerbegebiete gemeinsam ausweisen"] in on_sqlite[
        "Raumordnungsprogramm"
    ]
