import io

import pytest
from django.core.cache import cache

from demo.loaders import pages as demo
from pages.models import ContactMessage
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/kontakt/"
DATA = {
    "name": "Anna Wolfhagen",
    "email": "anna@example.org",
    "subject": "Frage zum SREK",
    "message": "Guten Tag,\nwo finde ich die Karten zum Pendeln?\nViele Grüße",
}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_contact_form_needs_no_account_and_links_the_privacy_policy(client):
    factories.operator()
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    for name in ("name", "email", "subject", "message"):
        assert f'name="{name}"' in html
    assert 'href="/datenschutz/"' in html


def test_a_sent_message_is_kept_mailed_to_the_operator_and_copied_to_the_sender(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    factories.operator(email="kontakt@regiondermitte.de")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, DATA)

    assert response.status_code == 200
    assert "Vielen Dank für Ihre Nachricht" in response.content.decode()
    [message] = ContactMessage.objects.all()
    assert (message.name, message.email, message.subject) == (
        "Anna Wolfhagen",
        "anna@example.org",
        "Frage zum SREK",
    )
    assert "Karten zum Pendeln" in message.message
    to_operator, copy = mailoutbox
    assert to_operator.to == ["kontakt@regiondermitte.de"]
    assert to_operator.reply_to == ["anna@example.org"]
    assert "Frage zum SREK" in to_operator.subject
    assert "Karten zum Pendeln" in to_operator.body
    assert copy.to == ["anna@example.org"]
    assert "Karten zum Pendeln" in copy.body


def test_bad_input_gets_german_messages_and_keeps_what_was_typed(client):
    response = client.post(URL, {**DATA, "email": "keine-adresse"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "gültige E-Mail-Adresse" in html
    assert "Karten zum Pendeln" in html
    assert 'value="Frage zum SREK"' in html
    assert not ContactMessage.objects.exists()


def test_the_form_is_rate_limited_and_keeps_the_text(client, mailoutbox):
    for _ in range(3):
        assert client.post(URL, DATA).status_code == 200

    response = client.post(URL, {**DATA, "message": "Noch eine vierte Nachricht"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "mehrere Nachrichten" in html
    assert "Noch eine vierte Nachricht" in html
    assert ContactMessage.objects.count() == 3


def test_the_subject_can_be_preset_by_a_link(client):
    html = client.get(URL, {"betreff": "Barriere melden"}).content.decode()
    assert 'value="Barriere melden"' in html


def test_the_footer_and_the_accessibility_statement_lead_to_the_form(client):
    demo.load(stdout=io.StringIO())
    html = client.get("/barrierefreiheit/").content.decode()
    assert '<a href="/kontakt/">Kontakt</a>' in html
    assert 'href="/kontakt/?betreff=Barriere%20melden"' in html
    html = client.get(URL, {"betreff": "Barriere melden"}).content.decode()
    assert 'value="Barriere melden"' in html
