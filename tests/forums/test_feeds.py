import feedparser
import pytest
from django.urls import reverse

from core.site import absolute
from forums import services
from tests import factories

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_a_public_forum_has_an_atom_feed_of_its_new_topics(client):
    forum = factories.forum()
    factories.forum_topic(forum, title="Gewerbeflächen im Dreiländereck", notify=False)
    factories.forum_topic(forum, title="Radweg nach Beverungen", notify=False)
    hidden = factories.forum_topic(forum, title="Werbung", notify=False)
    services.topic_set_hidden(
        topic=hidden,
        moderator=factories.forum_moderator(forum),
        hidden=True,
        reason="Werbung.",
    )
    factories.forum_topic(title="Anderes Forum", notify=False)

    url = reverse("forums:forum-feed", kwargs={"forum": forum.slug})
    feed = parse(client, url)

    assert [entry.title for entry in feed.entries] == [
        "Radweg nach Beverungen",
        "Gewerbeflächen im Dreiländereck",
    ]
    assert "gemeinsam" in feed.entries[0].summary
    html = client.get(forum.get_absolute_url()).content.decode()
    assert '<link rel="alternate" type="application/atom+xml" title="' in html
    assert html.count(f'href="{url}"') == 2  # in the head and on the page


def test_a_topic_has_an_atom_feed_of_its_posts_without_hidden_ones(client):
    topic = factories.forum_topic(replies=2, notify=False)
    posts = list(topic.posts.order_by("pk"))
    services.post_set_hidden(
        post=posts[1],
        moderator=factories.forum_moderator(topic.forum),
        hidden=True,
        reason="Werbung.",
    )

    url = reverse("forums:topic-feed", kwargs=topic.url_kwargs())
    feed = parse(client, url)

    assert len(feed.entries) == 2
    links = {entry.link for entry in feed.entries}
    assert absolute(posts[1].get_absolute_url()) not in links
    assert absolute(posts[2].get_absolute_url()) in links
    html = client.get(topic.get_absolute_url()).content.decode()
    assert f'href="{url}"' in html


def test_a_closed_forum_has_no_feeds(client):
    forum = factories.forum(closed=True)
    topic = factories.forum_topic(forum, notify=False)
    assert (
        client.get(
            reverse("forums:forum-feed", kwargs={"forum": forum.slug})
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("forums:topic-feed", kwargs=topic.url_kwargs())).status_code
        == 404
    )
