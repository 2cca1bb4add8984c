"""Editors complete and publish cards in the administration."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from accounts.roles import EDITORS
from tests import factories
from toolbox import services
from toolbox.models import ArgumentCard

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client():
    client = Client()
    client.force_login(factories.editor())
    return client


def _form(card, **changes) -> dict:
    data = {
        "title": card.title,
        "slug": card.slug,
        "topic": card.topic,
        "question": card.question,
        "argument": "Ein **gemeinsamer** Bus spart Wege.",
        "reasoning": "",
        "status": "entwurf",
        "agreed_on": "",
        "agreed_by": "",
        "source_topic": card.source_topic_id or "",
        "forum_topics": ",".join(str(t.pk) for t in card.forum_topics.all()),
        "publish": "",
        "change_note": "",
    }
    sections = list(card.sections.all())
    data.update(
        {
            "sections-TOTAL_FORMS": str(len(sections)),
            "sections-INITIAL_FORMS": str(len(sections)),
            "sections-MIN_NUM_FORMS": "0",
            "sections-MAX_NUM_FORMS": "3",
        }
    )
    for number, section in enumerate(sections):
        data.update(
            {
                f"sections-{number}-id": section.pk,
                f"sections-{number}-card": card.pk,
                f"sections-{number}-state": section.state,
                f"sections-{number}-authority": "Zweckverband Verkehrsverbund",
                f"sections-{number}-basis": "Das LROP Niedersachsen.",
                f"sections-{number}-differences": "",
                f"sections-{number}-action": "",
            }
        )
    for prefix in ("document_sources", "citations", "versions"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(changes)
    return data


def _draft():
    forum = factories.forum(name="Fachforum Mobilität")
    moderator = factories.forum_moderator(forum)
    topic = factories.forum_topic(forum, states=("NI",), notify=False)
    return services.card_from_topic(topic=topic, by=moderator)


def test_editors_may_manage_cards_and_read_versions():
    codenames = set(
        Group.objects.get(name=EDITORS)
        .permissions.filter(content_type__app_label="toolbox")
        .values_list("codename", flat=True)
    )
    assert {"add_argumentcard", "change_argumentcard", "view_argumentcard"} <= codenames
    assert {"add_statesection", "add_citation", "add_documentsource"} <= codenames
    assert "view_cardversion" in codenames
    assert "add_cardversion" not in codenames


def test_an_editor_completes_and_publishes_a_drafted_card(editor_client):
    card = _draft()
    url = reverse("admin:toolbox_argumentcard_change", args=[card.pk])
    assert card.get_absolute_url() in editor_client.get(url).content.decode()
    response = editor_client.post(
        url, _form(card, publish="on", change_note="Erste Fassung.")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    card.refresh_from_db()
    assert card.is_published and card.version == 1
    assert card.versions.get().change_note == "Erste Fassung."
    html = Client().get(card.get_absolute_url()).content.decode()
    assert "Zweckverband Verkehrsverbund" in html


def test_publishing_needs_a_note_on_what_changed_and_keeps_the_input(editor_client):
    card = _draft()
    url = reverse("admin:toolbox_argumentcard_change", args=[card.pk])
    response = editor_client.post(url, _form(card, publish="on"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bitte geben Sie an, was sich geändert hat" in html
    assert "Ein **gemeinsamer** Bus spart Wege." in html
    card.refresh_from_db()
    assert not card.is_published and not card.versions.exists()


def test_saving_without_publishing_keeps_the_card_a_draft(editor_client):
    card = _draft()
    url = reverse("admin:toolbox_argumentcard_change", args=[card.pk])
    editor_client.post(url, _form(card))
    card.refresh_from_db()
    assert "gemeinsamer" in card.argument_html
    assert not ArgumentCard.objects.published().exists()
    assert Client().get(card.get_absolute_url()).status_code == 404


def test_withdrawing_hides_a_card_from_readers_at_once(editor_client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    card = factories.argument_card("Bald zurückgezogen")
    reader = Client()
    assert reader.get(card.get_absolute_url()).status_code == 200  # now cached
    response = editor_client.post(
        reverse("admin:toolbox_argumentcard_changelist"),
        {"action": "withdraw", "_selected_action": [card.pk]},
    )
    assert response.status_code == 302
    card.refresh_from_db()
    assert not card.is_published
    assert reader.get(card.get_absolute_url()).status_code == 404
