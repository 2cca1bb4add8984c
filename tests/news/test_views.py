import datetime
import re

import pytest
from django.utils import timezone

from news.models import Article
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def fifty_articles():
    """Realistic data: categories, states, some with images, some drafts."""
    categories = [
        factories.news_category(name)
        for name in ("Projekt", "Veranstaltung", "Förderung", "Presse")
    ]
    author = factories.editor()
    articles = []
    for number in range(50):
        articles.append(
            factories.article(
                f"Nachricht Nummer {number}",
                category=categories[number % 4],
                author=author,
                state_he=number % 2 == 0,
                state_ni=number % 3 == 0,
                state_nw=True,
                published_at=timezone.now() - datetime.timedelta(days=number * 20),
                image=factories.image_upload(size=(600, 400)) if number < 3 else None,
            )
        )
    factories.draft("Ein Entwurf")
    return articles


# --- list ---------------------------------------------------------------------


def test_list_shows_published_articles_ten_per_page(client, fifty_articles):
    response = client.get("/aktuelles/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<li class="news-item') == 10
    assert "Nachricht Nummer 0<" in html
    assert "Ein Entwurf" not in html
    assert "50 Artikel" in html
    page_five = client.get("/aktuelles/?seite=5").content.decode()
    assert "Nachricht Nummer 49<" in page_five


def test_list_runs_a_bounded_number_of_queries(
    client, fifty_articles, django_assert_max_num_queries
):
    client.get("/aktuelles/")  # fills the cache of the footer's operator
    # cache, count, categories, years, the page (category and author joined).
    with django_assert_max_num_queries(5):
        assert client.get("/aktuelles/?seite=4").status_code == 200
    # … and the chosen category.
    with django_assert_max_num_queries(6):
        response = client.get("/aktuelles/?kategorie=projekt&land=NW")
    assert response.status_code == 200


def test_list_filters_by_category_state_and_year(client):
    now = timezone.now()
    event = factories.news_category("Veranstaltung")
    match = factories.article(
        "Treffer", category=event, state_ni=True, published_at=now.replace(year=2023)
    )
    factories.article(
        "Falsche Kategorie", state_ni=True, published_at=match.published_at
    )
    factories.article(
        "Falsches Land", category=event, state_he=True, published_at=match.published_at
    )
    factories.article(
        "Falsches Jahr",
        category=event,
        state_ni=True,
        published_at=now.replace(year=2022),
    )
    html = client.get("/aktuelles/?kategorie=veranstaltung&land=NI&jahr=2023").content
    html = html.decode()
    assert "Treffer" in html
    for other in ("Falsche Kategorie", "Falsches Land", "Falsches Jahr"):
        assert other not in html


def test_list_filter_labels_are_german_and_offer_only_years_with_news(client):
    factories.article(published_at=timezone.now().replace(year=2022))
    factories.draft()
    html = client.get("/aktuelles/").content.decode()
    for label in ("Kategorie", "Bundesland", "Jahr", "Alle Kategorien", "Alle Jahre"):
        assert label in html
    years = re.findall(r'<option value="(\d{4})"', html)
    assert years == ["2022"]


def test_paging_keeps_the_filters(client, fifty_articles):
    html = client.get("/aktuelles/?land=NW").content.decode()
    assert "?land=NW&amp;seite=2" in html


@pytest.mark.parametrize(
    "query",
    ["?land=XX", "?kategorie=gibt-es-nicht", "?jahr=zwei", "?jahr=1999&land=HE"],
)
def test_invalid_filters_show_an_empty_list_not_an_error(client, query):
    factories.article()
    response = client.get("/aktuelles/" + query)
    assert response.status_code == 200
    assert "Keine Artikel passen zu diesen Filtern." in response.content.decode()


@pytest.mark.parametrize("page", ["99", "abc"])
def test_a_page_beyond_the_list_is_not_found(client, page):
    factories.article()
    assert client.get(f"/aktuelles/?seite={page}").status_code == 404


# --- detail -------------------------------------------------------------------


def test_article_page_shows_everything_a_reader_needs(client):
    author = factories.editor(display_name="Redaktion Wolfhagen")
    article = factories.article(
        "Fachforum in Beverungen",
        teaser="Fünf Kreise und 13 Kommunen.",
        body="## Ergebnisse\n\nDer **Werkzeugkasten** wächst.",
        category=factories.news_category("Veranstaltung"),
        author=author,
        state_he=True,
        state_ni=True,
        state_nw=True,
        published_at=datetime.datetime(2023, 6, 2, 9, 0, tzinfo=datetime.UTC),
        image=factories.image_upload(size=(2000, 1000)),
        image_alt="Teilnehmende im Saal",
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count("<h1") == 1
    assert 'aria-current="page">Fachforum in Beverungen</a>' in html
    assert '<a href="/aktuelles/">Aktuelles</a>' in html
    assert "2. Juni 2023" in html
    assert "länderübergreifend" in html
    assert "<h2>Ergebnisse</h2>" in html
    assert "Redaktion Wolfhagen" in html
    assert author.email not in html
    # The image: responsive, with its size against layout shift, and described.
    img = re.search(r'<img src="[^"]+" srcset="[^"]+"[^>]*>', html).group(0)
    assert "480w" in img and "960w" in img and "1600w" in img
    assert 'width="1600" height="800"' in img
    assert 'alt="Teilnehmende im Saal"' in img
    # For search engines and link previews.
    url = f"http://testserver{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:title" content="Fachforum in Beverungen">' in html
    assert '<meta name="description" content="Fünf Kreise und 13 Kommunen.">' in html
    assert '<meta property="og:image" content="http://testserver/media/news/' in html
    assert '<meta property="og:image:alt" content="Teilnehmende im Saal">' in html
    assert 'type="application/rss+xml"' in html
    assert 'type="application/atom+xml"' in html
    assert f"/aktuelles/{article.slug}/pdf/" in html


def test_article_page_lists_three_more_published_articles(client):
    others = [factories.article(f"Weitere {n}") for n in range(5)]
    factories.draft("Geheimer Entwurf")
    article = factories.article("Hauptartikel")
    html = client.get(article.get_absolute_url()).content.decode()
    more = html.split('id="more-news-heading"')[1]
    assert "Weitere Nachrichten" in html
    assert more.count('<li class="card') == 3
    assert "Hauptartikel</a>" not in more
    assert others[0].title in more
    assert "Geheimer Entwurf" not in html


def test_article_page_lists_only_published_related_documents(client):
    from documents.models import Document

    online = factories.document("Strategisches Regionales Entwicklungskonzept")
    hidden = factories.document("Unfertiger Bericht", status=Document.Status.DRAFT)
    article = factories.article()
    article.related_documents.add(online, hidden)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Zugehörige Dokumente" in html
    assert online.get_absolute_url() in html
    assert "Unfertiger Bericht" not in html


def test_article_page_runs_a_bounded_number_of_queries(
    client, fifty_articles, django_assert_max_num_queries
):
    article = fifty_articles[1]
    article.related_documents.add(factories.document(), factories.document())
    client.get("/aktuelles/")  # fills the cache of the footer's operator
    # cache, the article (category and author joined), its documents, three more.
    with django_assert_max_num_queries(4):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200


def test_markdown_attack_in_a_body_renders_harmless_on_the_page(client):
    article = factories.article(
        body='<script>alert("x")</script>\n\n[klick](javascript:alert(1))\n\n'
        "<img src=x onerror=alert(1)>"
    )
    html = client.get(article.get_absolute_url()).content.decode()
    body = html.split('<div class="prose">')[1].split("</div>")[0]
    assert "<script" not in body
    assert "javascript:" not in body
    assert "onerror" not in body


# --- drafts and scheduled articles --------------------------------------------


@pytest.mark.parametrize("make", [factories.draft, factories.scheduled])
def test_unpublished_articles_are_not_found_by_readers(client, make):
    article = make("Noch nicht öffentlich")
    url = article.get_absolute_url()
    assert client.get(url).status_code == 404
    for person in (
        factories.user(),
        factories.moderator(),
        factories.user(is_staff=True),  # staff without the editors' role
    ):
        client.force_login(person)
        assert client.get(url).status_code == 404
    assert client.get(f"{url}pdf/").status_code == 404


def test_editors_preview_a_draft_with_a_clear_banner(client):
    article = factories.draft("Mein Entwurf")
    client.force_login(factories.editor())
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Entwurf:" in html
    assert "Nur die Redaktion sieht ihn." in html
    assert f"/admin/news/article/{article.pk}/change/" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "/pdf/" not in html


def test_editors_see_when_a_scheduled_article_appears(client):
    moment = datetime.datetime(2031, 5, 30, 8, 0, tzinfo=datetime.UTC)
    article = factories.article("Später", published_at=moment)
    client.force_login(factories.editor())
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Geplant:" in html
    assert "am 30. Mai 2031 um 10:00 Uhr" in html


def test_a_scheduled_article_goes_online_by_itself_at_its_time(client):
    import time_machine

    moment = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=5)
    article = factories.article("Pünktlich", published_at=moment)
    urls = ["/aktuelles/", "/aktuelles/feed/", "/", "/sitemap.xml"]
    with time_machine.travel(moment - datetime.timedelta(seconds=1), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 404
        for url in urls:
            assert article.slug not in client.get(url).content.decode(), url
    with time_machine.travel(moment, tick=False):
        assert client.get(article.get_absolute_url()).status_code == 200
        for url in urls:
            assert article.slug in client.get(url).content.decode(), url


# --- PDF ----------------------------------------------------------------------


def test_article_pdf_is_a_tagged_attachment(client):
    from io import BytesIO

    from pypdf import PdfReader

    article = factories.article(
        "Nachbarschaftsforum in Uslar",
        slug="nachbarschaftsforum-uslar",
        image=factories.image_upload(size=(900, 600)),
    )
    response = client.get(f"/aktuelles/{article.slug}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="nachbarschaftsforum-uslar.pdf"'
    )
    reader = PdfReader(BytesIO(response.content))
    assert "Nachbarschaftsforum in Uslar" in reader.pages[0].extract_text()
    assert reader.metadata.title.startswith("Nachbarschaftsforum in Uslar")
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_a_relative_link_in_the_article_pdf_leads_to_the_portals_address(
    client, settings
):
    from io import BytesIO

    from pypdf import PdfReader

    settings.SITE_URL = "https://www.regiondermitte.de"
    article = factories.article(
        "SREK herunterladen",
        body="Das Konzept.\n\n[Laden Sie das SREK hier herunter.](/srek/)",
        image=factories.image_upload(size=(900, 600)),
    )
    response = client.get(f"/aktuelles/{article.slug}/pdf/")
    reader = PdfReader(BytesIO(response.content))
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
    ]
    assert links == ["https://www.regiondermitte.de/srek/"]
    text = reader.pages[0].extract_text()
    assert f"Online: https://www.regiondermitte.de/aktuelles/{article.slug}/" in text
    # The picture is still in it: the portal's own media, read from storage.
    assert len(reader.pages[0].images) == 1


# --- home, sitemap ------------------------------------------------------------


def test_home_shows_the_newest_news_with_the_featured_one_first(
    client, django_assert_max_num_queries
):
    factories.article("SREK herunterladen", featured=True)
    for number in range(6):
        factories.article(f"Meldung {number}")
    factories.draft("Entwurf auf der Startseite")
    factories.scheduled("Geplant auf der Startseite")
    html = client.get("/").content.decode()
    block = html.split('id="home-news-heading"')[1].split("</section>")[0]
    titles = re.findall(
        r'class="home-news__title"[^>]*><a href="[^"]+">([^<]+)<', block
    )
    assert titles == ["SREK herunterladen", "Meldung 0", "Meldung 1", "Meldung 2"]
    assert "Aktuelle Nachrichten" in html
    assert (
        'href="/aktuelles/"><span aria-hidden="true">→ </span>Weitere Nachrichten'
        in (block)
    )
    assert "Entwurf auf der Startseite" not in html
    assert "Geplant auf der Startseite" not in html


def test_sitemap_lists_only_published_articles(client):
    online = factories.article()
    draft = factories.draft()
    scheduled = factories.scheduled()
    xml = client.get("/sitemap.xml").content.decode()
    assert f"/aktuelles/{online.slug}/" in xml
    assert f"/aktuelles/{draft.slug}/" not in xml
    assert f"/aktuelles/{scheduled.slug}/" not in xml


def test_article_count_in_the_fixture_is_realistic(fifty_articles):
    assert Article.objects.published().count() == 50
