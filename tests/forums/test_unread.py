import datetime
import re

import pytest
from django.utils import timezone

from forums.models import Topic, TopicReadState
from tests import factories

pytestmark = pytest.mark.django_db


def unread_titles(client, forum) -> set[str]:
    html = client.get(forum.get_absolute_url()).content.decode()
    rows = re.findall(
        r'<li class="forum-topic forum-topic--unread">\s*<h3[^>]*><a[^>]*>([^<]+)</a>',
        html,
    )
    return set(rows)


def test_new_topics_and_replies_are_marked_unread_until_read(signed_in):
    forum = factories.forum()
    reader = factories.user()
    reader.date_joined = timezone.now() - datetime.timedelta(days=1)
    reader.save()
    first = factories.forum_topic(forum, title="Buslinien")
    second = factories.forum_topic(forum, title="Gewerbeflächen")
    client = signed_in(reader)
    assert unread_titles(client, forum) == {"Buslinien", "Gewerbeflächen"}

    client.get(first.get_absolute_url())
    assert unread_titles(client, forum) == {"Gewerbeflächen"}

    factories.forum_post(first, body="Neu!")
    assert unread_titles(client, forum) == {"Buslinien", "Gewerbeflächen"}
    client.get(first.get_absolute_url())
    client.get(second.get_absolute_url())
    assert unread_titles(client, forum) == set()


def test_the_own_post_of_a_reader_does_not_make_a_topic_unread(signed_in):
    forum = factories.forum()
    author = factories.user()
    topic = factories.forum_topic(forum, author=author)
    factories.forum_post(topic, author=author)
    assert unread_titles(signed_in(author), forum) == set()
    assert TopicReadState.objects.get(user=author, topic=topic).last_read_post_id == (
        topic.posts.last().pk
    )


def test_topics_older_than_the_account_count_as_read(signed_in):
    forum = factories.forum()
    old = factories.forum_topic(forum, title="Altes Thema")
    Topic.objects.filter(pk=old.pk).update(
        last_post_at=timezone.now() - datetime.timedelta(days=30)
    )
    newcomer = factories.user()
    assert unread_titles(signed_in(newcomer), forum) == set()


def test_signed_out_readers_see_no_unread_marks(client):
    forum = factories.forum()
    factories.forum_topic(forum)
    html = client.get(forum.get_absolute_url()).content.decode()
    assert "forum-topic--unread" not in html


def test_the_first_unread_link_leads_to_the_right_page_and_post(signed_in):
    forum = factories.forum()
    topic = factories.forum_topic(forum, replies=24)
    reader = factories.user()
    reader.date_joined = timezone.now() - datetime.timedelta(days=1)
    reader.save()
    client = signed_in(reader)
    # Reading page 1 (posts 1–20) leaves page 2 unread.
    client.get(topic.get_absolute_url())
    state = TopicReadState.objects.get(user=reader, topic=topic)
    posts = list(topic.posts.order_by("pk"))
    assert state.last_read_post_id == posts[19].pk
    assert unread_titles(client, forum) == {topic.title}

    html = client.get(topic.get_absolute_url()).content.decode()
    expected = f"{topic.get_absolute_url()}?seite=2#beitrag-{posts[20].pk}"
    assert f'href="{expected}"' in html
    assert "Zum ersten ungelesenen Beitrag" in html

    html = client.get(topic.get_absolute_url(), {"seite": 2}).content.decode()
    assert 'id="ungelesen"' in html
    assert unread_titles(client, forum) == set()
    state.refresh_from_db()
    assert state.last_read_post_id == posts[-1].pk
    # Going back to page 1 does not mark anything unread again.
    client.get(topic.get_absolute_url())
    state.refresh_from_db()
    assert state.last_read_post_id == posts[-1].pk


def test_a_pages_unread_marks_are_those_of_its_topics_in_order():
    """`page_marks` writes out the list's query: the same topics, order and marks."""
    forum = factories.forum()
    reader = factories.user()
    reader.date_joined = timezone.now() - datetime.timedelta(days=1)
    reader.save()
    topics = [
        factories.forum_topic(
            forum,
            title=f"Thema {number}",
            states=["HE"] if number % 3 else ["NI"],
            notify=False,
        )
        for number in range(60)
    ]
    for topic in topics[::4]:
        TopicReadState.objects.create(
            user=reader, topic=topic, last_read_post_id=topic.last_post_id
        )
    Topic.objects.filter(pk__in=[t.pk for t in topics[5:9]]).update(is_hidden=True)
    Topic.objects.filter(pk__in=[t.pk for t in topics[30:33]]).update(is_pinned=True)
    Topic.objects.filter(pk__in=[t.pk for t in topics[10:14]]).update(
        last_post_at=topics[0].last_post_at  # ties: the id decides
    )
    marks = set()
    for hidden in (True, False):
        for state in ("", "HE"):
            listed = Topic.objects.filter(forum=forum).with_unread(reader)
            if not hidden:
                listed = listed.filter(is_hidden=False)
            if state:
                listed = listed.filter(state_he=True)
            listed = listed.order_by(*Topic._meta.ordering)
            for offset in (0, 25):
                expected = list(listed.values_list("pk", "is_unread")[offset:][:25])
                assert expected
                marks.update(unread for _pk, unread in expected)
                found = Topic.objects.page_marks(
                    forum.pk,
                    reader,
                    hidden=hidden,
                    state=state,
                    offset=offset,
                    limit=25,
                )
                assert found == expected, (hidden, state, offset)
    assert marks == {True, False}
