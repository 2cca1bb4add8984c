"""Demo argument cards for `make run`, from `demo/content/toolbox/*.md`.

Each card rests on real planning instruments of the three states (the Landes-
entwicklungspläne, LROP, the Regionalpläne and RROPs of the region); the files name
a source for each fact, and say so in the card where a fact (a paragraph number, a
value in force) could not be confirmed. The card's front matter holds the question,
the state sections, the library documents with pages and the citations; the body is
the argument, a second section the reasoning. Agreement dates are relative to the day
of seeding: the demo's agreements are examples, and the cards say so.

Idempotent: a card that exists (same slug) is left as it is.
"""

import datetime

from django.utils import timezone

from contacts.models import Person
from demo.content import entries
from documents.models import Document
from events.models import Event
from forums.models import Forum, Topic
from toolbox import services
from toolbox.models import ArgumentCard


def load(*, stdout) -> None:
    existing = set(ArgumentCard.objects.values_list("slug", flat=True))
    created = 0
    for entry in entries("toolbox"):
        if entry["slug"] in existing:
            continue
        _create(entry)
        created += 1
    stdout.write(f"Toolbox: {created} argument cards created.")


def _create(entry) -> ArgumentCard:
    agreed_on = None
    if "agreed_days_ago" in entry.meta:
        agreed_on = timezone.localdate() - datetime.timedelta(
            days=entry["agreed_days_ago"]
        )
    agreed_by = (
        Forum.objects.get(slug=entry["agreed_by"]) if entry.get("agreed_by") else None
    )
    reasoning = entry.sections[0].body if entry.sections else ""
    card = ArgumentCard(
        slug=entry["slug"],
        title=entry["title"],
        topic=entry["topic"],
        question=entry["question"],
        argument=entry.body,
        reasoning=reasoning,
        status=entry["status"],
        agreed_on=agreed_on,
        agreed_by=agreed_by,
    )
    topics = list(Topic.objects.filter(title__in=entry.get("forum_topics", [])))
    card.source_topic = topics[0] if topics else None
    documents = {
        document.slug: document
        for document in Document.objects.filter(
            slug__in=[row["slug"] for row in entry.get("documents", [])]
        )
    }
    services.card_create(
        card=card,
        sections=[
            {key: value for key, value in row.items() if key != "source"}
            for row in entry.get("state_sections", [])
        ],
        document_sources=[
            {
                "document": documents[row["slug"]],
                "pages": row.get("pages", ""),
                "note": row.get("note", ""),
            }
            for row in entry.get("documents", [])
            if row["slug"] in documents
        ],
        citations=[
            {key: value for key, value in row.items() if key != "source"}
            for row in entry.get("citations", [])
        ],
        forum_topics=topics,
        events=Event.objects.filter(slug__in=entry.get("events", [])),
        contacts=Person.objects.filter(name__in=entry.get("contacts", [])),
    )
    services.card_publish(card=card, change_note="Erste veröffentlichte Fassung.")
    return card
