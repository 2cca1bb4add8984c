import datetime
import re
from io import StringIO
from zoneinfo import ZoneInfo

import pytest

from demo.loaders import accounts as accounts_demo
from demo.loaders import news as demo
from news.models import Article, Category

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    accounts_demo.load(stdout=StringIO())
    demo.load(stdout=StringIO())


def test_demo_news_loads_once_and_a_second_run_changes_nothing(loaded):
    snapshot = list(Article.objects.values().order_by("pk"))
    categories = list(Category.objects.values().order_by("pk"))
    demo.load(stdout=StringIO())
    assert list(Article.objects.values().order_by("pk")) == snapshot
    assert list(Category.objects.values().order_by("pk")) == categories


def test_demo_tells_the_projects_history_in_the_four_categories(loaded):
    assert list(Category.objects.values_list("name", flat=True)) == [
        "Projekt",
        "Veranstaltung",
        "Förderung",
        "Presse",
    ]
    published = Article.objects.published()
    assert published.count() >= 6
    texts = " ".join(a.title + a.teaser + a.body for a in published)
    for fact in (
        "mehr als 35",
        "Atlas der Region",
        "5. Dezember 2022",
        "Kulturbahnhof Uslar",
        "Gewerbliche Entwicklung im Dreiländereck",
        "30. Mai 2023",
        "Beverungen",
        "13 Kommunen",
        "Ende November 2021",
        "700.000 Euro",
    ):
        assert fact in texts, fact
    assert {a.author.email for a in published} == {"redaktion@demo.regiondermitte.de"}


def test_demo_images_are_described_and_come_in_responsive_sizes(loaded):
    pictured = Article.objects.exclude(image="")
    assert pictured.count() >= 2
    for article in pictured:
        assert len(article.image_alt) > 40
        # Re-encoded by the service from the 1600 × 900 file under demo/media/news/.
        assert [r["width"] for r in article.image_renditions] == [480, 960, 1600]
        assert article.image.name.endswith(".jpg")


def test_demo_articles_keep_their_dates_states_and_status(loaded):
    kick_off = Article.objects.get(slug="digitaler-auftakt-atlas-der-region")
    berlin = ZoneInfo("Europe/Berlin")
    assert kick_off.published_at == datetime.datetime(2022, 3, 31, 11, tzinfo=berlin)
    assert kick_off.category.slug == "veranstaltung"
    assert kick_off.is_cross_state
    press = Article.objects.get(slug="portal-region-der-mitte-online")
    assert press.states == ["HE"]
    assert press.status == Article.Status.PUBLISHED
    assert "<h2>" in kick_off.body_html
    draft = Article.objects.get(status=Article.Status.DRAFT)
    assert draft.published_at is None


def test_the_srek_is_the_featured_first_item_on_the_home_page(loaded, client):
    html = client.get("/").content.decode()
    block = html.split('id="home-news-heading"')[1].split("</section>")[0]
    titles = re.findall(
        r'class="home-news__title"[^>]*><a href="[^"]+">([^<]+)<', block
    )
    assert titles[0] == (
        "Laden Sie das Strategische Regionale Entwicklungskonzept für die Region "
        "der Mitte herunter"
    )
    assert len(titles) == 4
    srek = Article.objects.get(slug="srek-herunterladen")
    assert srek.featured
    assert "Wir freuen uns, Ihnen das aktuelle Strategische Regionale" in srek.teaser


def test_the_demo_draft_stays_hidden(loaded, client):
    draft = Article.objects.get(status=Article.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft.title not in client.get("/aktuelles/").content.decode()


def test_the_srek_article_links_the_srek_document_when_the_documents_demo_ran(client):
    from demo.loaders import documents as documents_demo
    from documents.models import Document

    accounts_demo.load(stdout=StringIO())
    documents_demo.load(stdout=StringIO())
    demo.load(stdout=StringIO())
    srek = Document.objects.current_srek()
    assert srek is not None
    article = Article.objects.get(slug="srek-herunterladen")
    assert list(article.related_documents.all()) == [srek]
    html = client.get(article.get_absolute_url()).content.decode()
    assert srek.get_absolute_url() in html

    # An editor's change stays: a second run does not bring the relation back.
    article.related_documents.clear()
    demo.load(stdout=StringIO())
    assert not article.related_documents.exists()
