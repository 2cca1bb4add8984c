"""Full-text search of argument cards: stored vectors that PostgreSQL triggers keep
current.

Weights with the German configuration: title A, question and argument B, reasoning
and what the state sections say C (their Markdown source: the words are the same);
pairs of neighbouring words for phrase search (see core/fulltext.py). A section
written, changed or deleted renews its card's vectors. Until now the search computed
these vectors in its query for every card it checked. On SQLite the columns exist and
stay empty.
"""

from django.db import migrations

from core import fulltext

VECTOR = fulltext.WeightedVector(
    table="toolbox_argumentcard",
    declare=["sections text;"],
    prepare="""
        SELECT string_agg(
            s.authority || ' ' || s.basis || ' ' || s.differences || ' ' || s.action,
            ' ' ORDER BY s.id
        ) INTO sections
        FROM toolbox_statesection s WHERE s.card_id = NEW.id;
    """,
    parts=[
        fulltext.Part("'A'", "NEW.title"),
        fulltext.Part(
            "'B'", "coalesce(NEW.question, '') || ' ' || coalesce(NEW.argument, '')"
        ),
        fulltext.Part(
            "'C'", "coalesce(NEW.reasoning, '') || ' ' || coalesce(sections, '')"
        ),
    ],
)

RENEWALS = [
    fulltext.renewal_trigger(
        "toolbox_statesection_search_text",
        table="toolbox_statesection",
        event="INSERT OR UPDATE OR DELETE",
        renew="""
            UPDATE toolbox_argumentcard SET search_vector = NULL
            WHERE id IN (NEW.card_id, OLD.card_id)
        """,
    ),
]


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_search_functions"),
        ("toolbox", "0003_easy_language"),
    ]

    operations = [
        *fulltext.vector_fields("argumentcard"),
        fulltext.on_postgresql(*fulltext.joined(VECTOR, *RENEWALS)),
        fulltext.on_postgresql(
            *fulltext.statistics("toolbox_argumentcard", fulltext.VECTORS)
        ),
    ]
