"""Full-text search of the contact directory, kept current by PostgreSQL triggers.

A person's vector holds the name (weight A), function and topics (B), and the
organisation's name and city (C), with pairs of neighbouring words for phrase search
(see core/fulltext.py). Triggers recompute it on every write of a person, when topics
are added or removed (also through the admin's many-to-many form), and when an
organisation or a topic is renamed. On SQLite the columns exist and stay empty.

It replaces `0003_person_search_vectors`, which wrote the same triggers out in full:
databases that applied that one count this one as applied.
"""

from django.db import migrations

from core import fulltext

VECTOR = fulltext.WeightedVector(
    table="contacts_person",
    declare=["organisation_text text;", "topic_text text;"],
    prepare="""
        SELECT concat_ws(' ', name, city) INTO organisation_text
        FROM contacts_organisation WHERE id = NEW.organisation_id;
        SELECT string_agg(t.name, ' ') INTO topic_text
        FROM contacts_person_topics pt JOIN contacts_topic t ON t.id = pt.topic_id
        WHERE pt.person_id = NEW.id;
    """,
    parts=[
        fulltext.Part("'A'", "NEW.name"),
        fulltext.Part("'B'", "concat_ws(' ', NEW.function, topic_text)"),
        fulltext.Part("'C'", "organisation_text"),
    ],
)

RENEWALS = [
    fulltext.renewal_trigger(
        "contacts_person_topics_search",
        table="contacts_person_topics",
        event="INSERT OR DELETE",
        renew="""
            UPDATE contacts_person SET search_vector = NULL
            WHERE id = CASE TG_OP WHEN 'DELETE' THEN OLD.person_id
                ELSE NEW.person_id END
        """,
    ),
    fulltext.renewal_trigger(
        "contacts_organisation_search",
        table="contacts_organisation",
        event="UPDATE OF name, city",
        when="OLD.name IS DISTINCT FROM NEW.name OR OLD.city IS DISTINCT FROM NEW.city",
        renew="UPDATE contacts_person SET search_vector = NULL "
        "WHERE organisation_id = NEW.id",
    ),
    fulltext.renewal_trigger(
        "contacts_topic_search",
        table="contacts_topic",
        event="UPDATE OF name",
        when="OLD.name IS DISTINCT FROM NEW.name",
        renew="""
            UPDATE contacts_person SET search_vector = NULL
            WHERE id IN (
                SELECT person_id FROM contacts_person_topics WHERE topic_id = NEW.id
            )
        """,
    ),
]


class Migration(migrations.Migration):
    replaces = [("contacts", "0003_person_search_vectors")]

    dependencies = [
        ("core", "0001_search_functions"),
        ("contacts", "0002_grant_editor_permissions"),
    ]

    operations = [
        *fulltext.vector_fields("person"),
        fulltext.on_postgresql(*fulltext.joined(VECTOR, *RENEWALS)),
    ]
