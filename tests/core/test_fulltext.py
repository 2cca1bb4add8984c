"""The search SQL written once (core/fulltext.py) and databases migrated before it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL's search triggers"
    ),
]

# The app migrations that wrote the search SQL out in full, by their new names.
REPLACED = {
    ("news", "0003_article_search"): "0003_article_search_vectors",
    ("documents", "0003_document_passages"): "0003_document_search",
    ("contacts", "0003_person_search"): "0003_person_search_vectors",
    ("forums", "0004_post_search"): "0004_post_search_vectors",
}
# Search migrations made after the shared functions: such a database has none.
LATER = [
    ("events", "0004_event_search"),
    ("forums", "0007_forum_search"),
    ("forums", "0008_opening_posts_index"),
    ("toolbox", "0004_card_search"),
]


def _functions(pattern: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT proname FROM pg_proc WHERE proname LIKE %s", [pattern])
        return {name for (name,) in cursor.fetchall()}


def test_every_search_trigger_uses_the_one_shared_bigram_function():
    assert _functions("%bigrams") == {"search_bigrams"}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT proname FROM pg_proc WHERE prosrc LIKE '%%search_bigrams(%%'"
        )
        users = {name for (name,) in cursor.fetchall()}
    assert {
        "news_article_search_vector",
        "documents_document_search_vector",
        "documents_passage_add",
        "contacts_person_search_vector",
        "forums_post_search_vector",
        "forums_forum_search_vector",
        "events_event_search_vector",
        "toolbox_argumentcard_search_vector",
    } <= users


def test_a_database_migrated_before_the_shared_functions_migrates_cleanly():
    # The history of a database migrated on the old migrations: their old names,
    # no core migration.
    recorder = MigrationRecorder(connection)
    for (app, new), old in REPLACED.items():
        recorder.migration_qs.filter(app=app, name=new).delete()
        recorder.record_applied(app, old)
    recorder.migration_qs.filter(app="core").delete()
    # The later search migrations, and whatever was made after them.
    graph = MigrationExecutor(connection).loader.graph
    later = sorted({key for each in LATER for key in graph.backwards_plan(each)})
    for app, name in later:
        recorder.migration_qs.filter(app=app, name=name).delete()

    executor = MigrationExecutor(connection)
    executor.loader.check_consistent_history(connection)  # raises if not
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())

    # The replacing migrations count as applied; the shared functions run, then
    # the later ones.
    planned = [(m.app_label, m.name) for m, _backwards in plan]
    assert planned[0] == ("core", "0001_search_functions")
    assert sorted(planned[1:]) == later
    assert set(LATER) <= set(later)
    assert all(key in executor.loader.applied_migrations for key in REPLACED)
