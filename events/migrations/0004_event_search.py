"""Full-text search of events: stored vectors that a PostgreSQL trigger keeps current.

Weights with the German configuration: title A, teaser and description B, venue and
summary C; pairs of neighbouring words for phrase search (see core/fulltext.py). Until
now the search computed these vectors in its query for every event it checked, and
`to_tsvector` costs tens of microseconds a row: a search read all of a few hundred
events each time. On SQLite the columns exist and stay empty (search/ indexes there
itself).
"""

from django.db import migrations

from core import fulltext

VECTOR = fulltext.WeightedVector(
    table="events_event",
    parts=[
        fulltext.Part("'A'", "NEW.title"),
        fulltext.Part(
            "'B'", "coalesce(NEW.teaser, '') || ' ' || coalesce(NEW.description, '')"
        ),
        fulltext.Part(
            "'C'", "coalesce(NEW.venue_name, '') || ' ' || coalesce(NEW.summary, '')"
        ),
    ],
)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_search_functions"),
        ("events", "0003_easy_language"),
    ]

    operations = [
        *fulltext.vector_fields("event"),
        fulltext.on_postgresql(VECTOR.forward(), VECTOR.backward()),
        fulltext.on_postgresql(*fulltext.statistics("events_event", fulltext.VECTORS)),
    ]
