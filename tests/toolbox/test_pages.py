"""The Werkzeugkasten's pages: list with filters, the card, its versions."""

import json
import re

import pytest
from django.urls import reverse

from tests import factories
from toolbox import services
from toolbox.models import ArgumentCard

pytestmark = pytest.mark.django_db

LIST = reverse("toolbox:card-list")


def test_the_list_shows_published_cards_by_topic_and_not_drafts(client):
    factories.argument_card("Gewerbe gemeinsam", topic="gewerbeflaechen")
    factories.argument_card("Bahn und Bus", topic="mobilitaet")
    factories.argument_card("Noch geheim", publish=False)
    html = client.get(LIST).content.decode()
    assert "Gewerbe gemeinsam" in html
    assert "Bahn und Bus" in html
    assert "Noch geheim" not in html
    assert re.search(r"<h2[^>]*>Mobilität</h2>", html)


def test_filters_for_state_and_topic_show_that_states_basis(client):
    factories.argument_card("Nur Hessen", topic="mobilitaet", states=("HE",))
    factories.argument_card(
        "Mobil in Niedersachsen",
        topic="mobilitaet",
        sections=[
            {"state": "NI", "basis": "Das LROP Niedersachsen sagt A."},
            {"state": "HE", "basis": "Der LEP Hessen sagt B."},
        ],
    )
    factories.argument_card("Gewerbe in NI", topic="gewerbeflaechen", states=("NI",))
    html = client.get(LIST, {"land": "NI", "thema": "mobilitaet"}).content.decode()
    assert "Mobil in Niedersachsen" in html
    assert "Nur Hessen" not in html
    assert "Gewerbe in NI" not in html
    assert "Das LROP Niedersachsen sagt A." in html
    assert "Der LEP Hessen sagt B." not in html
    assert "?land=NI" in html  # the card opens with the reader's state


def test_free_text_filter_finds_words_in_a_states_basis(client):
    factories.argument_card(
        "Karte A", sections=[{"state": "NW", "basis": "Regionalplan Detmold."}]
    )
    factories.argument_card("Karte B")
    html = client.get(LIST, {"q": "detmold"}).content.decode()
    assert "Karte A" in html
    assert "Karte B" not in html


def test_the_card_shows_the_readers_state_first(client):
    card = factories.argument_card(
        sections=[
            {"state": "HE", "basis": "Hessische Grundlage."},
            {"state": "NI", "basis": "Niedersächsische Grundlage."},
            {"state": "NW", "basis": "Grundlage in NRW."},
        ]
    )
    html = client.get(card.get_absolute_url(), {"land": "NI"}).content.decode()
    assert html.index("Niedersächsische") < html.index("Hessische")
    html = client.get(card.get_absolute_url()).content.decode()
    assert html.index("Hessische") < html.index("Niedersächsische")


def test_the_card_reads_the_state_from_the_readers_profile(signed_in):
    card = factories.argument_card(
        sections=[
            {"state": "HE", "basis": "Hessische Grundlage."},
            {"state": "NW", "basis": "Grundlage in NRW."},
        ]
    )
    reader = factories.user(state="NW")
    html = signed_in(reader).get(card.get_absolute_url()).content.decode()
    assert html.index("Grundlage in NRW") < html.index("Hessische")


def test_drafts_are_404_to_readers_and_visible_to_editors_and_their_drafter(
    client, signed_in
):
    forum = factories.forum()
    moderator = factories.forum_moderator(forum)
    topic = factories.forum_topic(forum, notify=False)
    card = services.card_from_topic(topic=topic, by=moderator)
    url = card.get_absolute_url()
    assert client.get(url).status_code == 404
    assert signed_in(factories.user()).get(url).status_code == 404
    assert signed_in(moderator).get(url).status_code == 200
    assert signed_in(factories.editor()).get(url).status_code == 200
    assert client.get(card.get_pdf_url()).status_code == 404


def test_json_ld_names_what_the_card_is_about_and_where(client):
    card = factories.argument_card(topic="mobilitaet", states=("NI", "NW"))
    html = client.get(card.get_absolute_url()).content.decode()
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    )
    [data] = [json.loads(b) for b in blocks if json.loads(b)["@type"] == "Article"]
    assert data["about"]["name"] == "Mobilität"
    assert [place["name"] for place in data["spatialCoverage"]] == [
        "Niedersachsen",
        "Nordrhein-Westfalen",
    ]


def test_json_ld_cannot_be_closed_by_a_title(client):
    card = factories.argument_card("</script><script>alert(1)</script>")
    html = client.get(card.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html


def test_each_published_version_keeps_its_address_and_text(client):
    card = factories.argument_card(argument="Erste Fassung des Arguments.")
    card.argument = "Zweite Fassung des Arguments."
    card.save()
    services.card_publish(card=card, change_note="Argument geschärft.")
    first = reverse("toolbox:card-version", kwargs={"slug": card.slug, "number": 1})
    second = reverse("toolbox:card-version", kwargs={"slug": card.slug, "number": 2})
    assert "Erste Fassung" in client.get(first).content.decode()
    assert "Zweite Fassung" in client.get(second).content.decode()
    detail = client.get(card.get_absolute_url()).content.decode()
    assert first in detail and second in detail
    assert "Argument geschärft." in detail
    missing = reverse("toolbox:card-version", kwargs={"slug": card.slug, "number": 3})
    assert client.get(missing).status_code == 404


def test_the_states_follow_the_sections():
    card = factories.argument_card(states=("HE",))
    assert (card.state_he, card.state_ni, card.state_nw) == (True, False, False)
    card.sections.create(state="NW", basis="Neu.")
    services.card_sync_states(card=card)
    card.refresh_from_db()
    assert card.state_nw is True


def test_an_agreed_card_needs_its_date():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        factories.argument_card(status=ArgumentCard.Status.AGREED)
    assert "agreed_on" in error.value.message_dict


def test_closed_forum_topics_are_not_named_to_outsiders(client):
    closed = factories.forum(closed=True)
    secret = factories.forum_topic(closed, title="Internes Thema", notify=False)
    open_topic = factories.forum_topic(title="Offenes Thema", notify=False)
    card = factories.argument_card(forum_topics=[secret, open_topic])
    html = client.get(card.get_absolute_url()).content.decode()
    assert "Offenes Thema" in html
    assert "Internes Thema" not in html


def test_a_card_published_for_a_topic_shows_on_its_page_at_once(client, signed_in):
    """The topic page keeps its list of cards as a shared fragment: a published
    card renews it for every reader, signed in or not."""
    topic = factories.forum_topic(notify=False)
    reader = signed_in(factories.user())
    url = topic.get_absolute_url()
    for visitor in (client, reader):
        assert (
            "Argumentationshilfen aus dieser Diskussion"
            not in visitor.get(url).content.decode()
        )
    factories.argument_card("Pendeln über die Landesgrenze", forum_topics=[topic])
    for visitor in (client, reader):
        html = visitor.get(url).content.decode()
        assert "Pendeln über die Landesgrenze" in html


def test_the_list_runs_a_bounded_number_of_queries(
    client, django_assert_max_num_queries
):
    for number in range(30):
        factories.argument_card(
            f"Karte {number}",
            topic=["gewerbeflaechen", "mobilitaet", "fachkraefte"][number % 3],
        )
    for params in ({}, {"land": "NI"}, {"land": "HE", "thema": "mobilitaet"}):
        client.get(LIST, params)
        with django_assert_max_num_queries(4):
            response = client.get(LIST, params)
        assert response.status_code == 200


def test_the_card_page_runs_a_bounded_number_of_queries(
    client, signed_in, django_assert_max_num_queries
):
    topics = [factories.forum_topic(notify=False) for _ in range(5)]
    events = [factories.event() for _ in range(5)]
    contacts = [factories.contact_person() for _ in range(5)]
    documents = [factories.document() for _ in range(5)]
    card = factories.argument_card(
        forum_topics=topics,
        events=events,
        contacts=contacts,
        document_sources=[{"document": d, "pages": "3"} for d in documents],
        citations=[{"title": f"Quelle {n}", "year": 2020} for n in range(5)],
    )
    for number in range(2, 8):
        services.card_publish(card=card, change_note=f"Fassung {number}.")
    for visitor in (client, signed_in(factories.user())):
        visitor.get(card.get_absolute_url())
        with django_assert_max_num_queries(14):
            response = visitor.get(card.get_absolute_url())
        assert response.status_code == 200


def test_a_bad_filter_value_gets_a_german_message_and_keeps_the_form(client):
    factories.argument_card("Eine Karte")
    response = client.get(LIST, {"land": "XX", "q": "Bus"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "XX ist keine gültige Auswahl" in html
    assert 'value="Bus"' in html
