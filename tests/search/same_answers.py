"""One set of content and one list of queries, for both databases.

tests/search/test_same_answers.py builds the content in the test database
(PostgreSQL) and runs this module as a script against a new SQLite database; both
sides print what each query finds, and the test compares them.
"""

import json
import sys

# German words as people type them: endings, umlauts, phrases, prefixes, -words,
# "oder"/"or", a forum's name, a document's text, a person's topic.
QUERIES = [
    "Gewerbeflächen",
    "Gewerbefläche",
    "gewerbeflaechen",
    "Regionen",
    "Region",
    "Mitte",
    '"Region der Mitte"',
    '"Mitte der Region"',
    "Region -Kassel",
    "Hessen oder Niedersachsen",
    "Hessen or Niedersachsen",
    "Gewerbefl",
    "Pendlerbarometer",
    "Pendlerbarometers",
    "Glasfaserausbau",
    "ÖPNV",
    "Fachforen",
    "Nachbarschaftsforum",
    "Straße",
    "Strasse",
    "Buslinien Uslar",
    "Höxter",
    "der die das",
    "Nordrhein-Westfalen",
    "Regionalanalyse",
    # Written after a change (see make_content).
    "Holzminden",
    "Nachtbus",
    "Kommunen",
    "Flächenpool",
    "Werkstattgespräch",
    "Kulturbahnhof",
    "Regionalplanung",
    "Raumordnungsprogramm",
]


def make_content() -> None:
    """Items of every kind, through the services (tests/factories.py)."""
    from tests import factories

    editor = factories.user("redaktion@example.org")
    factories.article(
        "Gewerbeflächen über Landesgrenzen",
        slug="gewerbeflaechen",
        teaser="Ein Pool für die Region der Mitte.",
        body="Jede freie Gewerbefläche in Hessen wird gemeldet.",
        author=editor,
    )
    factories.article(
        "Die Mitte der Region",
        slug="mitte-der-region",
        body="Neue Buslinien zwischen Uslar und Höxter, über die Straße.",
        author=editor,
    )
    factories.article(
        "Regionen im Vergleich",
        slug="regionen",
        body="Kassel und Göttingen in Niedersachsen und Hessen.",
        author=editor,
    )
    factories.draft("Gewerbeflächen im Entwurf", slug="entwurf", author=editor)
    old = factories.document(
        "Regionalanalyse 2023",
        slug="regionalanalyse-2023",
        text="Das Pendlerbarometer der Regionen zeigt Wege nach Kassel.",
    )
    factories.document(
        "Regionalanalyse 2024",
        slug="regionalanalyse-2024",
        replaces=old,
        text="Das Pendlerbarometer zeigt Wege aus Nordrhein-Westfalen.",
    )
    forum = factories.forum(name="Forum für Versuche", slug="versuche")
    factories.forum_topic(
        forum,
        title="Buslinien am Abend",
        body="In Uslar (Niedersachsen) fährt abends kein Bus; "
        "das fehlt in der Region der Mitte.",
    )
    topic = factories.forum_topic(
        forum, title="Glasfaser im Dorf", body="Wer plant den Glasfaserausbau?"
    )
    reply = factories.forum_post(
        topic, body="Die Kommunen in Niedersachsen, sagt Höxter."
    )
    organisation = factories.organisation("Kreis Höxter", city="Höxter", slug="hx")
    person = factories.contact_person(
        "Breitbandbüro", function="Beratung Glasfaserausbau", organisation=organisation
    )
    person.topics.add(factories.topic("Straßenbau"))
    factories.event(
        "Werkstattgespräche Gewerbeflächen",
        teaser="Die Kommunen der drei Länder am Tisch.",
        description="Ein **Flächenpool** für Hessen und Niedersachsen.",
    )
    factories.event("Entwurf: Werkstattgespräch", slug="entwurf", status="draft")
    card = factories.argument_card(
        "Gewerbegebiete gemeinsam ausweisen",
        argument="Ein **interkommunales** Gebiet spart Fläche in der Region.",
        sections=[
            {"state": "NI", "basis": "Das Landes-Raumordnungsprogramm gilt."},
            {"state": "HE", "basis": "Der Regionalplan gilt.", "authority": "RP"},
        ],
    )
    factories.argument_card(
        "Unveröffentlichte Karte",
        publish=False,
        argument="Regionalplanung im Entwurf.",
        states=("NW",),
    )

    # Changes that other rows' texts include, as the admin and services make them.
    from news.models import Article

    organisation.name = "Landkreis Holzminden"
    organisation.save()
    evening = forum.topics.get(title="Buslinien am Abend")
    evening.title = "Nachtbus gesucht"
    evening.save()
    reply.delete()
    article = Article.objects.get(slug="gewerbeflaechen")
    article.title = "Flächenpool über Landesgrenzen"
    article.save()
    # A state section written later (through the admin's inline) is found too.
    section = card.sections.get(state="HE")
    section.differences = "Die Regionalplanung liegt beim Regierungspräsidium."
    section.save()


def answers() -> dict[str, list[list[str]]]:
    """For each query, the sorted (kind, title) of everything it finds."""
    import re

    from django.contrib.auth.models import AnonymousUser

    from search import engine
    from search.kinds import KINDS
    from search.query import parse

    found = {}
    for raw in QUERIES:
        text = parse(raw)
        items = []
        if text.has_positive_terms:
            prepared = engine.prepare(text)
            for kind in KINDS:
                result = engine.search(
                    kind, text, prepared, user=AnonymousUser(), per_page=100
                )
                items += [
                    [kind.slug, re.sub(r"</?mark>", "", hit.title)]
                    for hit in result.hits
                ]
        found[raw] = sorted(items)
    return found


def main(database: str) -> None:
    """As a script: a new SQLite database at `database`, the content, the answers
    as JSON on standard output."""
    import os

    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regiondermitte.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    assert connection.vendor == "sqlite"
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    make_content()
    json.dump(answers(), sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
