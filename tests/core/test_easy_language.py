"""Texts in Leichte Sprache on articles, documents, events and pages: the block on the
page, the mark in lists, the filter "nur mit Leichter Sprache"."""

import pytest

from core import markdown
from tests import factories

pytestmark = pytest.mark.django_db

EASY = "Das ist ein Satz.\nDas ist noch ein Satz.\n\n- Punkt 1\n- Punkt 2"
MARK = "Auch in Leichter Sprache"


def test_easy_text_keeps_one_sentence_a_line_and_is_sanitized():
    article = factories.article(easy_text=EASY + '\n\n<script>alert("x")</script>')

    assert article.has_easy_text
    assert "Das ist ein Satz.<br>" in article.easy_text_html
    assert "<li>Punkt 1</li>" in article.easy_text_html
    assert "<script" not in article.easy_text_html
    # Other Markdown keeps joining lines into one paragraph.
    assert "<br>" not in markdown.render("Eins.\nZwei.")


def test_blank_easy_text_is_no_easy_text():
    assert not factories.article(easy_text="  \n ").has_easy_text


def test_article_shows_the_easy_language_block(client):
    article = factories.article(easy_text=EASY)
    plain = factories.article()

    html = client.get(article.get_absolute_url()).content.decode()
    assert '<h2 id="easy-language-heading">' in html
    assert "In Leichter Sprache" in html
    assert 'lang="de"><p>Das ist ein Satz.<br>' in html
    assert "easy-language" not in client.get(plain.get_absolute_url()).content.decode()


def test_news_list_marks_and_filters_easy_language(
    client, django_assert_max_num_queries
):
    easy = factories.article("Leichte Nachricht", easy_text=EASY)
    for number in range(20):
        factories.article(f"Schwere Nachricht {number}")

    html = client.get("/aktuelles/").content.decode()
    assert html.count(MARK) == 1
    assert 'name="leichte_sprache"' in html
    assert "nur mit Leichter Sprache" in html

    with django_assert_max_num_queries(8):
        response = client.get("/aktuelles/?leichte_sprache=ja")
    html = response.content.decode()
    assert easy.title in html
    assert "Schwere Nachricht" not in html
    assert 'name="leichte_sprache" value="ja" id="id_leichte_sprache" checked' in html


def test_document_shows_block_mark_and_filter(client):
    easy = factories.document("SREK", easy_text=EASY)
    factories.document("Sitzungsniederschrift Uslar")

    detail = client.get(easy.get_absolute_url()).content.decode()
    assert "In Leichter Sprache" in detail
    listing = client.get("/dokumente/").content.decode()
    assert listing.count(MARK) == 1
    filtered = client.get("/dokumente/?leichte_sprache=ja").content.decode()
    assert "SREK" in filtered
    assert "Sitzungsniederschrift Uslar" not in filtered


def test_event_shows_block_mark_and_filter(client):
    easy = factories.event("Forum in Leichter Sprache", easy_text=EASY)
    factories.event("Fachforum Mobilität")

    detail = client.get(easy.get_absolute_url()).content.decode()
    assert '<h2 id="easy-language-heading">' in detail
    listing = client.get("/veranstaltungen/").content.decode()
    assert listing.count(MARK) == 1
    filtered = client.get("/veranstaltungen/?leichte_sprache=ja").content.decode()
    assert easy.title in filtered
    assert "Fachforum Mobilität" not in filtered


def test_argument_card_shows_block_mark_and_filter(client):
    easy = factories.argument_card("Gewerbe·gebiet über die Grenze", easy_text=EASY)
    factories.argument_card("Radwege an der Weser")

    detail = client.get(easy.get_absolute_url()).content.decode()
    assert '<h2 id="easy-language-heading">' in detail
    listing = client.get("/werkzeugkasten/").content.decode()
    assert listing.count(MARK) == 1
    filtered = client.get("/werkzeugkasten/?leichte_sprache=ja").content.decode()
    assert easy.title in filtered
    assert "Radwege an der Weser" not in filtered


def test_page_shows_its_easy_language_block(client):
    factories.operator()
    page = factories.page("projekt", title="Projekt", easy_text=EASY)

    html = client.get(page.get_absolute_url()).content.decode()

    assert "In Leichter Sprache" in html
    assert "Das ist noch ein Satz." in html
