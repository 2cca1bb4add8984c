"""Backup and restore: `dumpdata` of all content, `loaddata` into an emptied database.

The commands are those of README.md, "Backup and restore":

    manage.py dumpdata --natural-foreign --natural-primary --exclude contenttypes \
        --exclude auth.permission --exclude sessions --exclude admin.logentry \
        --exclude documents.passage --output backup.json.gz
    manage.py migrate && manage.py loaddata backup.json.gz

Content types and permissions are made by `migrate` itself; references to them (and
to users and groups) are written as natural keys, so the backup fits any database
that ran the migrations.
"""

import gzip
import json
import re
from datetime import UTC, datetime
from io import StringIO

from django.core.management import call_command
from django.test import Client

from accounts.models import User
from accounts.roles import EDITORS
from forums.models import Membership
from pages.models import Page
from tests import factories

EXCLUDE = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    # PostgreSQL's search index of the documents, rebuilt by triggers on load.
    "documents.passage",
]


def dump(path) -> list[dict]:
    call_command(
        "dumpdata",
        natural_foreign=True,
        natural_primary=True,
        exclude=EXCLUDE,
        output=str(path),
        verbosity=0,
    )
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as backup:
        return json.load(backup)


# The serializer writes times to the millisecond and leaves out a zero fraction: a time
# of 12:00:00.000400 is dumped as "12:00:00.000", restored as 12:00:00 and dumped again
# as "12:00:00". Both name the same instant.
WHOLE_SECOND = re.compile(r'(T\d\d:\d\d:\d\d)(?=Z"|[+-]\d\d:\d\d")')


def canonical(objects: list[dict]) -> list[str]:
    # Objects with a natural key carry no pk; all others keep theirs.
    return sorted(
        WHOLE_SECOND.sub(r"\1.000", json.dumps(o, sort_keys=True)) for o in objects
    )


# Transactional: the content is committed, as in a real database; emptying it inside
# a test's transaction is refused by PostgreSQL (pending constraint checks).
def test_dumped_content_restores_into_an_emptied_database(transactional_db, tmp_path):
    # Every app's demo content, plus people in every role and the editors' pages.
    call_command("seed_demo", stdout=StringIO())
    editor = factories.editor("redakteurin@example.org")
    factories.moderator("moderator@example.org")
    factories.user("unbestaetigt@example.org", verified=False)
    factories.page("impressum", title="Impressum", body="## Angaben\n\nText.")
    # A time in the first millisecond of a second (see WHOLE_SECOND).
    Membership.objects.filter(pk=Membership.objects.first().pk).update(
        requested_at=datetime(2026, 11, 26, 2, 9, 58, 400, tzinfo=UTC)
    )
    backup = tmp_path / "backup.json.gz"
    before = dump(backup)
    models = {o["model"] for o in before}
    assert {"accounts.user", "auth.group", "pages.page", "mfa.authenticator"} <= models

    call_command("flush", interactive=False, verbosity=0)
    assert not User.objects.exists()
    assert not Page.objects.exists()

    call_command("loaddata", str(backup), verbosity=0)
    after = dump(tmp_path / "again.json")
    assert len(after) == len(before)
    assert canonical(after) == canonical(before)

    # The restored site works: the editor signs in, keeps the role and second factor.
    restored = User.objects.get(email=editor.email)
    assert restored.groups.filter(name=EDITORS).exists()
    assert restored.has_perm("pages.change_page")
    assert restored.authenticator_set.filter(type="totp").exists()
    assert Client().login(email=editor.email, password=factories.PASSWORD)
    assert Page.objects.get(slug="impressum").body_html.startswith("<h2>")
