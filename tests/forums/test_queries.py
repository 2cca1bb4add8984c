"""Bounded queries: the forum pages cost the same with dozens of rows as with one."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forums import services
from forums.models import Report
from tests import factories

pytestmark = pytest.mark.django_db


def many_topics(forum, count: int):
    authors = [factories.forum_author(forum) for _ in range(5)]
    topics = []
    for number in range(count):
        topic = factories.forum_topic(
            forum,
            author=authors[number % 5],
            title=f"Thema {number}",
            states=["HE"] if number % 2 else ["NI", "NW"],
            notify=False,
        )
        factories.forum_post(topic, author=authors[(number + 1) % 5], notify=False)
        topics.append(topic)
    return topics


def warm(client, url):
    # The footer's operator is cached after the first page; measure steady state.
    client.get(url)


def clients():
    reader, moderator = factories.user(), factories.user()
    signed_in, moderating = Client(), Client()
    signed_in.force_login(reader)
    moderating.force_login(moderator)
    return (
        reader,
        moderator,
        {"anonymous": Client(), "reader": signed_in, "moderator": moderating},
    )


def test_the_forum_index_runs_a_bounded_number_of_queries(
    django_assert_max_num_queries,
):
    for closed in (False, True, False, False):
        forum = factories.forum(closed=closed, members_post=not closed)
        many_topics(forum, 6)
    reader, moderator, visitors = clients()
    url = reverse("forums:space-list")
    for name, client in visitors.items():
        warm(client, url)
        # Spaces, forums, session, user, readable forums, memberships, and one query
        # for the upcoming events of all spaces together.
        with django_assert_max_num_queries(7):
            response = client.get(url)
        assert response.status_code == 200, name


def test_a_topic_list_of_fifty_topics_runs_a_bounded_number_of_queries(
    django_assert_max_num_queries,
):
    forum = factories.forum()
    topics = many_topics(forum, 50)
    reader, moderator, visitors = clients()
    factories.forum_moderator(forum, moderator)
    services.forum_follow(forum=forum, user=reader)
    for topic in topics[::3]:
        visitors["reader"].get(topic.get_absolute_url())
    for topic in topics[:5]:
        services.topic_set_pinned(
            topic=topic, moderator=moderator, pinned=True, reason="Wichtig."
        )
    for name, client in visitors.items():
        warm(client, forum.get_absolute_url())
        for page in (1, 2):
            # 15: one of them reads the space's upcoming events (events app).
            with django_assert_max_num_queries(15):
                response = client.get(forum.get_absolute_url(), {"seite": page})
            assert response.status_code == 200, name
            assert response.content.decode().count('<li class="forum-topic') == 25


def test_a_topic_with_fifty_posts_runs_a_bounded_number_of_queries(
    django_assert_max_num_queries,
):
    forum = factories.forum()
    topic = factories.forum_topic(forum, notify=False)
    authors = [factories.forum_author(forum) for _ in range(7)]
    for number in range(49):
        post = factories.forum_post(topic, author=authors[number % 7], notify=False)
        if number % 10 == 0:
            services.post_edit(post=post, editor=post.author, body="Überarbeitet.")
    reader, moderator, visitors = clients()
    factories.forum_moderator(forum, moderator)
    services.topic_follow(topic=topic, user=reader)
    services.post_set_hidden(
        post=topic.posts.last(), moderator=moderator, hidden=True, reason="Test."
    )
    Report.objects.create(post=topic.posts.first(), reporter=reader, reason="Test.")
    for name, client in visitors.items():
        warm(client, forum.get_absolute_url())
        for page in (1, 3):
            with django_assert_max_num_queries(16):
                response = client.get(topic.get_absolute_url(), {"seite": page})
            assert response.status_code == 200, name


def test_the_moderation_desk_runs_a_bounded_number_of_queries(
    django_assert_max_num_queries, signed_in
):
    forum = factories.forum(members_post=True)
    moderator = factories.forum_moderator(forum)
    topics = many_topics(forum, 12)
    for topic in topics:
        services.post_report(
            post=topic.last_post, reporter=factories.user(), reason="Werbung."
        )
        services.topic_set_locked(
            topic=topic, moderator=moderator, locked=True, reason="Erledigt."
        )
        services.membership_request(
            forum=forum, user=factories.user(), reason="Ich bin dabei."
        )
    client = signed_in(moderator)
    warm(client, forum.get_absolute_url())
    with django_assert_max_num_queries(12):
        response = client.get(
            reverse("forums:moderation", kwargs={"forum": forum.slug})
        )
    assert response.status_code == 200


def test_the_home_block_runs_one_query():
    from forums.models import Topic

    forum = factories.forum()
    many_topics(forum, 8)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        topics = list(Topic.objects.recently_active())
        [topic.forum.slug for topic in topics]
    assert len(topics) == 5
    assert len(queries) == 1


def test_a_signed_in_readers_first_view_costs_their_own_rows_only(
    django_assert_max_num_queries,
):
    """No page is stored per reader: a first view reads the session with its user, the
    reader's rights, markers and subscriptions (one query each, however many topics
    and posts) and takes the lists of topics and posts that other readers rendered."""
    factories.home_content()
    forum = factories.forum()
    topics = many_topics(forum, 30)
    topic = topics[0]
    for _ in range(25):
        factories.forum_post(topic, notify=False)
    pages = ["/", forum.get_absolute_url(), topic.get_absolute_url()]
    someone = Client()
    someone.force_login(factories.user())
    for url in pages:
        someone.get(url)  # renders the shared fragments
    reader = Client()
    reader.force_login(factories.user())
    # The session with its user; the home page is stored for every reader.
    with django_assert_max_num_queries(1):
        assert reader.get("/").status_code == 200
    # The session with its user; the forum with the reader's rights and following;
    # unread markers. The number of topics is the forum's own count, not a COUNT
    # over them.
    with django_assert_max_num_queries(3):
        assert reader.get(forum.get_absolute_url()).status_code == 200
    # The session with its user; the topic with its number of posts, the reader's
    # rights, following, read marker and first unread post; the page's post ids; the
    # new read marker. The Werkzeugkasten cards drawn from the topic are a shared
    # fragment.
    with django_assert_max_num_queries(4):
        assert reader.get(topic.get_absolute_url()).status_code == 200
    # The same on the topic's second page (found by OFFSET, no query to seek it).
    someone.get(topic.get_absolute_url(), {"seite": 2})
    with django_assert_max_num_queries(4):
        assert reader.get(topic.get_absolute_url(), {"seite": 2}).status_code == 200


def test_the_reply_form_reads_its_recent_posts_authors_affiliations_at_once():
    """The three posts beside the reply form show their authors' affiliations: read
    in one query for all three, not one a post."""
    topic = factories.forum_topic()
    reader = Client()
    reader.force_login(factories.user())
    url = reverse("forums:topic-reply", kwargs=topic.url_kwargs())
    counts = []
    for _ in range(3):
        author = factories.user()
        factories.affiliation(author)
        factories.forum_post(topic, author=author, notify=False)
        warm(reader, url)
        with CaptureQueriesContext(connection) as queries:
            assert reader.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2], counts
