"""Full-text search of articles: stored vectors that PostgreSQL keeps current.

A trigger recomputes the vectors on every insert and update, whatever writes the row
(admin, services, bulk updates); GIN indexes make `@@` fast. Weights with the German
configuration: title A, teaser B, text C; pairs of neighbouring words are added for
phrase search. On SQLite the columns exist and stay empty (the search falls back to
a simpler match there).
"""

import django.contrib.postgres.search
from django.db import migrations

FORWARD = [
    # Pairs of neighbouring words as lexemes ("region mitt"), in their own column: a
    # quoted phrase is searched as these pairs, which the GIN index answers exactly,
    # instead of re-reading every row that contains all its words to compare
    # positions. Apart from the main vector, which stays small to check and rank.
    """
    CREATE FUNCTION news_article_bigrams(vector tsvector) RETURNS tsvector
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
    CREATE FUNCTION news_article_search_vector() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        vector tsvector;
        body text := left(coalesce(NEW.body_html, ''), 500000);
    BEGIN
        NEW.title_vector := to_tsvector('german', coalesce(NEW.title, ''));
        BEGIN
            vector := setweight(NEW.title_vector, 'A')
                || setweight(to_tsvector('german', coalesce(NEW.teaser, '')), 'B')
                || setweight(to_tsvector('german', body), 'C');
            NEW.search_vector := vector;
            NEW.phrase_vector := news_article_bigrams(vector);
        EXCEPTION WHEN program_limit_exceeded THEN
            -- A text whose vector would pass PostgreSQL's 1 MB limit: index its
            -- start rather than refuse to save the article.
            vector := setweight(NEW.title_vector, 'A')
                || setweight(to_tsvector('german', coalesce(NEW.teaser, '')), 'B')
                || setweight(to_tsvector('german', left(body, 50000)), 'C');
            NEW.search_vector := vector;
            NEW.phrase_vector := news_article_bigrams(vector);
        END;
        NEW.title_vector := NEW.title_vector || news_article_bigrams(NEW.title_vector);
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER news_article_search_vector
    BEFORE INSERT OR UPDATE ON news_article
    FOR EACH ROW EXECUTE FUNCTION news_article_search_vector()
    """,

    # Phrase vectors are read through their index only: out of the row they keep it
    # small.
    "ALTER TABLE news_article ALTER COLUMN phrase_vector SET STORAGE EXTERNAL",
    # Vectors stay in the row, compressed (lz4 where the server has it): reading
    # them from the TOAST table made every checked row several times slower.
    "ALTER TABLE news_article ALTER COLUMN search_vector SET STORAGE MAIN",
    """
    DO $$
    BEGIN
        ALTER TABLE news_article ALTER COLUMN search_vector SET COMPRESSION lz4;
    EXCEPTION WHEN feature_not_supported THEN
        NULL;
    END
    $$
    """,
    "UPDATE news_article SET search_vector = NULL",
    "CREATE INDEX news_article_search_idx ON news_article USING gin (search_vector)",
    "CREATE INDEX news_article_title_search_idx ON news_article USING gin (title_vector)",
    "CREATE INDEX news_article_phrase_idx ON news_article USING gin (phrase_vector)",
]

BACKWARD = [
    "DROP INDEX IF EXISTS news_article_phrase_idx",
    "DROP INDEX IF EXISTS news_article_title_search_idx",
    "DROP INDEX IF EXISTS news_article_search_idx",
    "DROP TRIGGER IF EXISTS news_article_search_vector ON news_article",
    "DROP FUNCTION IF EXISTS news_article_search_vector()",
    "DROP FUNCTION IF EXISTS news_article_bigrams(tsvector)",
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
        ("news", "0002_grant_editor_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="title_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="phrase_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False),
    ]
