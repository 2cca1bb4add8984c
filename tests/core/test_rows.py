"""Hand-written joins give the instances the ORM's select_related() gives."""

import pytest
from django.db import connection

from accounts.models import Session, User
from core import fulltext, rows
from forums.models import Forum, Post, Topic
from tests import factories
from tests.statements import prepared

pytestmark = pytest.mark.django_db


def values(instance, of=None) -> list:
    """The values of the fields read into `of` (the instance itself by default)."""
    deferred = (of or instance).get_deferred_fields()
    return [
        getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if f.attname not in deferred
    ]


def joined(pk: int):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {rows.columns(Topic, 't')}, {rows.columns(Forum, 'f')},"  # noqa: S608
            f" {rows.columns(User, 'u')}, 42"
            f" FROM {Topic._meta.db_table} t"
            f" JOIN {Forum._meta.db_table} f ON f.id = t.forum_id"
            f" LEFT JOIN {User._meta.db_table} u ON u.id = t.author_id"
            " WHERE t.id = %s",
            [pk],
        )
        return rows.build(cursor.fetchone(), Topic, Forum, User)


def test_a_join_builds_each_row_and_keeps_the_rest(django_assert_num_queries):
    forum = factories.forum()
    topic = factories.forum_topic(forum, notify=False)
    orphan = factories.forum_topic(forum, notify=False)
    orphan.author.delete()  # the topic stays, by a deleted account
    for pk in (topic.pk, orphan.pk):
        expected = Topic.objects.select_related("forum", "author").get(pk=pk)
        found, found_forum, author, rest = joined(pk)
        rows.relate(found, "forum", found_forum)
        rows.relate(found, "author", author)
        with django_assert_num_queries(0):
            assert values(found) == values(expected)
            assert values(found.forum) == values(expected.forum, of=found.forum)
            if expected.author is None:
                assert found.author is None
            else:
                assert values(found.author) == values(expected.author)
        assert rest == 42
        # What the forums' manager leaves unread is left unread here too.
        assert found.forum.get_deferred_fields() == set(fulltext.VECTORS)
        assert not found._state.adding and found._state.db == "default"
        assert found.created_at.tzinfo is not None


def test_a_join_reads_the_fields_named_and_those_of_the_rows_it_leads_to(
    django_assert_num_queries,
):
    forum = factories.forum()
    topic = factories.forum_topic(forum, notify=False)
    orphan = factories.forum_topic(forum, notify=False)
    orphan.author.delete()
    post = factories.forum_post(topic)
    join = rows.Join(
        Post,
        ("created_at", "topic"),
        related=(
            ("topic", ("title", "forum", "author")),
            ("topic__forum", ("slug",)),
            ("topic__author", ("email",)),
        ),
    )
    ids = [post.pk, orphan.posts.get().pk]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {join.columns('p')}, 7 FROM {Post._meta.db_table} p"  # noqa: S608
            f"{join.joins('p')} WHERE p.id = ANY(%s) ORDER BY p.id",
            [ids],
        )
        found = [join.build(row) for row in cursor.fetchall()]
    expected = (
        Post.objects.select_related("topic__forum", "topic__author")
        .only(
            "created_at",
            "topic__title",
            "topic__forum__slug",
            "topic__author__email",
        )
        .filter(pk__in=ids)
        .order_by("pk")
    )
    for (item, rest), wanted in zip(found, expected, strict=True):
        assert rest == 7
        assert item.get_deferred_fields() == wanted.get_deferred_fields()
        with django_assert_num_queries(0):
            assert (item.pk, item.created_at) == (wanted.pk, wanted.created_at)
            assert item.topic.title == wanted.topic.title
            assert item.topic.forum.slug == wanted.topic.forum.slug
            if wanted.topic.author is None:
                assert item.topic.author is None
            else:
                assert item.topic.author.email == wanted.topic.author.email
        assert item.topic.get_deferred_fields() == wanted.topic.get_deferred_fields()


MARK = "rows-cursor-test"


def test_a_statement_of_the_rows_cursor_is_prepared_and_then_planned_once():
    user = factories.user()
    statement = (
        f"SELECT email FROM {User._meta.db_table} WHERE id = %s AND '{MARK}' <> ''"  # noqa: S608
    )

    def run(cursor_of) -> str:
        with cursor_of() as cursor:
            cursor.execute(statement, [user.pk])
            return cursor.fetchone()[0]

    for _ in range(3):
        assert run(connection.cursor) == user.email
    assert prepared(MARK) == []  # Django's own statements are not prepared

    for _ in range(2):  # prepare_threshold (settings/base.py)
        assert run(rows.cursor) == user.email
    assert prepared(MARK) == []  # not yet
    assert run(rows.cursor) == user.email
    assert len(prepared(MARK)) == 1
    for _ in range(8):
        assert run(rows.cursor) == user.email
    # PostgreSQL plans it for each of the first five runs, then uses one plan for
    # all: looking a row up by its key costs the same whatever the key.
    [(_statement, generic, custom)] = prepared(MARK)
    assert custom == 5 and generic >= 4


def test_a_signed_in_readers_topic_page_runs_prepared_statements(client):
    forum = factories.forum()
    topic = factories.forum_topic(forum, notify=False)
    client.force_login(factories.user())
    for _ in range(4):
        assert client.get(topic.get_absolute_url()).status_code == 200

    session = f"FROM {Session._meta.db_table} s"
    topic_row = f"FROM {Topic._meta.db_table} t JOIN {Forum._meta.db_table} f"
    posts = f"SELECT id, author_id, is_hidden FROM {Post._meta.db_table}"  # noqa: S608
    for statement in (session, topic_row, posts):
        assert prepared(statement), statement
