"""The writer of the benchmark's "while posting" rows (bench/writer.py) signs in
through the real login form and replies through the real reply form, in turn as each
of its accounts, once a second."""

import time

from django.urls import reverse

from bench.writer import Writer
from forums.models import Post
from tests import factories


def _writer(live_server, topic, accounts):
    return Writer(
        live_server.url,
        login=reverse("account_login"),
        reply=reverse(
            "forums:topic-reply",
            kwargs={"forum": topic.forum.slug, "pk": topic.pk, "slug": topic.slug},
        ),
        accounts=[account.email for account in accounts],
        password=factories.PASSWORD,
    )


def test_writer_replies_through_the_forms_as_each_account_in_turn(
    live_server, transactional_db
):
    topic = factories.forum_topic()
    accounts = [factories.user(), factories.user()]
    writer = _writer(live_server, topic, accounts)
    writer.sign_in()
    for browser, token in writer.people:
        writer.post(browser, token)
    assert writer.counts() == (2, 0, 0)
    replies = Post.objects.filter(topic=topic, author__in=accounts).order_by("pk")
    assert [post.author for post in replies] == accounts


def test_writer_posts_once_a_second_while_switched_on(live_server, transactional_db):
    topic = factories.forum_topic()
    writer = _writer(live_server, topic, [factories.user()])
    writer.sign_in()
    writer.start()
    time.sleep(0.5)
    assert writer.made == 0  # not switched on yet
    writer.posting.set()
    time.sleep(2.3)
    writer.stop()
    made, refused, failed = writer.counts()
    assert 1 <= made <= 3
    assert refused == failed == 0
    assert Post.objects.filter(topic=topic).count() == 1 + made


def test_a_wrong_password_stops_the_benchmark(live_server, transactional_db):
    topic = factories.forum_topic()
    writer = _writer(live_server, topic, [factories.user()])
    writer.password = "falsch"  # noqa: S105
    try:
        writer.sign_in()
    except RuntimeError as error:
        assert "could not sign in" in str(error)
    else:
        raise AssertionError("signed in with a wrong password")
