"""The library's pages, downloads, /srek/, versions, and drafts hidden everywhere."""

import datetime
import re
from urllib.parse import quote

import pytest
import time_machine
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone

from documents.models import Category, Document, DownloadCount
from tests import factories

pytestmark = pytest.mark.django_db

LIST = "/dokumente/"


def srek(**fields) -> Document:
    fields.setdefault("slug", "srek")
    fields.setdefault("category", Category.SREK)
    fields.setdefault("featured", True)
    fields.setdefault("pages", 3)
    return factories.document("Strategisches Regionales Entwicklungskonzept", **fields)


# --- list -------------------------------------------------------------------


def test_list_shows_type_size_pages_and_a_thumbnail(client):
    factories.document("Regionalanalyse", pages=12, category=Category.REGIONAL_ANALYSIS)
    response = client.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Regionalanalyse" in html
    assert "PDF, " in html and "KB" in html and "12 Seiten" in html
    assert 'class="document-thumb"' in html
    assert "Titelseite von „Regionalanalyse“" in html


def test_list_sizes_are_written_the_german_way(client):
    document = factories.document("Groß")
    Document.objects.filter(pk=document.pk).update(file_size=2_516_582)
    assert "2,4\xa0MB" in client.get(LIST).content.decode()


def test_list_filters_by_category_state_and_year(client):
    factories.document(
        "Toolbox Hessen",
        category=Category.TOOLBOX,
        state_he=True,
        published_on=datetime.date(2023, 5, 1),
    )
    factories.document(
        "Protokoll Niedersachsen",
        category=Category.MINUTES,
        state_ni=True,
        published_on=datetime.date(2024, 5, 1),
    )
    by_category = client.get(LIST, {"kategorie": "werkzeugkasten"}).content.decode()
    assert "Toolbox Hessen" in by_category
    assert "Protokoll Niedersachsen" not in by_category
    by_state = client.get(LIST, {"land": "NI"}).content.decode()
    assert "Protokoll Niedersachsen" in by_state
    assert "Toolbox Hessen" not in by_state
    by_year = client.get(LIST, {"jahr": "2023"}).content.decode()
    assert "Toolbox Hessen" in by_year
    assert "Protokoll Niedersachsen" not in by_year


def test_list_category_slugs_are_german():
    assert [c.value for c in Category] == [
        "srek",
        "regionalanalyse",
        "werkzeugkasten",
        "protokoll",
        "praesentation",
        "sonstiges",
    ]


def test_an_unknown_filter_value_is_no_error(client):
    factories.document("Da")
    response = client.get(LIST, {"kategorie": "gibtsnicht", "jahr": "abc"})
    assert response.status_code == 200


def test_list_pages_with_seite_and_keeps_the_filters(client):
    for number in range(25):
        factories.document(f"Werkzeug {number}", category=Category.TOOLBOX)
    response = client.get(LIST, {"kategorie": "werkzeugkasten"})
    html = response.content.decode()
    assert "kategorie=werkzeugkasten&amp;seite=2" in html
    second = client.get(LIST, {"kategorie": "werkzeugkasten", "seite": 2})
    assert second.status_code == 200
    assert len(second.context["documents"]) == 5


def test_toolbox_list_offers_the_handout(client):
    factories.document("Argumentationshilfe", category=Category.TOOLBOX)
    html = client.get(LIST, {"kategorie": "werkzeugkasten"}).content.decode()
    assert reverse("documents:handout-pdf") in html
    assert "Als PDF herunterladen" in html
    assert reverse("documents:handout-pdf") not in client.get(LIST).content.decode()


def test_list_shows_only_current_versions_unless_asked(client):
    older = srek(slug="srek-alt", version_label="Entwurf", featured=False)
    srek(version_label="Fassung 2024", replaces=older)
    default = client.get(LIST)
    assert [d.slug for d in default.context["documents"]] == ["srek"]
    everything = client.get(LIST, {"versionen": "alle"})
    assert {d.slug for d in everything.context["documents"]} == {"srek", "srek-alt"}
    assert "ersetzt" in everything.content.decode()


def test_list_query_count_is_bounded(client, django_assert_max_num_queries):
    for number in range(50):
        factories.document(
            f"Dokument {number}",
            category=list(Category)[number % 6],
            state_he=number % 2 == 0,
            state_nw=number % 3 == 0,
        )
    client.get(LIST)  # the footer's operator comes from the cache after this
    # count, years for the filter, the page's documents, the cached operator
    with django_assert_max_num_queries(4):
        response = client.get(LIST, {"land": "HE"})
    assert response.status_code == 200
    editor = factories.editor()
    client.force_login(editor)
    with django_assert_max_num_queries(9):
        assert client.get(LIST).status_code == 200


# --- detail -----------------------------------------------------------------


def test_detail_shows_cover_description_and_metadata(client):
    document = factories.document(
        "Regionalanalyse",
        pages=7,
        description="Die **Analyse** zeigt Pendlerströme.",
        version_label="2. Auflage",
        category=Category.REGIONAL_ANALYSIS,
        state_he=True,
        state_ni=True,
    )
    response = client.get(document.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Analyse</strong>" in html
    assert document.cover.url in html
    assert "2. Auflage" in html
    assert "Hessen, Niedersachsen" in html
    assert document.get_download_url() in html
    assert "<h1" in html and html.count("<h1") == 1


def test_detail_lists_versions_newest_first_and_marks_the_replaced(client):
    first = srek(
        slug="srek-2022",
        version_label="Entwurf 2022",
        featured=False,
        published_on=datetime.date(2022, 1, 1),
    )
    second = srek(
        slug="srek-2023",
        version_label="Fassung 2023",
        featured=False,
        replaces=first,
        published_on=datetime.date(2023, 1, 1),
    )
    third = srek(
        version_label="Fassung 2024",
        replaces=second,
        published_on=datetime.date(2024, 1, 1),
    )
    response = client.get(third.get_absolute_url())
    versions = response.context["versions"]
    assert [v.slug for v in versions] == ["srek", "srek-2023", "srek-2022"]
    assert [v.is_replaced for v in versions] == [False, True, True]
    html = response.content.decode()
    assert html.count("badge--muted") == 2
    assert "Diese Fassung ist ersetzt" not in html


def test_a_replaced_version_names_the_current_one(client):
    older = srek(slug="srek-alt", version_label="Entwurf", featured=False)
    current = srek(version_label="Fassung 2024", replaces=older)
    response = client.get(older.get_absolute_url())
    assert response.status_code == 200
    assert response.context["current_version"] == current
    html = response.content.decode()
    assert "Diese Fassung ist ersetzt" in html
    assert f'href="{current.get_absolute_url()}"' in html


def test_a_draft_new_version_does_not_replace_the_published_one(client):
    older = srek(slug="srek-alt", version_label="Fassung 2023")
    srek(
        version_label="Fassung 2024",
        replaces=older,
        status=Document.Status.DRAFT,
    )
    response = client.get(older.get_absolute_url())
    assert response.context["document"].is_replaced is False
    assert "srek" not in {d.slug for d in client.get(LIST).context["documents"]}
    assert Document.objects.current_srek() == older


def test_versions_share_a_series_also_when_the_chain_grows_backwards():
    a = factories.document("A")
    b = factories.document("B", replaces=a)
    c = factories.document("C", replaces=b)
    assert a.series == b.series == c.series


def test_a_document_cannot_replace_its_own_newer_version():
    from django.core.exceptions import ValidationError

    from documents.services import document_save

    a = factories.document("A")
    b = factories.document("B", replaces=a)
    a.replaces = b
    with pytest.raises(ValidationError) as error:
        document_save(document=a)
    assert "replaces" in error.value.message_dict


def _article(title: str, *, status: str, documents) -> None:
    from news.models import Article
    from news.models import Category as NewsCategory
    from news.services import article_save

    category, _ = NewsCategory.objects.get_or_create(name="Projekt")
    article = article_save(
        article=Article(
            title=title, teaser="Kurz.", body="Text.", category=category, status=status
        )
    )
    article.related_documents.add(*documents)


def test_detail_shows_related_published_news(client):
    document = factories.document("SREK")
    _article("Das SREK ist da", status="published", documents=[document])
    _article("Geheimer Entwurf", status="draft", documents=[document])
    html = client.get(document.get_absolute_url()).content.decode()
    assert "Das SREK ist da" in html
    assert "Geheimer Entwurf" not in html


def test_related_news_show_their_publication_date(client):
    # The list once asked for `article.date`, which articles do not have: an empty
    # `<time datetime="">` after a lone "·".
    document = factories.document("SREK")
    article = factories.article(
        "Das SREK ist da",
        published_at=datetime.datetime(
            2024, 5, 6, 8, 30, 15, 123456, tzinfo=datetime.UTC
        ),
    )
    article.related_documents.add(document)
    html = client.get(document.get_absolute_url()).content.decode()
    # Berlin time, to the second: HTML allows three digits of a fraction at most.
    assert '<time datetime="2024-05-06T10:30:15+0200">6. Mai 2024</time>' in html


def test_detail_query_count_is_bounded(client, django_assert_max_num_queries):
    previous = None
    for number in range(50):
        previous = factories.document(
            f"Fassung {number}",
            replaces=previous,
            published_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=number),
        )
    _article("Fünfzig Fassungen", status="published", documents=[previous])
    client.get(previous.get_absolute_url())
    factories.forget_stored_pages()
    # the document, its versions, the related news, the cached operator
    with django_assert_max_num_queries(4):
        response = client.get(previous.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["versions"]) == 50


# --- download ---------------------------------------------------------------


def test_download_is_an_attachment_with_a_german_name_and_nosniff(client):
    document = factories.document(
        "Übersicht Fördermaßnahmen", version_label="März 2024"
    )
    response = client.get(document.get_download_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    name = "Übersicht Fördermaßnahmen März 2024.pdf"
    assert f"filename*=utf-8''{quote(name)}" in disposition
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "no-cache" in response["Cache-Control"]


def test_download_content_type_follows_the_checked_type(client):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30)).save(buffer, "PNG")
    document = factories.document(
        "Karte",
        file=factories.upload(buffer.getvalue(), "karte.pdf", "application/pdf"),
    )
    response = client.get(document.get_download_url())
    assert response["Content-Type"] == "image/png"
    assert 'filename="Karte.png"' in response["Content-Disposition"]


def test_downloads_are_counted_per_day_without_personal_data(client):
    document = factories.document("Zählung", published_on=datetime.date(2024, 1, 1))
    url = document.get_download_url()
    with time_machine.travel(datetime.datetime(2024, 5, 2, 10, tzinfo=datetime.UTC)):
        client.get(url)
        client.get(url)
        client.head(url)
    with time_machine.travel(datetime.datetime(2024, 5, 3, 10, tzinfo=datetime.UTC)):
        client.get(url)
    rows = list(DownloadCount.objects.order_by("day").values("day", "count"))
    assert rows == [
        {"day": datetime.date(2024, 5, 2), "count": 2},
        {"day": datetime.date(2024, 5, 3), "count": 1},
    ]
    fields = {field.name for field in DownloadCount._meta.get_fields()}
    assert fields == {"id", "document", "day", "count"}
    assert not client.cookies


def test_the_counter_is_incremented_in_the_database(django_assert_num_queries):
    from documents.services import document_record_download

    document = factories.document("Zählung")
    document_record_download(document=document)
    with django_assert_num_queries(1) as captured:
        document_record_download(document=document)
    assert '"count" + 1' in captured.captured_queries[0]["sql"].replace("`", '"')
    assert DownloadCount.objects.get().count == 2


def test_a_missing_file_is_a_404_not_a_500(client):
    document = factories.document("Weg")
    document.file.storage.delete(document.file.name)
    assert client.get(document.get_download_url()).status_code == 404


# --- /srek/ and the home page ----------------------------------------------


def test_srek_redirects_to_the_current_srek(client):
    older = srek(slug="srek-alt", version_label="Entwurf")
    current = srek(version_label="Fassung 2024", replaces=older)
    response = client.get("/srek/")
    assert response.status_code == 302
    assert response["Location"] == current.get_absolute_url()


def test_srek_is_404_without_a_published_featured_srek(client):
    srek(featured=False)
    assert client.get("/srek/").status_code == 404


def test_home_shows_the_srek_cover_as_a_download_link(client):
    document = srek(pages=12)
    html = client.get("/").content.decode()
    assert f'href="{document.get_download_url()}"' in html
    assert document.cover.url in html
    assert "SREK herunterladen (PDF, " in html
    assert (
        "Klicken Sie einfach per Mausklick auf das Bild, um das SREK zu laden." in html
    )


def test_home_offers_the_srek_as_a_text_link_with_pages_and_size(client):
    document = srek(pages=6)
    html = client.get("/").content.decode()
    size = filesizeformat(document.file_size).replace("\xa0", " ")
    link = re.search(
        rf'<a href="{re.escape(document.get_download_url())}" download>([^<]*)</a>',
        html,
    )
    assert link, "no text link to the SREK beside its cover"
    assert link.group(1).replace("\xa0", " ") == (
        f"SREK herunterladen (PDF, 6 Seiten, {size})"
    )


def test_home_has_no_srek_block_without_a_srek(client):
    factories.document("Anderes", featured=True)
    assert "home-srek" not in client.get("/").content.decode()


# --- drafts hidden everywhere ----------------------------------------------


@pytest.fixture
def hidden():
    """A draft SREK, a toolbox draft and a toolbox item scheduled for tomorrow."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    return [
        srek(slug="srek-entwurf", status=Document.Status.DRAFT),
        factories.document(
            "Geheimer Werkzeug-Entwurf",
            slug="werkzeug-entwurf",
            category=Category.TOOLBOX,
            status=Document.Status.DRAFT,
        ),
        factories.document(
            "Werkzeug von morgen",
            slug="werkzeug-morgen",
            category=Category.TOOLBOX,
            published_on=tomorrow,
        ),
    ]


def readers():
    return [None, factories.user(), factories.moderator()]


def test_drafts_are_hidden_from_the_list(client, hidden):
    for reader in readers():
        if reader:
            client.force_login(reader)
        slugs = {d.slug for d in client.get(LIST).context["documents"]}
        assert not slugs & {d.slug for d in hidden}


def test_drafts_are_404_on_detail_and_download(client, hidden):
    for reader in readers():
        if reader:
            client.force_login(reader)
        for document in hidden:
            assert client.get(document.get_absolute_url()).status_code == 404
            assert client.get(document.get_download_url()).status_code == 404
    assert not DownloadCount.objects.exists()


def test_drafts_are_not_in_the_sitemap(client, hidden):
    shown = factories.document("Öffentlich", slug="oeffentlich")
    xml = client.get("/sitemap.xml").content.decode()
    assert shown.get_absolute_url() in xml
    for document in hidden:
        assert document.get_absolute_url() not in xml


def test_drafts_are_not_on_the_home_page_or_at_srek(client, hidden):
    html = client.get("/").content.decode()
    assert "home-srek" not in html
    assert client.get("/srek/").status_code == 404


def test_drafts_are_not_in_the_handout(client, hidden):
    import io

    from pypdf import PdfReader

    factories.document("Öffentliches Werkzeug", category=Category.TOOLBOX)
    response = client.get(reverse("documents:handout-pdf"))
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Öffentliches Werkzeug" in text
    assert "Geheimer" not in text
    assert "morgen" not in text


def test_editors_see_drafts_marked_and_their_downloads_are_not_counted(client, hidden):
    client.force_login(factories.editor())
    response = client.get(LIST)
    assert {d.slug for d in hidden} <= {d.slug for d in response.context["documents"]}
    html = client.get(hidden[0].get_absolute_url()).content.decode()
    assert "Entwurf" in html
    assert client.get(hidden[0].get_download_url()).status_code == 200
    assert not DownloadCount.objects.exists()
