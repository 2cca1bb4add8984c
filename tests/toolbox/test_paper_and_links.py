"""The card on paper, in the forum it came from, in search, feed, sitemap, export."""

import datetime
import io
import json

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts.services import user_export
from core.site import absolute
from tests import factories
from toolbox import services
from toolbox.models import ArgumentCard

pytestmark = pytest.mark.django_db


def pdf_text(response) -> tuple[PdfReader, str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return reader, " ".join(page.extract_text() for page in reader.pages)


def test_the_card_pdf_is_one_tagged_page_with_the_chosen_state_and_its_url(client):
    card = factories.argument_card(
        "Gemeinsame Gewerbegebiete",
        sections=[
            {"state": "HE", "basis": "Landesentwicklungsplan Hessen."},
            {"state": "NI", "basis": "Landes-Raumordnungsprogramm Niedersachsen."},
        ],
        citations=[{"title": "LROP Niedersachsen", "publisher": "ML", "year": 2022}],
    )
    reader, text = pdf_text(client.get(card.get_pdf_url(), {"land": "NI"}))
    assert len(reader.pages) == 1
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "de"
    assert reader.metadata.title.startswith("Gemeinsame Gewerbegebiete")
    assert "Landes-Raumordnungsprogramm Niedersachsen" in text
    assert "Landesentwicklungsplan Hessen" not in text
    assert absolute(card.get_absolute_url()) in text
    assert "LROP Niedersachsen" in text


def test_the_card_pdf_carries_a_qr_code_of_its_address(client, monkeypatch):
    from toolbox import pdf

    drawn = []
    original = pdf.qr_svg

    def spy(url):
        drawn.append(url)
        return original(url)

    monkeypatch.setattr(pdf, "qr_svg", spy)
    card = factories.argument_card()
    client.get(card.get_pdf_url())
    assert drawn == [absolute(card.get_absolute_url())]
    svg = original(drawn[0])
    assert svg.startswith("<svg") and 'aria-label="QR-Code"' in svg


def test_the_card_pdf_is_renewed_when_a_cited_document_or_the_forum_is_renamed(client):
    """The PDF is kept until what it shows changes: the title of a document it cites,
    the name of the Fachforum that agreed it; not only the card itself."""
    document = factories.document("Regionalanalyse 2024")
    forum = factories.forum(name="Fachforum Fläche")
    card = factories.argument_card(
        "Flächen teilen",
        document_sources=[{"document": document, "pages": "4"}],
        status="abgestimmt",
        agreed_on=datetime.date(2026, 10, 26),
        agreed_by=forum,
    )
    _reader, text = pdf_text(client.get(card.get_pdf_url()))
    assert "Regionalanalyse 2024" in text and "Fachforum Fläche" in text

    document.title = "Regionalanalyse 2025"
    document.save()
    forum.name = "Fachforum Gewerbe"
    forum.save()

    _reader, text = pdf_text(client.get(card.get_pdf_url()))
    assert "Regionalanalyse 2025" in text and "Fachforum Gewerbe" in text


def test_the_handout_lists_the_cards_of_one_state_with_contents(client):
    factories.argument_card("Mobil in NI", topic="mobilitaet", states=("NI",))
    factories.argument_card("Fachkräfte in NI", topic="fachkraefte", states=("NI",))
    factories.argument_card("Nur in Hessen", topic="mobilitaet", states=("HE",))
    factories.argument_card("Entwurf in NI", states=("NI",), publish=False)
    reader, text = pdf_text(client.get(reverse("toolbox:handout-pdf"), {"land": "NI"}))
    assert "Inhalt" in text
    assert "Mobil in NI" in text and "Fachkräfte in NI" in text
    assert "Nur in Hessen" not in text
    assert "Entwurf in NI" not in text
    assert len(reader.pages) == 3  # contents, then a page per card
    _reader, text = pdf_text(
        client.get(
            reverse("toolbox:handout-pdf"), {"land": "NI", "thema": "mobilitaet"}
        )
    )
    assert "Mobil in NI" in text and "Fachkräfte in NI" not in text


def test_a_moderator_drafts_a_card_from_a_topic_and_the_topic_links_to_it(
    client, signed_in
):
    forum = factories.forum(name="Fachforum Mobilität", state_he=False)
    moderator = factories.forum_moderator(forum)
    topic = factories.forum_topic(
        forum,
        title="Bus über die Landesgrenze",
        body="Wie kommt der Bus von Uslar nach Höxter?",
        states=("NI", "NW"),
        notify=False,
    )
    url = reverse("toolbox:card-from-topic", kwargs={"pk": topic.pk})
    moderating = signed_in(moderator)
    assert "Argumentationshilfe aus diesem Thema entwerfen" in (
        moderating.get(topic.get_absolute_url()).content.decode()
    )
    response = moderating.post(url)
    card = ArgumentCard.objects.get()
    assert response.status_code == 302
    assert card.title == "Bus über die Landesgrenze"
    assert card.question == "Wie kommt der Bus von Uslar nach Höxter?"
    assert card.topic == "mobilitaet"
    assert card.source_topic == topic
    assert list(card.forum_topics.all()) == [topic]
    assert sorted(card.sections.values_list("state", flat=True)) == ["NI", "NW"]
    assert not card.is_published and card.drafted_by == moderator
    # Not in the topic until an editor publishes it; then it is.
    assert "Argumentationshilfen aus dieser Diskussion" not in (
        client.get(topic.get_absolute_url()).content.decode()
    )
    services.card_publish(card=card, change_note="Erste Fassung.")
    html = client.get(topic.get_absolute_url()).content.decode()
    assert "Argumentationshilfen aus dieser Diskussion" in html
    assert card.get_absolute_url() in html
    # The card links back to the discussion.
    card_html = client.get(card.get_absolute_url()).content.decode()
    assert topic.get_absolute_url() in card_html


def test_only_the_forums_moderators_may_draft_a_card(client, signed_in):
    topic = factories.forum_topic(notify=False)
    url = reverse("toolbox:card-from-topic", kwargs={"pk": topic.pk})
    assert client.post(url).status_code == 302  # to the login
    assert signed_in(factories.user()).post(url).status_code == 404
    other = factories.forum_moderator(factories.forum())
    assert signed_in(other).post(url).status_code == 404
    assert signed_in(factories.user()).get(url).status_code == 405
    assert not ArgumentCard.objects.exists()


def test_the_site_search_finds_published_cards_only(client):
    factories.argument_card(
        "Interkommunale Gewerbegebiete",
        argument="Ein Zweckverband teilt Kosten und Erträge.",
    )
    factories.argument_card(
        "Geheimer Zweckverband", argument="Zweckverband.", publish=False
    )
    html = client.get("/suche/", {"q": "Zweckverband"}).content.decode()
    assert "Interkommunale Gewerbegebiete" in html
    assert "Geheimer Zweckverband" not in html


def test_the_feed_lists_newly_agreed_cards(client):
    import datetime

    factories.argument_card(
        "Abgestimmte Karte",
        status=ArgumentCard.Status.AGREED,
        agreed_on=datetime.date(2024, 5, 14),
    )
    factories.argument_card("Karte in Abstimmung", status="in-abstimmung")
    xml = client.get(reverse("toolbox:feed-rss")).content.decode()
    assert "Abgestimmte Karte" in xml
    assert "Karte in Abstimmung" not in xml


def test_the_sitemap_names_published_cards_only(client):
    shown = factories.argument_card()
    hidden = factories.argument_card(publish=False)
    xml = client.get("/sitemap.xml").content.decode()
    assert shown.get_absolute_url() in xml
    assert hidden.get_absolute_url() not in xml
    assert "/werkzeugkasten/</loc>" in xml


def test_the_data_export_holds_the_cards_a_user_drafted():
    forum = factories.forum()
    moderator = factories.forum_moderator(forum)
    topic = factories.forum_topic(forum, title="Fachkräfte halten", notify=False)
    services.card_from_topic(topic=topic, by=moderator)
    data = json.loads(json.dumps(user_export(user=moderator), default=str))
    assert [card["title"] for card in data["toolbox"]["drafted_cards"]] == [
        "Fachkräfte halten"
    ]


def test_the_document_library_handout_points_to_the_cards(client):
    html = client.get(
        reverse("documents:document-list"), {"kategorie": "werkzeugkasten"}
    ).content.decode()
    assert reverse("toolbox:card-list") in html
    assert reverse("toolbox:handout-pdf") in html
