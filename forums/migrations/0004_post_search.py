"""Full-text search of forum posts, kept current by PostgreSQL triggers.

A post's vector holds its text (weight C) and its topic's title: weight A for the
opening post of a topic (which also gets a title vector, so title hits are cheap to
find), weight D for replies; pairs of neighbouring words are added for phrase search
(see core/fulltext.py). Triggers recompute it on every write of a post, for all posts
of a topic whose title changes, and for the post that becomes the opening one when the
first post is deleted. On SQLite the columns exist and stay empty.

It replaces `0004_post_search_vectors`, which wrote the same triggers out in full:
databases that applied that one count this one as applied.
"""

from django.db import migrations, models

from core import fulltext

VECTOR = fulltext.WeightedVector(
    table="forums_post",
    declare=["topic_title text;", "opening boolean;"],
    prepare="""
        SELECT title INTO topic_title FROM forums_topic WHERE id = NEW.topic_id;
        opening := NOT EXISTS (
            SELECT 1 FROM forums_post WHERE topic_id = NEW.topic_id AND id < NEW.id
        );
    """,
    parts=[
        fulltext.Part(
            "(CASE WHEN opening THEN 'A' ELSE 'D' END)::\"char\"", "topic_title"
        ),
        # Post bodies are capped by FORUM_POST_MAX_LENGTH; the cap here only guards
        # against rows written around the application.
        fulltext.Part("'C'", "NEW.body_html", limit=200_000),
    ],
    title_if="opening",
    title_index_where="title_vector IS NOT NULL",
)

RENEWALS = [
    # The topic's title is part of every post's vector.
    fulltext.renewal_trigger(
        "forums_topic_search_title",
        table="forums_topic",
        event="UPDATE OF title",
        when="OLD.title IS DISTINCT FROM NEW.title",
        renew="UPDATE forums_post SET search_vector = NULL WHERE topic_id = NEW.id",
    ),
    # When the opening post goes, the next one opens the topic and carries its title.
    fulltext.renewal_trigger(
        "forums_post_search_reopen",
        table="forums_post",
        event="DELETE",
        renew="""
            UPDATE forums_post SET search_vector = NULL
            WHERE id = (SELECT min(id) FROM forums_post WHERE topic_id = OLD.topic_id)
              AND id > OLD.id
        """,
    ),
]


class Migration(migrations.Migration):
    replaces = [("forums", "0004_post_search_vectors")]

    dependencies = [
        ("core", "0001_search_functions"),
        ("forums", "0003_grant_editor_and_moderator_permissions"),
    ]

    operations = [
        *fulltext.vector_fields("post"),
        # Which page of its topic a post is on: counting the posts before it reads
        # this index alone (the search links hits to their page).
        migrations.AddIndex(
            model_name="post",
            index=models.Index(fields=["topic", "id"], name="forums_post_topic_order_idx"),
        ),
        fulltext.on_postgresql(*fulltext.joined(VECTOR, *RENEWALS)),
    ]
