import datetime

import feedparser
import pytest
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def news():
    published_at = datetime.datetime(2023, 5, 30, 16, 45, tzinfo=datetime.UTC)
    with_image = factories.article(
        "Fachforum in Beverungen",
        teaser="Fünf Kreise & 13 Kommunen.",
        published_at=published_at,
        author=factories.editor(display_name="Demo-Redaktion"),
        category=factories.news_category("Veranstaltung"),
        image=factories.image_upload(size=(1800, 900)),
    )
    plain = factories.article("Projektstart")
    factories.draft("Entwurf im Feed")
    factories.scheduled("Geplant im Feed")
    return with_image, plain


@pytest.mark.parametrize(
    ("url", "version"),
    [("/aktuelles/feed/", "rss20"), ("/aktuelles/feed/atom/", "atom10")],
)
def test_feed_parses_and_lists_only_published_articles(client, news, url, version):
    response = client.get(url)
    feed = feedparser.parse(response.content)
    assert response.status_code == 200
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    titles = [entry.title for entry in feed.entries]
    assert titles == ["Projektstart", "Fachforum in Beverungen"]
    assert feed.feed.language == "de" or feed.feed.get("language") == "de"


@pytest.mark.parametrize("url", ["/aktuelles/feed/", "/aktuelles/feed/atom/"])
def test_feed_entries_have_dates_links_and_the_image_enclosure(
    client, news, url, settings
):
    # Links name the configured public address, not the host of the request.
    settings.SITE_URL = "https://portal.example.org"
    article, _ = news
    entry = feedparser.parse(client.get(url).content).entries[1]
    assert entry.link == f"https://portal.example.org{article.get_absolute_url()}"
    assert entry.published_parsed[:5] == (2023, 5, 30, 16, 45)
    assert "Fünf Kreise & 13 Kommunen." in entry.summary
    assert entry.author == "Demo-Redaktion"
    assert [tag.term for tag in entry.tags] == ["Veranstaltung"]
    largest = article.image_renditions[-1]
    [enclosure] = entry.enclosures
    assert enclosure.href == f"https://portal.example.org/media/{largest['name']}"
    assert int(enclosure.length) == largest["size"]
    assert enclosure.type == "image/jpeg"


def test_atom_feed_has_updated_dates_not_before_publication(client, settings):
    article = factories.article("Später bearbeitet")
    entry = feedparser.parse(client.get("/aktuelles/feed/atom/").content).entries[0]
    assert entry.updated_parsed >= entry.published_parsed
    assert entry.id == f"{settings.SITE_URL}{article.get_absolute_url()}"


def test_feed_never_shows_an_author_email(client):
    author = factories.editor("geheim@example.org", display_name="")
    factories.article(author=author)
    for url in ("/aktuelles/feed/", "/aktuelles/feed/atom/"):
        assert "geheim@example.org" not in client.get(url).content.decode()


def test_a_scheduled_article_enters_the_feed_at_its_time(client):
    import time_machine

    moment = timezone.now().replace(microsecond=0) + datetime.timedelta(days=1)
    factories.article("Morgen früh", published_at=moment)
    with time_machine.travel(moment - datetime.timedelta(seconds=1), tick=False):
        assert "Morgen früh" not in client.get("/aktuelles/feed/").content.decode()
    with time_machine.travel(moment, tick=False):
        assert "Morgen früh" in client.get("/aktuelles/feed/").content.decode()


@pytest.mark.parametrize("url", ["/aktuelles/feed/", "/aktuelles/feed/atom/"])
def test_a_category_feed_lists_only_that_category(client, url):
    press = factories.news_category("Presse")
    factories.article("Pressemitteilung zum SREK", category=press)
    factories.article("Fachforum Mobilität", category=factories.news_category("Forum"))

    feed = feedparser.parse(client.get(url, {"kategorie": press.slug}).content)

    assert not feed.bozo, feed.get("bozo_exception")
    assert [entry.title for entry in feed.entries] == ["Pressemitteilung zum SREK"]
    assert "Presse" in feed.feed.title
    assert client.get(url, {"kategorie": "gibt-es-nicht"}).status_code == 404


def test_the_list_of_one_category_links_its_feeds(client):
    press = factories.news_category("Presse")
    factories.article("Pressemitteilung zum SREK", category=press)
    html = client.get("/aktuelles/", {"kategorie": press.slug}).content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Region der Mitte – '
        f'Aktuelles: Presse (Atom)" href="/aktuelles/feed/atom/?kategorie={press.slug}">'
    ) in html
    assert f'href="/aktuelles/feed/?kategorie={press.slug}"' in html
