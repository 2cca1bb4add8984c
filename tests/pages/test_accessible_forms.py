"""BITV 2.0 § 4: the Leichte Sprache page and the sign-language page, one step from
the header of every page; the videos' uploads checked by content."""

import pytest
from django.core.exceptions import ValidationError

from pages.admin import SignLanguageVideoForm
from pages.videos import validate_captions, validate_video, video_kind
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/impressum/", "/aktuelles/", "/gibt-es-nicht/"])
def test_every_page_links_easy_language_and_sign_language_in_the_header(client, path):
    factories.home_content()
    factories.page("impressum", title="Impressum")

    html = client.get(path).content.decode()
    header = html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]

    assert 'href="/leichte-sprache/" lang="de"' in header
    assert 'href="/gebaerdensprache/" lang="de"' in header
    assert "/static/img/leichte-sprache" in header
    assert "/static/img/gebaerdensprache" in header


def test_easy_language_page_keeps_one_sentence_a_line(client):
    factories.operator()
    page = factories.page(
        "leichte-sprache", title="Leichte Sprache", body="Satz 1.\nSatz 2."
    )

    html = client.get("/leichte-sprache/").content.decode()

    assert "<p>Satz 1.<br>\nSatz 2.</p>" in html
    assert "page--leichte-sprache" in html
    assert 'href="/leichte-sprache/" lang="de" aria-current="page"' in html
    assert page.body_html.count("<br>") == 1


def test_demo_easy_language_page_has_the_four_explanations(client):
    import io

    from demo.loaders import pages as demo

    factories.operator()
    demo.load(stdout=io.StringIO())
    html = client.get("/leichte-sprache/").content.decode()

    for heading in [
        "Was gibt es auf dieser Internet·seite?",
        "So finden Sie sich auf der Internet·seite zurecht",
        "Was steht in der Erklärung zur Barriere·freiheit?",
        "Was gibt es noch in Leichter Sprache und in Gebärden·sprache?",
    ]:
        assert f">{heading}</h2>" in html
    statement = client.get("/barrierefreiheit/").content.decode()
    assert "in Vorbereitung" not in statement
    assert 'href="/leichte-sprache/"' in statement
    project = client.get("/projekt/").content.decode()
    assert "In Leichter Sprache" in project


def test_sign_language_page_without_videos_says_so_and_offers_easy_language(
    client, django_assert_max_num_queries
):
    factories.operator()
    client.get("/gebaerdensprache/")

    with django_assert_max_num_queries(2):
        response = client.get("/gebaerdensprache/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Videos in Deutscher Gebärdensprache gibt es noch nicht" in html
    assert 'class="button" href="/leichte-sprache/"' in html
    assert "<video" not in html


def test_sign_language_page_shows_videos_with_captions_and_transcript(
    client, django_assert_max_num_queries
):
    factories.operator()
    for position in range(1, 5):
        factories.sign_language_video(f"Erklärung {position}", position=position)
    client.get("/gebaerdensprache/")

    with django_assert_max_num_queries(2):
        html = client.get("/gebaerdensprache/").content.decode()

    assert html.count("<video controls") == 4
    assert "autoplay" not in html
    assert html.count('<track kind="captions"') == 4
    assert html.count('type="video/mp4"') == 4
    assert "Hier erklären wir, was das Portal bietet." in html
    assert html.index("Erklärung 1") < html.index("Erklärung 4")
    # Served by the portal itself: media URLs on this host.
    assert 'src="/media/gebaerdensprache/' in html


def test_uploads_get_generated_names_by_content_and_a_reencoded_poster():
    video = factories.sign_language_video(
        video=factories.upload(factories.WEBM_BYTES, "film.mp4", "video/mp4")
    )

    assert video.video.name.endswith(".webm")
    assert "film" not in video.video.name
    assert video.captions.name.endswith(".vtt")
    assert video.poster.name.endswith(".jpg")
    assert video.video_type == "video/webm"


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n" + b"\x00" * 64,
        b"<html><script>alert(1)</script></html>",
        b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic",  # a HEIC picture
        b"\x1a\x45\xdf\xa3\x9f\x42\x82\x88matroska",  # Matroska, not WebM
    ],
)
def test_video_upload_refuses_what_is_not_mp4_or_webm(data):
    file = factories.upload(data, "film.mp4", "video/mp4")

    assert video_kind(file) is None
    with pytest.raises(ValidationError, match="kein MP4- oder WebM-Video"):
        validate_video(file)


def test_video_upload_refuses_a_file_over_the_cap(settings):
    settings.VIDEO_MAX_UPLOAD_SIZE = 50

    with pytest.raises(ValidationError, match="zu groß"):
        validate_video(factories.upload(factories.MP4_BYTES, "film.mp4", "video/mp4"))


@pytest.mark.parametrize(
    "text",
    [b"1\n00:00.000 --> 00:01.000\nSRT", b"WEBVTTX\n", b"\xff\xfeW\x00E\x00", b""],
)
def test_captions_upload_refuses_what_is_not_webvtt(text):
    with pytest.raises(ValidationError, match="WebVTT"):
        validate_captions(factories.upload(text, "film.vtt", "text/vtt"))


def test_captions_with_byte_order_mark_and_header_text_are_accepted():
    validate_captions(factories.upload(b"\xef\xbb\xbfWEBVTT Kapitel 1\n\n", "a.vtt"))


def test_refused_upload_is_a_field_error_and_the_rest_stays():
    form = SignLanguageVideoForm(
        data={
            "position": 2,
            "title": "Wie finde ich mich zurecht?",
            "transcript": "Text",
        },
        files={
            "video": factories.upload(
                b"GIF89a" + b"\x00" * 40, "film.mp4", "video/mp4"
            ),
            "captions": factories.upload(b"WEBVTT\n", "a.vtt", "text/vtt"),
            "poster": factories.image_upload(),
        },
    )

    assert not form.is_valid()
    assert list(form.errors) == ["video"]
    assert form["title"].value() == "Wie finde ich mich zurecht?"
