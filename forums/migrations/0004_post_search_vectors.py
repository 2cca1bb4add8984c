"""Full-text search of forum posts, kept current by PostgreSQL triggers.

A post's vector holds its text (weight C) and its topic's title: weight A for the
opening post of a topic (which also gets a title vector, so title hits are cheap to
find), weight D for replies; pairs of neighbouring words are added for phrase search.
Triggers recompute it on every write of a post, for all posts of a topic whose title
changes, and for the post that becomes the opening one when the first post is
deleted. On SQLite the columns exist and stay empty.
"""

import django.contrib.postgres.search
from django.db import migrations, models

FORWARD = [
    # Pairs of neighbouring words as lexemes ("region mitt"), in their own column: a
    # quoted phrase is searched as these pairs, which the GIN index answers exactly,
    # instead of re-reading every row that contains all its words to compare
    # positions. Apart from the main vector, which stays small to check and rank.
    """
    CREATE FUNCTION forums_post_bigrams(vector tsvector) RETURNS tsvector
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
    CREATE FUNCTION forums_post_search_vector() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        topic_title text;
        body tsvector;
        vector tsvector;
    BEGIN
        SELECT title INTO topic_title FROM forums_topic WHERE id = NEW.topic_id;
        -- Post bodies are capped by FORUM_POST_MAX_LENGTH; the cap here only
        -- guards against rows written around the application.
        body := setweight(
            to_tsvector('german', left(coalesce(NEW.body_html, ''), 200000)), 'C'
        );
        IF NOT EXISTS (
            SELECT 1 FROM forums_post WHERE topic_id = NEW.topic_id AND id < NEW.id
        ) THEN
            NEW.title_vector := to_tsvector('german', coalesce(topic_title, ''));
            vector := setweight(NEW.title_vector, 'A') || body;
            NEW.title_vector :=
                NEW.title_vector || forums_post_bigrams(NEW.title_vector);
        ELSE
            NEW.title_vector := NULL;
            vector := setweight(
                to_tsvector('german', coalesce(topic_title, '')), 'D'
            ) || body;
        END IF;
        NEW.search_vector := vector;
        NEW.phrase_vector := forums_post_bigrams(vector);
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER forums_post_search_vector
    BEFORE INSERT OR UPDATE ON forums_post
    FOR EACH ROW EXECUTE FUNCTION forums_post_search_vector()
    """,
    # The topic's title is part of every post's vector.
    """
    CREATE FUNCTION forums_topic_search_title() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE forums_post SET search_vector = NULL WHERE topic_id = NEW.id;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER forums_topic_search_title
    AFTER UPDATE OF title ON forums_topic
    FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title)
    EXECUTE FUNCTION forums_topic_search_title()
    """,
    # When the opening post goes, the next one opens the topic and carries its title.
    """
    CREATE FUNCTION forums_post_search_reopen() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE forums_post SET search_vector = NULL
        WHERE id = (SELECT min(id) FROM forums_post WHERE topic_id = OLD.topic_id)
          AND id > OLD.id;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER forums_post_search_reopen
    AFTER DELETE ON forums_post
    FOR EACH ROW EXECUTE FUNCTION forums_post_search_reopen()
    """,

    # Phrase vectors are read through their index only: out of the row they keep it
    # small.
    "ALTER TABLE forums_post ALTER COLUMN phrase_vector SET STORAGE EXTERNAL",
    # Vectors stay in the row, compressed (lz4 where the server has it): reading
    # them from the TOAST table made every checked row several times slower.
    "ALTER TABLE forums_post ALTER COLUMN search_vector SET STORAGE MAIN",
    """
    DO $$
    BEGIN
        ALTER TABLE forums_post ALTER COLUMN search_vector SET COMPRESSION lz4;
    EXCEPTION WHEN feature_not_supported THEN
        NULL;
    END
    $$
    """,
    "UPDATE forums_post SET search_vector = NULL",
    "CREATE INDEX forums_post_search_idx ON forums_post USING gin (search_vector)",
    """
    CREATE INDEX forums_post_title_search_idx ON forums_post USING gin (title_vector)
    WHERE title_vector IS NOT NULL
    """,
    "CREATE INDEX forums_post_phrase_idx ON forums_post USING gin (phrase_vector)",
]

BACKWARD = [
    "DROP INDEX IF EXISTS forums_post_phrase_idx",
    "DROP INDEX IF EXISTS forums_post_title_search_idx",
    "DROP INDEX IF EXISTS forums_post_search_idx",
    "DROP TRIGGER IF EXISTS forums_post_search_reopen ON forums_post",
    "DROP FUNCTION IF EXISTS forums_post_search_reopen()",
    "DROP TRIGGER IF EXISTS forums_topic_search_title ON forums_topic",
    "DROP FUNCTION IF EXISTS forums_topic_search_title()",
    "DROP TRIGGER IF EXISTS forums_post_search_vector ON forums_post",
    "DROP FUNCTION IF EXISTS forums_post_search_vector()",
    "DROP FUNCTION IF EXISTS forums_post_bigrams(tsvector)",
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
        ("forums", "0003_grant_editor_and_moderator_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        migrations.AddField(
            model_name="post",
            name="title_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        migrations.AddField(
            model_name="post",
            name="phrase_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        # Which page of its topic a post is on: counting the posts before it reads
        # this index alone (the search links hits to their page).
        migrations.AddIndex(
            model_name="post",
            index=models.Index(fields=["topic", "id"], name="forums_post_topic_order_idx"),
        ),
        migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False),
    ]
