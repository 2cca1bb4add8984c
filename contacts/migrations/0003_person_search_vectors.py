"""Full-text search of the contact directory, kept current by PostgreSQL triggers.

A person's vector holds the name (weight A), function and topics (B), and the
organisation's name and city (C), with pairs of neighbouring words for phrase search.
Triggers recompute it on every write of a person, when topics are added or removed
(also through the admin's many-to-many form), and when an organisation or a topic is
renamed. On SQLite the columns exist and stay empty.
"""

import django.contrib.postgres.search
from django.db import migrations

FORWARD = [
    # Pairs of neighbouring words as lexemes ("region mitt"), in their own column: a
    # quoted phrase is searched as these pairs, which the GIN index answers exactly,
    # instead of re-reading every row that contains all its words to compare
    # positions. Apart from the main vector, which stays small to check and rank.
    """
    CREATE FUNCTION contacts_person_bigrams(vector tsvector) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(array_to_tsvector(array_agg(DISTINCT pair)), ''::tsvector)
        FROM (
            SELECT entry.lexeme || ' ' || lead(entry.lexeme) OVER (ORDER BY position)
                AS pair
            FROM unnest(vector) AS entry, unnest(entry.positions) AS position
        ) AS pairs
        WHERE pair IS NOT NULL AND octet_length(pair) < 2047
    $$
    """,
    """
    CREATE FUNCTION contacts_person_search_vector() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        organisation_text text;
        topic_text text;
        vector tsvector;
    BEGIN
        SELECT concat_ws(' ', name, city) INTO organisation_text
        FROM contacts_organisation WHERE id = NEW.organisation_id;
        SELECT string_agg(t.name, ' ') INTO topic_text
        FROM contacts_person_topics pt JOIN contacts_topic t ON t.id = pt.topic_id
        WHERE pt.person_id = NEW.id;
        NEW.title_vector := to_tsvector('german', coalesce(NEW.name, ''));
        vector := setweight(NEW.title_vector, 'A')
            || setweight(
                to_tsvector('german', concat_ws(' ', NEW.function, topic_text)), 'B'
            )
            || setweight(to_tsvector('german', coalesce(organisation_text, '')), 'C');
        NEW.search_vector := vector;
        NEW.phrase_vector := contacts_person_bigrams(vector);
        NEW.title_vector :=
            NEW.title_vector || contacts_person_bigrams(NEW.title_vector);
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER contacts_person_search_vector
    BEFORE INSERT OR UPDATE ON contacts_person
    FOR EACH ROW EXECUTE FUNCTION contacts_person_search_vector()
    """,
    """
    CREATE FUNCTION contacts_person_topics_search() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            UPDATE contacts_person SET search_vector = NULL WHERE id = OLD.person_id;
        ELSE
            UPDATE contacts_person SET search_vector = NULL WHERE id = NEW.person_id;
        END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER contacts_person_topics_search
    AFTER INSERT OR DELETE ON contacts_person_topics
    FOR EACH ROW EXECUTE FUNCTION contacts_person_topics_search()
    """,
    """
    CREATE FUNCTION contacts_organisation_search() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE contacts_person SET search_vector = NULL
        WHERE organisation_id = NEW.id;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER contacts_organisation_search
    AFTER UPDATE OF name, city ON contacts_organisation
    FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.city IS DISTINCT FROM NEW.city)
    EXECUTE FUNCTION contacts_organisation_search()
    """,
    """
    CREATE FUNCTION contacts_topic_search() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE contacts_person SET search_vector = NULL
        WHERE id IN (
            SELECT person_id FROM contacts_person_topics WHERE topic_id = NEW.id
        );
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER contacts_topic_search
    AFTER UPDATE OF name ON contacts_topic
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION contacts_topic_search()
    """,
    "UPDATE contacts_person SET search_vector = NULL",
    """
    CREATE INDEX contacts_person_search_idx
    ON contacts_person USING gin (search_vector)
    """,
    """
    CREATE INDEX contacts_person_phrase_idx
    ON contacts_person USING gin (phrase_vector)
    """,
]

BACKWARD = [
    "DROP INDEX IF EXISTS contacts_person_phrase_idx",
    "DROP INDEX IF EXISTS contacts_person_search_idx",
    "DROP TRIGGER IF EXISTS contacts_topic_search ON contacts_topic",
    "DROP FUNCTION IF EXISTS contacts_topic_search()",
    "DROP TRIGGER IF EXISTS contacts_organisation_search ON contacts_organisation",
    "DROP FUNCTION IF EXISTS contacts_organisation_search()",
    "DROP TRIGGER IF EXISTS contacts_person_topics_search ON contacts_person_topics",
    "DROP FUNCTION IF EXISTS contacts_person_topics_search()",
    "DROP TRIGGER IF EXISTS contacts_person_search_vector ON contacts_person",
    "DROP FUNCTION IF EXISTS contacts_person_search_vector()",
    "DROP FUNCTION IF EXISTS contacts_person_bigrams(tsvector)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0002_grant_editor_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="title_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="phrase_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False),
    ]
