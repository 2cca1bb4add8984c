"""Hand-written joins give the instances the ORM's select_related() gives."""

import pytest
from django.db import connection

from accounts.models import User
from core import rows
from forums.models import Forum, Topic
from tests import factories

pytestmark = pytest.mark.django_db


def values(instance) -> list:
    return [getattr(instance, f.attname) for f in instance._meta.concrete_fields]


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
            assert values(found.forum) == values(expected.forum)
            if expected.author is None:
                assert found.author is None
            else:
                assert values(found.author) == values(expected.author)
        assert rest == 42
        assert not found._state.adding and found._state.db == "default"
        assert found.created_at.tzinfo is not None
