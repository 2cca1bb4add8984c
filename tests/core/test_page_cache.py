"""The page cache shows nobody what they may not see, and nothing stale.

The test settings keep the cache on, as production does (this module makes sure of
it, whatever the settings say). Each page is first
requested once so that it is stored, then content changes through the services the
admin and the forums use, and the next request must show the change.
"""

import re

import pytest
from allauth.account.views import LoginView, SignupView
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.template import RequestContext, Template, TemplateSyntaxError
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from core import pagecache
from events import services as event_services
from forums import services as forum_services
from forums import tokens as forum_tokens
from forums.models import TopicReadState, TopicSubscription
from news.models import Article
from news.services import article_publish, article_save, article_unpublish
from newsletter import tokens as newsletter_tokens
from newsletter.models import Subscriber
from tests import factories

pytestmark = pytest.mark.django_db

SIGN_IN = "Anmelden"
MY_ACCOUNT = "Mein Konto"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def cached(client, path, django_assert_num_queries):
    """The page as the cache serves it: the second request runs no query at all."""
    first = client.get(path)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        again = client.get(path)
    assert again.content == first.content
    return again


# --- served from the cache ----------------------------------------------------------


def test_anonymous_pages_are_served_from_the_cache(client, django_assert_num_queries):
    factories.home_content()
    article = factories.article("Breitband für Beverungen")
    for path in ("/", "/aktuelles/", article.get_absolute_url(), "/aktuelles/feed/"):
        response = cached(client, path, django_assert_num_queries)
        assert b"Breitband f" in response.content


def test_cached_pages_keep_their_security_headers(client):
    client.get("/aktuelles/")
    response = client.get("/aktuelles/")
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not response.cookies


def test_the_query_string_is_part_of_the_address(client):
    factories.article("Nachricht aus Hessen", state_he=True)
    factories.article("Nachricht aus Niedersachsen", state_ni=True)
    assert b"Niedersachsen" in client.get("/aktuelles/").content
    only_hesse = client.get("/aktuelles/?land=HE").content
    assert b"Nachricht aus Hessen" in only_hesse
    assert b"Nachricht aus Niedersachsen" not in only_hesse


# --- nothing stale after an editor's change ------------------------------------------


def test_an_edited_article_shows_on_the_next_request(client):
    factories.home_content()
    article = factories.article("Alte Überschrift")
    pages = ["/", "/aktuelles/", article.get_absolute_url(), "/aktuelles/feed/"]
    for path in pages:
        assert "Alte Überschrift" in client.get(path).content.decode()
    article.title = "Neue Überschrift"
    article_save(article=article)
    for path in pages:
        text = client.get(path).content.decode()
        assert "Neue Überschrift" in text, path
        assert "Alte Überschrift" not in text, path


def test_an_unpublished_article_disappears_at_once(client):
    article = factories.article("Bald zurückgezogen")
    assert client.get(article.get_absolute_url()).status_code == 200
    assert b"Bald zur" in client.get("/aktuelles/").content
    article_unpublish(article=article)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert b"Bald zur" not in client.get("/aktuelles/").content


def test_an_edited_document_shows_on_the_next_request(client):
    from documents.services import document_save

    document = factories.document("Regionalanalyse, erste Fassung")
    pages = ["/dokumente/", document.get_absolute_url()]
    for path in pages:
        assert b"erste Fassung" in client.get(path).content
    document.title = "Regionalanalyse, zweite Fassung"
    document_save(document=document)
    for path in pages:
        content = client.get(path).content
        assert b"zweite Fassung" in content, path
        assert b"erste Fassung" not in content, path


def test_an_edited_contact_shows_on_the_next_request(client):
    factories.home_content()
    person = factories.contact_person("Wirtschaftsförderung Höxter", show_on_home=True)
    pages = ["/", "/ansprechpersonen/", person.get_absolute_url()]
    for path in pages:
        assert "Wirtschaftsförderung Höxter" in client.get(path).content.decode()
    person.function = "Gewerbeflächenlotsin"
    person.full_clean()
    person.save()
    for path in pages:
        assert "Gewerbeflächenlotsin" in client.get(path).content.decode(), path


def test_a_new_and_an_edited_post_show_on_the_next_request(client):
    forum = factories.forum()
    topic = factories.forum_topic(forum, title="Radweg an der Diemel")
    pages = [topic.get_absolute_url(), forum.get_absolute_url(), "/foren/"]
    for path in pages:
        assert client.get(path).status_code == 200
    author = factories.forum_author(forum)
    post = factories.forum_post(topic, author=author, body="Wir bauen mit.")
    assert b"Wir bauen mit." in client.get(topic.get_absolute_url()).content
    forum_services.post_edit(post=post, editor=author, body="Wir bauen ab 2026 mit.")
    assert b"Wir bauen ab 2026 mit." in client.get(topic.get_absolute_url()).content


def test_a_reply_renews_its_pages_but_not_their_cards_and_moderators(client):
    """A reply changes a topic's posts and its forum's list, not the argument cards
    under the topic nor the forum's moderators: those parts are kept. Here they
    change behind the cache's back, so that only a renewal would show it; a change
    through the models shows at once."""
    from accounts.models import User
    from toolbox.models import ArgumentCard

    forum = factories.forum()
    moderator = factories.forum_author(forum)
    moderator.display_name = "Mona Moderation"
    moderator.save()
    forum.moderators.add(moderator)
    topic = factories.forum_topic(forum, title="Flächenpool")
    card = factories.argument_card("Flächen teilen", forum_topics=[topic])
    pages = [topic.get_absolute_url(), forum.get_absolute_url()]
    for path, shown in zip(pages, ["Flächen teilen", "Mona Moderation"], strict=True):
        assert shown in client.get(path).content.decode()
    ArgumentCard.objects.filter(pk=card.pk).update(title="Flächen tauschen")
    User.objects.filter(pk=moderator.pk).update(display_name="Moritz Moderation")

    factories.forum_post(topic, body="Die zweite Antwort.")

    topic_page = client.get(pages[0]).content.decode()
    assert "Die zweite Antwort." in topic_page and "Flächen teilen" in topic_page
    forum_page = client.get(pages[1]).content.decode()
    assert "2 Beiträge" in forum_page and "Mona Moderation" in forum_page
    card.refresh_from_db()
    card.save()
    moderator.refresh_from_db()
    moderator.save()
    assert "Flächen tauschen" in client.get(pages[0]).content.decode()
    assert "Moritz Moderation" in client.get(pages[1]).content.decode()
    # A card linked from the topic's side renews the cards as the topic's change.
    other = factories.argument_card("Flächen bündeln")
    assert "Flächen bündeln" not in client.get(pages[0]).content.decode()
    topic.argument_cards.add(other)
    assert "Flächen bündeln" in client.get(pages[0]).content.decode()


def test_a_renamed_author_shows_on_the_next_request(client):
    forum = factories.forum()
    author = factories.forum_author(forum)
    topic = factories.forum_topic(forum, author=author)
    author.display_name = "Alter Name"
    author.save()
    assert b"Alter Name" in client.get(topic.get_absolute_url()).content
    author.display_name = "Neuer Name"
    author.save()
    content = client.get(topic.get_absolute_url()).content
    assert b"Neuer Name" in content
    assert b"Alter Name" not in content


def test_signing_in_and_reading_do_not_empty_the_cache():
    forum = factories.forum()
    topic = factories.forum_topic(forum)
    reader = factories.user()
    clock = cache.get(pagecache.CLOCK_KEY)
    reader.last_login = timezone.now()
    reader.save(update_fields=["last_login"])
    TopicReadState.objects.create(user=reader, topic=topic, last_read_post_id=1)
    assert cache.get(pagecache.CLOCK_KEY) == clock


# --- nothing anyone may not see --------------------------------------------------------


def test_a_draft_is_never_served_to_anonymous_readers(client):
    article = factories.draft("Geheimer Entwurf")
    editor = signed_in(factories.editor())
    assert editor.get(article.get_absolute_url()).status_code == 200
    assert client.get(article.get_absolute_url()).status_code == 404
    assert b"Geheimer Entwurf" not in client.get("/aktuelles/").content
    # Published and unpublished again: gone for anonymous readers at once.
    article_publish(article=Article.objects.get(pk=article.pk))
    assert client.get(article.get_absolute_url()).status_code == 200
    article_unpublish(article=Article.objects.get(pk=article.pk))
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_closed_forums_topic_is_never_served_from_the_cache(client):
    forum = factories.forum(closed=True)
    member = factories.forum_author(forum)
    topic = factories.forum_topic(forum, author=member, title="Interne Flächenliste")
    member_client = signed_in(member)
    assert member_client.get(topic.get_absolute_url()).status_code == 200
    assert member_client.get(topic.get_absolute_url()).status_code == 200
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 404
    assert b"Interne Fl" not in response.content
    assert b"Interne Fl" not in client.get("/foren/").content
    assert Client().get(topic.get_absolute_url()).status_code == 404


def test_a_forum_closed_after_caching_disappears_at_once(client):
    from forums.models import Forum

    forum = factories.forum()
    topic = factories.forum_topic(forum, title="Bald nur für Mitglieder")
    assert client.get(topic.get_absolute_url()).status_code == 200
    forum.read_access = Forum.ReadAccess.MEMBERS
    forum.post_access = Forum.PostAccess.MEMBERS
    forum.save()
    assert client.get(topic.get_absolute_url()).status_code == 404


def test_signed_in_readers_never_get_the_anonymous_page(client):
    factories.home_content()
    for path in ("/", "/aktuelles/", "/foren/"):
        assert SIGN_IN in client.get(path).content.decode()
        assert SIGN_IN in client.get(path).content.decode()
        reader = signed_in(factories.user())
        text = reader.get(path).content.decode()
        assert MY_ACCOUNT in text, path


def test_signed_in_pages_are_never_stored_for_anonymous_readers(client):
    factories.home_content()
    reader = signed_in(factories.user())
    for path in ("/", "/aktuelles/", "/foren/"):
        assert MY_ACCOUNT in reader.get(path).content.decode()
        text = client.get(path).content.decode()
        assert MY_ACCOUNT not in text, path
        assert SIGN_IN in text, path


# --- fragments for signed-in readers ----------------------------------------------------


def test_signed_in_home_shows_an_edited_article_at_once():
    factories.home_content()
    article = factories.article("Erste Fassung der Meldung")
    reader = signed_in(factories.user())
    assert "Erste Fassung" in reader.get("/").content.decode()
    assert "Erste Fassung" in reader.get("/").content.decode()
    article.title = "Zweite Fassung der Meldung"
    article_save(article=article)
    text = reader.get("/").content.decode()
    assert "Zweite Fassung" in text
    assert MY_ACCOUNT in text


def test_each_reader_sees_their_own_controls_in_a_cached_topic():
    forum = factories.forum()
    author = factories.forum_author(forum)
    topic = factories.forum_topic(forum, author=author)
    other = factories.forum_author(forum)
    edit_link = f"/beitrag/{topic.posts.get().pk}/bearbeiten/"
    assert edit_link in signed_in(author).get(topic.get_absolute_url()).content.decode()
    for _ in range(2):
        text = signed_in(other).get(topic.get_absolute_url()).content.decode()
        assert edit_link not in text
        assert "Melden" in text
    assert edit_link in signed_in(author).get(topic.get_absolute_url()).content.decode()
    assert "Melden" not in Client().get(topic.get_absolute_url()).content.decode()


def test_the_cached_list_of_posts_keeps_no_parameter_of_another_reader():
    from forums.models import POSTS_PER_PAGE

    forum = factories.forum()
    topic = factories.forum_topic(forum, replies=POSTS_PER_PAGE)
    first = topic.posts.order_by("pk").first()
    url = topic.get_absolute_url()
    # Made first: a new account is a change of content that renews every fragment.
    one, other, third = (signed_in(factories.forum_author(forum)) for _ in range(3))
    one.get(url, {"zitat": first.pk, "utm_source": "rundbrief"})
    text = other.get(url).content.decode()
    assert "utm_source" not in text
    assert f'href="?zitat={first.pk}#antwort"' in text
    assert 'href="?seite=2"' in text
    assert "zitat=" not in text.split('id="antwort"')[1].split("</form>")[0]
    # On page 2, quoting keeps the reader on page 2.
    last = topic.posts.order_by("pk").last()
    text = third.get(url, {"seite": 2}).content
    assert f'href="?seite=2&amp;zitat={last.pk}#antwort"'.encode() in text


def test_a_new_reply_shows_in_the_cached_topic_of_a_signed_in_reader():
    forum = factories.forum()
    topic = factories.forum_topic(forum)
    reader = signed_in(factories.forum_author(forum))
    reader.get(topic.get_absolute_url())
    reader.get(forum.get_absolute_url())
    factories.forum_post(topic, body="Eine ganz neue Antwort.")
    assert b"Eine ganz neue Antwort." in reader.get(topic.get_absolute_url()).content
    assert b"2 Beitr" in reader.get(forum.get_absolute_url()).content


# --- signed-in readers' pages are rendered for them ------------------------------------


def test_a_readers_page_is_never_served_to_another_reader():
    forum = factories.forum()
    topic = factories.forum_topic(forum)
    follower = factories.forum_author(forum)
    forum_services.topic_follow(topic=topic, user=follower)
    other = factories.forum_author(forum)
    for _ in range(3):
        assert "Nicht mehr folgen" in _text(signed_in(follower), topic)
        text = _text(signed_in(other), topic)
        assert "Nicht mehr folgen" not in text
        assert "Diesem Thema folgen" in text


def test_a_cached_page_carries_fresh_csrf_tokens_that_work():
    forum = factories.forum()
    topic = factories.forum_topic(forum)
    reader = Client(enforce_csrf_checks=True)
    reader.force_login(factories.forum_author(forum))
    tokens = {_csrf_token(reader.get(topic.get_absolute_url())) for _ in range(4)}
    assert len(tokens) == 4  # masked anew each time, as Django renders them
    follow = reverse(
        "forums:topic-follow",
        kwargs={"forum": forum.slug, "pk": topic.pk, "slug": topic.slug},
    )
    response = reader.post(follow, {"csrfmiddlewaretoken": tokens.pop()})
    assert response.status_code == 302
    assert "Nicht mehr folgen" in _text(reader, topic)


@pytest.mark.parametrize(
    ("name", "view"),
    [("account_login", LoginView), ("account_signup", SignupView)],
)
def test_a_stored_form_gives_each_reader_their_own_token(name, view, monkeypatch):
    rendered = []
    original = view.get
    monkeypatch.setattr(
        view,
        "get",
        lambda *args, **kwargs: rendered.append(1) or original(*args, **kwargs),
    )
    readers = [Client(enforce_csrf_checks=True) for _ in range(3)]
    answers = [reader.get(reverse(name)) for reader in readers]
    assert len(rendered) == 1  # rendered once, then stored
    tokens = [_csrf_token(answer) for answer in answers]
    assert len(set(tokens)) == 3
    assert pagecache.TOKEN_HOLE not in "".join(tokens)
    cookies = {reader.cookies[settings.CSRF_COOKIE_NAME].value for reader in readers}
    assert len(cookies) == 3  # each reader's own secret
    for answer in answers:
        assert "no-store" in answer["Cache-Control"]  # browsers keep no token
        assert int(answer["Content-Length"]) == len(answer.content)


def test_the_token_of_a_stored_login_form_signs_in_and_only_its_reader():
    account = factories.user()
    login = reverse("account_login")
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_token = _csrf_token(first.get(login))
    second_token = _csrf_token(second.get(login))
    form = {"login": account.email, "password": factories.PASSWORD}
    refused = second.post(login, {**form, "csrfmiddlewaretoken": first_token})
    assert refused.status_code == 403
    answer = second.post(login, {**form, "csrfmiddlewaretoken": second_token})
    assert answer.status_code == 302
    assert MY_ACCOUNT in second.get(reverse("home")).content.decode()


def _event_link(purpose):
    def link():
        registration = event_services.registration_request(
            event=factories.event(), name="Gast", email="gast@example.org"
        )
        token = event_services.registration_token(registration, purpose)
        return reverse(f"events:registration-{purpose}", kwargs={"token": token})

    return link


def _newsletter_link(purpose):
    def link():
        subscriber = Subscriber.objects.create(email="leserin@example.org")
        token = newsletter_tokens.token(subscriber, purpose)
        return reverse(f"newsletter:{purpose}", kwargs={"token": token})

    return link


def _topic_unsubscribe_link():
    subscription = TopicSubscription.objects.get(
        topic=factories.forum_topic(factories.forum())
    )
    token = forum_tokens.unsubscribe_token(subscription)
    return reverse("forums:unsubscribe", kwargs={"token": token})


@pytest.mark.parametrize(
    "link",
    [
        pytest.param(_event_link("confirm"), id="event registration"),
        pytest.param(_event_link("cancel"), id="event cancellation"),
        pytest.param(_newsletter_link("confirm"), id="newsletter confirmation"),
        pytest.param(_newsletter_link("unsubscribe"), id="newsletter end"),
        pytest.param(_topic_unsubscribe_link, id="topic end"),
    ],
)
def test_a_page_reached_through_a_personal_link_is_never_stored(link):
    path = link()
    assert Client().get(path).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        again = Client().get(path)
    assert queries.captured_queries  # rendered anew, from the current rows
    assert "private" in again["Cache-Control"]  # and no proxy keeps it either


def test_what_a_reader_does_shows_on_their_next_page():
    forum = factories.forum()
    topic = factories.forum_topic(forum)
    account = factories.forum_author(forum)
    reader = signed_in(account)
    assert "Diesem Thema folgen" in _text(reader, topic)
    assert "Diesem Thema folgen" in _text(reader, topic)
    forum_services.topic_follow(topic=topic, user=account)
    assert "Nicht mehr folgen" in _text(reader, topic)


def test_reading_a_topic_clears_its_new_marker_in_the_cached_list():
    forum = factories.forum()
    reader = signed_in(factories.forum_author(forum))
    topic = factories.forum_topic(forum)
    for _ in range(2):
        assert "Neu" in _list_entry(reader, forum, topic)
    reader.get(topic.get_absolute_url())  # the first read marker
    assert "Neu" not in _list_entry(reader, forum, topic)
    factories.forum_post(topic)
    for _ in range(2):
        assert "Neu" in _list_entry(reader, forum, topic)
    reader.get(topic.get_absolute_url())  # the marker moves on
    assert "Neu" not in _list_entry(reader, forum, topic)


def test_a_member_who_leaves_loses_the_closed_forum_at_once():
    forum = factories.forum(closed=True)
    member = factories.forum_author(forum)
    topic = factories.forum_topic(forum, author=member, title="Interne Flächenliste")
    reader = signed_in(member)
    for path in (topic.get_absolute_url(), forum.get_absolute_url()):
        assert reader.get(path).status_code == 200
        assert reader.get(path).status_code == 200
    factories.forum_membership(forum=forum, user=member, status="declined")
    assert reader.get(topic.get_absolute_url()).status_code == 404
    # The forum's page now says whom it is for, and nothing of its topics.
    response = reader.get(forum.get_absolute_url())
    assert response.status_code == 403
    assert b"Interne Fl" not in response.content


def test_verifying_the_address_opens_the_reply_form_at_once():
    forum = factories.forum()
    topic = factories.forum_topic(forum)
    account = factories.user(verified=False)
    reader = signed_in(account)
    for _ in range(2):
        assert "Bitte bestätigen Sie Ihre E-Mail-Adresse" in _text(reader, topic)
    address = account.emailaddress_set.get()
    address.verified = True
    address.save()
    assert "Bitte bestätigen Sie Ihre E-Mail-Adresse" not in _text(reader, topic)


def test_a_waiting_message_is_shown_not_a_cached_page():
    forum = factories.forum()
    topic = factories.forum_topic(forum)
    reader = signed_in(factories.forum_author(forum))
    _text(reader, topic)
    _text(reader, topic)
    reply = reverse(
        "forums:topic-reply",
        kwargs={"forum": forum.slug, "pk": topic.pk, "slug": topic.slug},
    )
    response = reader.post(reply, {"body": "Wir sind dabei."}, follow=True)
    assert "Ihre Antwort ist veröffentlicht." in response.content.decode()


def test_a_content_change_renews_every_readers_page():
    forum = factories.forum()
    topic = factories.forum_topic(forum, title="Erste Überschrift")
    reader = signed_in(factories.forum_author(forum))
    for _ in range(2):
        assert "Erste Überschrift" in reader.get("/").content.decode()
        assert "Erste Überschrift" in _text(reader, topic)
    topic.title = "Zweite Überschrift"
    topic.save()
    assert "Zweite Überschrift" in reader.get("/").content.decode()
    assert "Zweite Überschrift" in _text(reader, topic)


def _text(client, topic) -> str:
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def _list_entry(client, forum, topic) -> str:
    text = client.get(forum.get_absolute_url()).content.decode()
    start = text.index(topic.get_absolute_url())
    return text[start : text.index("</li>", start)]


def _csrf_token(response) -> str:
    found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]*)"', response.content)
    return found[1].decode()


# --- what the middleware stores ------------------------------------------------------


def middleware(response_factory):
    calls = []

    def view(request):
        calls.append(request)
        return response_factory()

    return pagecache.PageCacheMiddleware(view), calls


@pytest.mark.parametrize(
    "make_response",
    [
        pytest.param(lambda: HttpResponse("nein", status=404), id="not found"),
        pytest.param(lambda: _with_cookie(), id="sets a cookie"),
        pytest.param(lambda: _with_header("Cache-Control", "private"), id="private"),
        pytest.param(lambda: _with_header("Cache-Control", "no-cache"), id="no-cache"),
        pytest.param(lambda: _with_header("Vary", "Accept-Language"), id="varies"),
        pytest.param(
            lambda: _with_header("Content-Security-Policy", "script-src 'nonce-abc'"),
            id="csp nonce",
        ),
    ],
)
def test_responses_that_must_not_be_shared_are_not_stored(make_response):
    handler, calls = middleware(make_response)
    request = RequestFactory().get("/aktuelles/")
    handler(request)
    handler(RequestFactory().get("/aktuelles/"))
    assert len(calls) == 2


@pytest.mark.parametrize(
    "cookie",
    [settings.SESSION_COOKIE_NAME, "messages"],
)
def test_requests_with_a_session_or_a_message_bypass_the_cache(cookie):
    handler, calls = middleware(lambda: HttpResponse("Seite"))
    handler(RequestFactory().get("/aktuelles/"))
    request = RequestFactory().get("/aktuelles/")
    request.COOKIES[cookie] = "abc"
    handler(request)
    assert len(calls) == 2
    handler(RequestFactory().get("/aktuelles/"))
    assert len(calls) == 2  # the anonymous copy is still there


def test_the_csrf_cookie_alone_does_not_bypass_the_cache():
    handler, calls = middleware(lambda: HttpResponse("Seite"))
    handler(RequestFactory().get("/aktuelles/"))
    request = RequestFactory().get("/aktuelles/")
    request.COOKIES[settings.CSRF_COOKIE_NAME] = "abc"
    assert handler(request).content == b"Seite"
    assert len(calls) == 1


def test_two_processes_share_the_pages_and_their_renewal():
    handler, calls = middleware(lambda: HttpResponse(f"Fassung {len(calls)}"))
    other_process, _calls = middleware(lambda: HttpResponse("anders"))
    assert handler(RequestFactory().get("/aktuelles/")).content == b"Fassung 1"
    assert handler(RequestFactory().get("/aktuelles/")).content == b"Fassung 1"
    assert other_process(RequestFactory().get("/aktuelles/")).content == b"Fassung 1"
    assert len(calls) == 1
    pagecache.renew("documents")  # a write, in whichever process
    assert other_process(RequestFactory().get("/aktuelles/")).content == b"anders"
    assert handler(RequestFactory().get("/aktuelles/")).content == b"anders"
    assert len(calls) == 1


def test_another_release_never_serves_this_ones_pages(monkeypatch):
    handler, _calls = middleware(lambda: HttpResponse("alte Vorlage"))
    assert handler(RequestFactory().get("/aktuelles/")).content == b"alte Vorlage"
    assert pagecache.remember("pdf", ["news"], lambda: "alt") == "alt"
    # The next release, sharing the cache during a rolling deploy.
    for name in ("PAGE_KEY", "FRAGMENT_KEY", "VALUE_KEY"):
        key = getattr(pagecache, name)
        monkeypatch.setattr(pagecache, name, key.replace(pagecache.RELEASE, "next"))
    new, _calls = middleware(lambda: HttpResponse("neue Vorlage"))
    assert new(RequestFactory().get("/aktuelles/")).content == b"neue Vorlage"
    assert pagecache.remember("pdf", ["news"], lambda: "neu") == "neu"


def test_the_release_changes_with_a_template(settings, tmp_path):
    (tmp_path / "templates").mkdir()
    page = tmp_path / "templates" / "seite.html"
    page.write_text("<p>alt</p>")
    settings.BASE_DIR = tmp_path
    before = pagecache._release_id()
    page.write_text("<p>neu</p>")
    assert pagecache._release_id() != before


def test_while_one_request_renders_a_changed_page_the_others_get_its_last_version():
    meanwhile = []

    def render():
        if len(calls) == 2:  # rendering anew after the change: another reader comes
            meanwhile.append(other_process(RequestFactory().get("/aktuelles/")).content)
        return HttpResponse(f"Fassung {len(calls)}")

    handler, calls = middleware(render)
    other_process, other_calls = middleware(lambda: HttpResponse("auch gerendert"))
    assert handler(RequestFactory().get("/aktuelles/")).content == b"Fassung 1"
    pagecache.renew("news")
    assert handler(RequestFactory().get("/aktuelles/")).content == b"Fassung 2"
    assert meanwhile == [b"Fassung 1"]
    assert other_process(RequestFactory().get("/aktuelles/")).content == b"Fassung 2"
    assert not other_calls
    pagecache.renew("news")  # the render is over: the next reader renders
    assert other_process(RequestFactory().get("/aktuelles/")).content == (
        b"auch gerendert"
    )


def test_a_render_that_fails_leaves_the_changed_page_to_the_next_request():
    def render():
        if len(calls) == 2:
            raise RuntimeError("Die Datenbank antwortet nicht.")
        return HttpResponse(f"Fassung {len(calls)}")

    handler, calls = middleware(render)
    assert handler(RequestFactory().get("/aktuelles/")).content == b"Fassung 1"
    pagecache.renew("news")
    with pytest.raises(RuntimeError):
        handler(RequestFactory().get("/aktuelles/"))
    assert handler(RequestFactory().get("/aktuelles/")).content == b"Fassung 3"


def test_nothing_is_stored_when_switched_off(settings):
    settings.PAGE_CACHE_SECONDS = 0
    handler, calls = middleware(lambda: HttpResponse("Seite"))
    handler(RequestFactory().get("/aktuelles/"))
    handler(RequestFactory().get("/aktuelles/"))
    assert len(calls) == 2


def _with_cookie():
    response = HttpResponse("Seite")
    response.set_cookie("irgendwas", "1")
    return response


def _with_header(name, value):
    response = HttpResponse("Seite")
    response[name] = value
    return response


# --- content that changes by itself -------------------------------------------------


def test_a_scheduled_article_appears_when_its_time_comes_not_when_the_cache_expires(
    client,
):
    import time

    factories.home_content()
    soon = timezone.now() + timezone.timedelta(seconds=2)
    link = factories.article("Fördermittel für Uslar", published_at=soon)
    link = link.get_absolute_url()
    pages = ("/", "/aktuelles/", "/aktuelles/feed/", "/sitemap.xml")
    for path in pages:
        assert link not in client.get(path).content.decode()
        assert client.get(path).content == client.get(path).content  # stored

    time.sleep(max(0.0, (soon - timezone.now()).total_seconds()) + 0.2)

    for path in pages:
        assert link in client.get(path).content.decode(), path


def test_the_next_change_is_asked_once_per_version(client, django_assert_num_queries):
    factories.article(
        "Später", published_at=timezone.now() + timezone.timedelta(days=1)
    )
    client.get("/aktuelles/")
    client.get("/")
    with django_assert_num_queries(0):
        client.get("/aktuelles/")
        client.get("/")
    due, groups = cache.get(pagecache.DUE_KEY)
    assert due > timezone.now().timestamp() + 3600
    assert {"news", "home", "sitemap"} <= set(groups)


def test_events_and_documents_declare_when_their_pages_change_by_themselves():
    import datetime

    from documents.models import Document
    from events.models import Event

    now = timezone.now()
    event = factories.event("Fachforum", days=2, hours=3)
    event.registration_deadline = now + datetime.timedelta(days=1)
    event.save()
    factories.event("Entwurf", days=1, status="draft")
    assert Event.objects.next_change(now) == event.registration_deadline
    assert Event.objects.next_change(event.starts_at) == event.ends_at

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    factories.document("Regionalanalyse 2027", published_on=tomorrow)
    assert Document.objects.next_publication(now) == timezone.make_aware(
        datetime.datetime.combine(tomorrow, datetime.time())
    )


def test_a_fragment_is_kept_per_language(client):
    factories.home_content()
    assert "Aktuelle Nachrichten" in client.get("/").content.decode()
    english = client.get("/en/").content.decode()
    assert "Latest news" in english
    assert "Aktuelle Nachrichten" not in english


def test_a_value_is_kept_per_language():
    with translation.override("en"):
        assert pagecache.remember("pdf", ["documents"], lambda: "As of") == "As of"
    with translation.override("de"):
        assert pagecache.remember("pdf", ["documents"], lambda: "Stand") == "Stand"
        assert pagecache.remember("pdf", ["documents"], lambda: "anders") == "Stand"
    with translation.override("en"):
        assert pagecache.remember("pdf", ["documents"], lambda: "other") == "As of"


def test_the_documents_handout_in_german_after_one_in_english(client):
    from io import BytesIO

    from pypdf import PdfReader

    factories.document("Leitfaden Gewerbeflächen", category="werkzeugkasten")
    path = reverse("documents:handout-pdf")

    def text(prefix):
        response = client.get(f"{prefix}{path}")
        return PdfReader(BytesIO(response.content)).pages[0].extract_text()

    assert "As of" in text("/en")
    assert "Stand" in text("")


@pytest.mark.parametrize("hole", [True, False])
def test_a_fragment_keeps_a_form_only_with_the_token_hole(hole):
    template = Template(
        '{% load pagecache %}{% contentcache "form" depends="all" %}'
        "<form>{% csrf_token %}</form>{% endcontentcache %}"
    )
    pages = []
    for _ in range(2):
        request = RequestFactory().get("/")
        request.page_token_hole = hole
        pages.append(template.render(RequestContext(request)))
    if hole:
        assert pagecache.TOKEN_HOLE in pages[0]
        assert pages[0] == pages[1]
    else:
        # Each reader's own token: rendered for each, never kept for another.
        assert pagecache.TOKEN_HOLE not in pages[0]
        assert pages[0] != pages[1]


@pytest.mark.parametrize(
    "tag", ['{% contentcache depends="all" %}', '{% contentcache "form" depends="" %}']
)
def test_a_fragment_without_a_name_or_groups_is_refused(tag):
    with pytest.raises(TemplateSyntaxError):
        Template("{% load pagecache %}" + tag + "{% endcontentcache %}")


def test_a_fragment_is_kept_once_with_each_pages_own_value_filled_in():
    """The header's search box shows each search's query, escaped; the header is
    kept once for all of them, not once per query."""
    from itertools import count

    template = Template(
        '{% load pagecache %}{% contentcache "box" depends="all" fill="query" %}'
        '<input value="{{ query }}"> render {{ render }}{% endcontentcache %}'
    )
    render, pages = count(1).__next__, []
    for query in ["Gewerbeflächen", '"><script>alert(1)</script>', ""]:
        context = {"query": query, "render": render}
        pages.append(
            template.render(RequestContext(RequestFactory().get("/"), context))
        )
    assert pages == [
        '<input value="Gewerbeflächen"> render 1',
        '<input value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"> render 1',
        '<input value=""> render 1',
    ]


def test_a_fragment_names_its_groups_apart_from_its_page():
    node = Template(
        '{% load pagecache %}{% contentcache "form" depends="all, home" %}'
        "{% endcontentcache %}"
    ).nodelist[-1]
    assert node.groups == ("all", "home")


def test_the_shared_site_header_signs_out_with_each_readers_own_token():
    readers = []
    for _ in range(2):
        reader = Client(enforce_csrf_checks=True)
        reader.force_login(factories.user())
        readers.append(reader)
    pages = [reader.get("/aktuelles/") for reader in readers]
    tokens = [_csrf_token(page) for page in pages]
    assert tokens[0] != tokens[1]
    assert 'aria-current="page">Aktuelles<' in pages[1].content.decode()
    logout = reverse("account_logout")
    assert (
        readers[1].post(logout, {"csrfmiddlewaretoken": tokens[1]}).status_code == 302
    )
    assert MY_ACCOUNT not in readers[1].get("/aktuelles/").content.decode()


# --- conditional GET ------------------------------------------------------------------


def test_a_reader_who_has_the_page_gets_304_until_it_changes(client):
    article = factories.article("Breitband für Beverungen")
    first = client.get("/aktuelles/")
    etag = first["ETag"]
    assert client.get("/aktuelles/", headers={"if-none-match": etag}).status_code == 304
    article.title = "Breitband für Beverungen und Borgentreich"
    article_save(article=article)
    again = client.get("/aktuelles/", headers={"if-none-match": etag})
    assert again.status_code == 200
    assert again["ETag"] != etag


def test_feeds_answer_if_modified_since(client):
    factories.article("Breitband für Beverungen")
    feed = client.get("/aktuelles/feed/")
    modified = feed["Last-Modified"]
    for _ in range(2):  # rendered, then from the cache
        response = client.get(
            "/aktuelles/feed/", headers={"if-modified-since": modified}
        )
        assert response.status_code == 304


def test_the_cached_list_of_topics_keeps_no_parameter_of_another_reader():
    from forums.models import TOPICS_PER_PAGE

    forum = factories.forum()
    for _ in range(TOPICS_PER_PAGE + 1):
        factories.forum_topic(forum, states=["HE"], notify=False)
    one, other = (signed_in(factories.forum_author(forum)) for _ in range(2))
    one.get(forum.get_absolute_url(), {"utm_source": "rundbrief", "land": "HE"})
    text = other.get(forum.get_absolute_url(), {"land": "HE"}).content.decode()
    assert "utm_source" not in text
    assert 'href="?land=HE&amp;seite=2"' in text
    text = other.get(forum.get_absolute_url()).content.decode()
    assert 'href="?seite=2"' in text


def test_a_fragment_is_read_with_its_groups_counts_in_one_round_trip(monkeypatch):
    """After a change anywhere (the clock moved), a fragment whose groups did not
    change is served from one read of the cache, not one for it and one for its
    groups' counts."""
    request = RequestFactory().get("/")
    rendered = []

    def render():
        rendered.append(1)
        return "<p>Kopf</p>"

    assert pagecache.fragment(request, "kopf", "de", render, ["kopf"]) == (
        "<p>Kopf</p>",
        False,
    )
    pagecache.renew("etwas-anderes")
    reads, inside = [], []

    def counted(name, method):
        def read(*args, **kwargs):
            if not inside:  # LocMemCache's get_many calls its get
                reads.append(name)
            inside.append(name)
            try:
                return method(*args, **kwargs)
            finally:
                inside.pop()

        return read

    for name in ("get", "get_many"):
        monkeypatch.setattr(cache, name, counted(name, getattr(cache, name)))

    later = RequestFactory().get("/")
    assert pagecache.fragment(later, "kopf", "de", render, ["kopf"]) == (
        "<p>Kopf</p>",
        True,
    )
    assert len(rendered) == 1
    assert reads == ["get_many", "get_many"]  # the clock; the fragment with counts
    pagecache.renew("kopf")
    reads.clear()
    assert (
        pagecache.fragment(RequestFactory().get("/"), "kopf", "de", render, ["kopf"])[1]
        is False
    )
    # Rendered anew and stored with the counts read with it: no read more.
    assert reads == ["get_many", "get_many"]
    assert pagecache.fragment(
        RequestFactory().get("/"), "kopf", "de", render, ["kopf"]
    )[1]
