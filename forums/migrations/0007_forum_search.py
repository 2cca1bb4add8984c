"""Full-text search of the forums themselves: stored vectors that PostgreSQL triggers
keep current.

Weights with the German configuration: name A, description B, the space's name and
description C; pairs of neighbouring words for phrase search (see core/fulltext.py).
A change of a space's name or description renews its forums' vectors. Until now the
search computed these vectors in its query for each of the ten forums, each time:
0.7 ms of every search. On SQLite the columns exist and stay empty.
"""

from django.db import migrations

from core import fulltext

VECTOR = fulltext.WeightedVector(
    table="forums_forum",
    declare=["space_text text;"],
    prepare="""
        SELECT coalesce(name, '') || ' ' || coalesce(description, '') INTO space_text
        FROM forums_space WHERE id = NEW.space_id;
    """,
    parts=[
        fulltext.Part("'A'", "NEW.name"),
        fulltext.Part("'B'", "NEW.description"),
        fulltext.Part("'C'", "space_text"),
    ],
)

RENEWALS = [
    fulltext.renewal_trigger(
        "forums_space_search_text",
        table="forums_space",
        event="UPDATE OF name, description",
        when="(OLD.name, OLD.description) IS DISTINCT FROM (NEW.name, NEW.description)",
        renew="UPDATE forums_forum SET search_vector = NULL WHERE space_id = NEW.id",
    ),
]


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_search_functions"),
        ("forums", "0006_search_statistics"),
    ]

    operations = [
        *fulltext.vector_fields("forum"),
        fulltext.on_postgresql(*fulltext.joined(VECTOR, *RENEWALS)),
        fulltext.on_postgresql(*fulltext.statistics("forums_forum", fulltext.VECTORS)),
    ]
