"""Each kind of content renews exactly the groups its app declares (its `cache.py`),
and a page of another group stays stored: a forum reply leaves the news, the documents
and the directory in the cache."""

import pytest
from django.core.cache import cache

from core import pagecache
from documents.services import document_save
from events.services import event_save
from forums import services as forum_services
from forums.cache import INDEX, forum_group, topic_group
from news.services import article_save
from tests import factories

pytestmark = pytest.mark.django_db

CONTENT = {"news", "documents", "contacts", "events", "forums", "pages", "home"}
SHARED = {"search", "sitemap"}


@pytest.fixture
def renewed(monkeypatch):
    """The groups the writes of a test renew, in the order written."""
    groups: set[str] = set()
    write = pagecache._write

    def recording(renewed_groups):
        groups.update(renewed_groups)
        write(renewed_groups)

    monkeypatch.setattr(pagecache, "_write", recording)
    return groups


def test_a_reply_renews_its_topic_forum_index_and_search_only(renewed):
    """The home page shows the reply through its forum block, which depends on the
    forum index (templates/home.html): the rest of the home page stays stored."""
    forum = factories.forum()
    topic = factories.forum_topic(forum)
    other_topic = factories.forum_topic(forum)
    author = factories.forum_author(forum)
    renewed.clear()
    forum_services.post_create(topic=topic, author=author, body="Wir sind dabei.")
    assert renewed == {
        topic_group(topic.pk),
        forum_group(forum.pk),
        INDEX,
        "search",
        "sitemap",  # the topic's last change
        "any",
    }
    assert topic_group(other_topic.pk) not in renewed


@pytest.mark.parametrize(
    ("write", "expected"),
    [
        pytest.param(
            lambda: article_save(article=factories.article("Neu")),
            {"news", "documents", "events", "home"} | SHARED,
            id="article",
        ),
        pytest.param(
            lambda: document_save(document=factories.document("Analyse")),
            {"documents", "news", "events", "home"} | SHARED,
            id="document",
        ),
        pytest.param(
            lambda: factories.contact_person("Erika Muster"),
            {"contacts", "events", "home"} | SHARED,
            id="contact",
        ),
        pytest.param(
            lambda: event_save(event=factories.event("Fachforum")),
            {"events", "forums", "home"} | SHARED,
            id="event",
        ),
        pytest.param(
            lambda: factories.page("projekt"),
            {"pages", "home"} | SHARED,
            id="page",
        ),
    ],
)
def test_each_kind_of_content_renews_its_groups_and_nothing_else(
    renewed, write, expected
):
    write()
    assert renewed - {"any"} == expected
    assert not (CONTENT - expected) & renewed


def test_a_renamed_author_renews_the_pages_that_show_names(renewed):
    author = factories.user()
    renewed.clear()
    author.display_name = "Neuer Name"
    author.save()
    assert renewed - {"any"} == {"forums", "news", "events", "home", "search"}


def test_new_accounts_sign_ins_and_read_markers_renew_nothing(renewed):
    forum = factories.forum()
    topic = factories.forum_topic(forum)
    renewed.clear()
    reader = factories.user()
    reader.save(update_fields=["last_login"])
    forum_services.topic_mark_read(topic=topic, user=reader, post_id=topic.pk)
    forum_services.topic_follow(topic=topic, user=reader)
    assert renewed == set()


def test_a_model_nobody_declared_renews_everything(renewed, monkeypatch):
    monkeypatch.delitem(pagecache._DECLARED, "pages.goal")
    factories.goal(1)
    assert "all" in renewed


def test_bulk_updates_renew_what_their_rows_renew(renewed):
    from documents.models import Document

    document = factories.document("Analyse")
    renewed.clear()
    pagecache.update(Document.objects.filter(pk=document.pk), title="Neuer Titel")
    assert renewed - {"any"} == {"documents", "news", "events", "home"} | SHARED


def test_a_reply_leaves_news_documents_and_contacts_in_the_cache(
    client, django_assert_num_queries
):
    factories.article("Breitband für Beverungen")
    factories.document("Regionalanalyse")
    factories.contact_person("Erika Muster")
    forum = factories.forum()
    topic = factories.forum_topic(forum)
    others = ["/aktuelles/", "/dokumente/", "/ansprechpersonen/"]
    for path in [*others, topic.get_absolute_url()]:
        assert client.get(path).status_code == 200
    forum_services.post_create(
        topic=topic, author=factories.forum_author(forum), body="Neue Antwort hier."
    )
    with django_assert_num_queries(0):
        for path in others:
            assert client.get(path).status_code == 200
    assert b"Neue Antwort hier." in client.get(topic.get_absolute_url()).content


def test_a_reply_renders_only_the_home_pages_forum_block_again(
    client, django_assert_num_queries
):
    factories.home_content()
    factories.article("Breitband für Beverungen")
    factories.contact_person("Erika Muster", show_on_home=True)
    forum = factories.forum()
    topic = factories.forum_topic(forum, title="Bürgerbus über die Landesgrenze")
    assert "Bürgerbus" in client.get("/").content.decode()
    forum_services.post_create(
        topic=topic, author=factories.forum_author(forum), body="Wir sind dabei."
    )
    # The forum block's topics, and nothing else of the page is read again.
    with django_assert_num_queries(1):
        html = client.get("/").content.decode()
    assert "2 Beiträge" in html
    assert "Breitband für Beverungen" in html
    assert "Erika Muster" in html


def test_a_reply_renders_a_forums_topics_again_but_not_its_events(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    forum = factories.forum()
    factories.event("Fachforum Mobilität", space=forum.space)
    topic = factories.forum_topic(forum)
    assert b"Fachforum Mobilit" in client.get(forum.get_absolute_url()).content
    forum_services.post_create(
        topic=topic, author=factories.forum_author(forum), body="Wir sind dabei."
    )
    with CaptureQueriesContext(connection) as queries:
        html = client.get(forum.get_absolute_url()).content
    assert b"Fachforum Mobilit" in html
    assert queries.captured_queries
    assert not [q for q in queries.captured_queries if "events_event" in q["sql"]]
    # A new event renews the block.
    factories.event("Regionalkonferenz", space=forum.space)
    assert b"Regionalkonferenz" in client.get(forum.get_absolute_url()).content


def test_the_home_page_shows_a_fully_booked_event_at_once(client):
    event = factories.event("Fachforum Mobilität", capacity=1)
    assert "Fachforum Mobilität" in client.get("/").content.decode()
    factories.registration(event)
    assert "Ausgebucht" in client.get("/").content.decode()


def test_a_cache_that_fails_is_a_miss_never_an_error(client, monkeypatch):
    factories.article("Breitband für Beverungen")

    class Broken:
        def __getattr__(self, name):
            def broken(*args, **kwargs):
                raise ConnectionError("no cache")

            return broken

    monkeypatch.setattr(pagecache, "cache", Broken())
    assert b"Breitband" in client.get("/aktuelles/").content
    article_save(article=factories.article("Zweite Meldung"))
    assert b"Zweite Meldung" in client.get("/aktuelles/").content


def _pdf_text(response) -> str:
    import io

    from pypdf import PdfReader

    assert response.status_code == 200
    return "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages
    )


def test_an_articles_pdf_shows_a_renamed_related_document_at_once():
    from django.test import Client

    article = factories.article("Breitband für Beverungen")
    document = factories.document("Regionalanalyse")
    article.related_documents.add(document)
    reader = Client()  # signed in: the PDF is kept by `remember`, not as a page
    reader.force_login(factories.user())
    url = f"{article.get_absolute_url()}pdf/"
    assert "Regionalanalyse" in _pdf_text(reader.get(url))
    assert cache.get(pagecache.CLOCK_KEY) is not None
    document.title = "Strukturanalyse"
    document_save(document=document)
    assert "Strukturanalyse" in _pdf_text(reader.get(url))


def test_stored_results_of_a_search_stay_while_seats_are_booked_and_go_with_content(
    client, django_assert_num_queries
):
    factories.article("Region der Mitte im Aufbruch")
    event = factories.event("Fachforum", capacity=50)
    path = "/suche/?q=Region"
    assert b"Aufbruch" in client.get(path).content
    factories.registration(event)  # renews the event pages, not search results
    with django_assert_num_queries(0):
        client.get(path)
    factories.article("Region der Mitte vernetzt")
    assert b"vernetzt" in client.get(path).content
