"""A page is rendered once for every reader its view declared it the same for
(`pagecache.same_for`), on any address of its path, and each of them still gets
exactly the page that would have been rendered for them alone: their rights, follow
state, unread marker, own posts, messages, the query of their address and their CSRF
token."""

import copy
import re

import pytest
from allauth.account.models import EmailAddress
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from core import i18n, pagecache
from forums.models import Report, TopicReadState, TopicSubscription
from tests import factories

pytestmark = pytest.mark.django_db

TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def contents(monkeypatch):
    """Whether each shared page came from the cache (True) or was rendered."""
    found = []
    fragment = pagecache.fragment

    def spy(request, name, vary, render, groups=None):
        content, stored = fragment(request, name, vary, render, groups)
        if name == "page":
            found.append(stored)
        return content, stored

    monkeypatch.setattr(pagecache, "fragment", spy)
    return found


def normalized(response) -> bytes:
    assert response.status_code == 200
    return TOKEN.sub(b'name="csrfmiddlewaretoken" value="-"', response.content)


def alone(client, url) -> bytes:
    """The page rendered for this reader with nothing stored, and nothing it writes
    (the read marker, the messages it shows) kept."""
    cookies = copy.deepcopy(client.cookies)
    with override_settings(PAGE_CACHE_SECONDS=0), transaction.atomic():
        page = normalized(client.get(url))
        transaction.set_rollback(True)
    client.cookies = cookies
    return page


FOLLOWING = "Sie folgen diesem Thema"


def reader(user, *, follows=None) -> Client:
    client = Client()
    client.force_login(user)
    if follows is not None:
        # Leaves a message for the reader's next page.
        url = reverse(
            "forums:topic-follow",
            kwargs={
                "forum": follows.forum.slug,
                "pk": follows.pk,
                "slug": follows.slug,
            },
        )
        assert client.post(url).status_code == 302
    return client


@pytest.fixture
def topic_and_readers():
    forum = factories.forum()
    moderator = factories.forum_moderator(forum)
    author = factories.forum_author(forum)
    topic = factories.forum_topic(forum, replies=4, notify=False)
    other = factories.forum_topic(forum, notify=False)
    factories.forum_post(topic, notify=False)
    # Wrote a post, then lost the right to write: like `unverified`, but for the
    # post that is theirs (no "Report"), though no longer theirs to edit.
    former = factories.forum_author(forum)
    factories.forum_post(topic, author=former, notify=False)
    EmailAddress.objects.filter(user=former).update(verified=False)
    TopicReadState.objects.filter(user=former).delete()
    own = factories.forum_post(topic, author=author, notify=False)
    follower, halfway, everything, member = (factories.user() for _ in range(4))
    TopicSubscription.objects.create(topic=topic, user=follower)
    for user, last_read in ((halfway, own.pk - 2), (everything, own.pk)):
        TopicReadState.objects.update_or_create(
            topic=topic, user=user, defaults={"last_read_post_id": last_read}
        )
    # The author has read up to their own post, the last one: like `everything`,
    # but for the controls of their own post.
    TopicReadState.objects.update_or_create(
        topic=topic, user=author, defaults={"last_read_post_id": own.pk}
    )
    factories.forum_membership(forum=forum, user=member)
    # Has read both topics to the end: the same facts on both, but for the path.
    TopicReadState.objects.create(
        topic=other, user=everything, last_read_post_id=other.posts.get().pk
    )
    readers = {
        "first reader": reader(factories.user()),
        "second reader": reader(factories.user()),
        "third reader": reader(factories.user()),
        "unverified": reader(factories.user(verified=False)),
        "unverified author": reader(former),
        "follower": reader(follower),
        "read everything": reader(everything),
        "author of the last post": reader(author),
        "read halfway": reader(halfway),
        "member": reader(member),
        "moderator": reader(moderator),
        "second moderator": reader(factories.forum_moderator(forum)),
        "with a message": reader(factories.user(), follows=other),
        "staff": reader(factories.user(is_staff=True)),
        "administrator": reader(factories.admin(totp=False)),
    }
    return forum, topic, readers


def test_every_reader_gets_the_page_rendered_for_them_alone(
    topic_and_readers, contents
):
    forum, topic, readers = topic_and_readers
    quoted = topic.posts.first()
    urls = [
        reverse("home"),
        forum.get_absolute_url(),
        forum.get_absolute_url() + "?land=HE",
        topic.get_absolute_url(),
        topic.get_absolute_url() + f"?zitat={quoted.pk}",
        topic.get_absolute_url() + "?utm_source=newsletter",
        # Another topic, read by readers with the same facts.
        forum.topics.exclude(pk=topic.pk).get().get_absolute_url(),
    ]
    for url in urls:
        for name, client in readers.items():
            expected = alone(client, url)
            assert normalized(client.get(url)) == expected, f"{name} on {url}"
    # Readers with the same rights and facts shared the content: at least the second
    # and third reader on every page but home (one fragment of its own, "home").
    assert contents.count(True) >= 2 * (len(urls) - 1)
    assert contents.count(False) >= len(urls) - 1


def test_the_content_is_rendered_once_for_readers_alike(topic_and_readers, contents):
    forum, topic, readers = topic_and_readers
    url = topic.get_absolute_url()
    first = readers["first reader"].get(url)
    second = readers["second reader"].get(url + "?nr=2&amp=x")
    assert contents == [False, True]
    # No template was rendered for the second reader.
    assert first.templates and not second.templates
    # The links to the page in English keep each reader's own address.
    english = f"/en{url}"
    assert f'href="{english}"' in first.content.decode()
    assert f'href="{english}?nr=2&amp;amp=x"' in second.content.decode()
    assert i18n.QUERY_HOLE not in second.content.decode()
    # Each with their own token, which signs their own forms only.
    tokens = [TOKEN.search(page.content).group() for page in (first, second)]
    assert tokens[0] != tokens[1]
    assert pagecache.TOKEN_HOLE.encode() not in second.content
    # The view still ran for the second reader: the page is marked read for them.
    assert TopicReadState.objects.filter(
        topic=topic, user=second.wsgi_request.user
    ).exists()


def test_a_change_renews_the_content(topic_and_readers, contents):
    forum, topic, readers = topic_and_readers
    url = topic.get_absolute_url()
    readers["first reader"].get(url)
    factories.forum_post(topic, body="Eine neue Antwort aus Höxter.", notify=False)
    response = readers["second reader"].get(url)
    assert contents == [False, False]
    assert "Eine neue Antwort aus Höxter." in response.content.decode()


def test_a_message_is_shown_to_its_reader_once(topic_and_readers):
    forum, topic, readers = topic_and_readers
    url = reverse("home")
    assert FOLLOWING in readers["with a message"].get(url).content.decode()
    assert FOLLOWING not in readers["first reader"].get(url).content.decode()
    assert FOLLOWING not in readers["with a message"].get(url).content.decode()


def test_a_reader_with_a_message_gets_it_on_a_shared_page(topic_and_readers, contents):
    forum, topic, readers = topic_and_readers
    other = forum.topics.exclude(pk=topic.pk).get()
    url = other.get_absolute_url()
    client = readers["with a message"]
    # Follows the same topic and has seen that message: the same page.
    alike = reader(factories.user(), follows=other)
    assert FOLLOWING in alike.get(reverse("home")).content.decode()
    alike.get(url)
    expected = alone(client, url)
    assert FOLLOWING in expected.decode()
    assert normalized(client.get(url)) == expected
    # Once: then the page the others share.
    expected = alone(client, url)
    assert FOLLOWING not in expected.decode()
    assert normalized(client.get(url)) == expected
    assert contents == [False, True]


def test_without_the_cache_nothing_is_shared(settings, topic_and_readers, contents):
    settings.PAGE_CACHE_SECONDS = 0
    forum, topic, readers = topic_and_readers
    url = topic.get_absolute_url()
    readers["first reader"].get(url)
    readers["second reader"].get(url)
    assert contents == []


@pytest.mark.parametrize("staff_first", [True, False])
def test_in_archive_mode_staff_keep_their_forms_and_readers_get_none(staff_first):
    forum = factories.forum()
    topic = factories.forum_topic(forum, notify=False)
    factories.archive()
    readers = [reader(factories.user(is_staff=True)), reader(factories.user())]
    if not staff_first:
        readers.reverse()
    for url in (forum.get_absolute_url(), topic.get_absolute_url()):
        for client in readers:
            expected = alone(client, url)
            assert normalized(client.get(url)) == expected, url


def test_a_new_report_shows_in_the_next_moderators_count():
    forum = factories.forum()
    topic = factories.forum_topic(forum, notify=False)
    moderators = [reader(factories.forum_moderator(forum)) for _ in range(2)]
    url = forum.get_absolute_url()
    moderators[0].get(url)
    Report.objects.create(post=topic.posts.get(), reason="Werbung.")
    expected = alone(moderators[1], url)
    assert "1 Meldung" in expected.decode()
    assert normalized(moderators[1].get(url)) == expected


def test_no_text_a_user_wrote_receives_the_readers_token():
    forum = factories.forum()
    bait = (
        f"[Mehr](https://example.org/?t={pagecache.TOKEN_HOLE}) {pagecache.TOKEN_HOLE}"
    )
    topic = factories.forum_topic(forum, body=bait, notify=False)
    client = reader(factories.user())
    page = client.get(topic.get_absolute_url()).content.decode()
    token = TOKEN.search(page.encode()).group().decode().split('value="')[1]
    post = page[page.index('class="prose post__body"') :]
    post = post[: post.index("</div>")]
    assert pagecache.TOKEN_HOLE in post
    assert token.strip('"') not in post


def test_the_home_page_is_rendered_once_for_readers_alike(contents):
    factories.home_content()
    signed_in = [reader(factories.user()) for _ in range(2)]
    pages = [signed_in[0].get("/"), signed_in[1].get("/?utm_source=newsletter")]
    anonymous = [Client().get("/"), Client().get("/?utm_source=newsletter")]
    assert contents == [False, True, False, True]
    for first, second in (pages, anonymous):
        assert first.templates and not second.templates
        assert normalized(first) == normalized(second).replace(
            b"?utm_source=newsletter", b""
        )
        assert b'"@type": "Organization"' in second.content
