"""Full-text search of articles: stored vectors that PostgreSQL keeps current.

Weights with the German configuration: title A, teaser B, text C (see core/fulltext.py
for the trigger, the columns and their indexes). On SQLite the columns exist and stay
empty (search/ indexes there itself).

It replaces `0003_article_search_vectors`, which wrote the same trigger out in full:
databases that applied that one count this one as applied.
"""

from django.db import migrations

from core import fulltext

VECTOR = fulltext.WeightedVector(
    table="news_article",
    parts=[
        fulltext.Part("'A'", "NEW.title"),
        fulltext.Part("'B'", "NEW.teaser"),
        fulltext.Part("'C'", "NEW.body_html", limit=500_000),
    ],
    shorten_on_overflow=True,
)


class Migration(migrations.Migration):
    replaces = [("news", "0003_article_search_vectors")]

    dependencies = [
        ("core", "0001_search_functions"),
        ("news", "0002_grant_editor_permissions"),
    ]

    operations = [
        *fulltext.vector_fields("article"),
        fulltext.on_postgresql(VECTOR.forward(), VECTOR.backward()),
    ]
