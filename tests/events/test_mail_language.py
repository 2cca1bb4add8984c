"""The language of the mails about a registration: a guest's follow the page they
registered on, a signed-in person's follow their account."""

import datetime
import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from events import services, tasks
from events.models import Registration
from tests import factories

pytestmark = pytest.mark.django_db


def _url(name: str, *args, language: str) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def _subject(message) -> str:
    """The subject without the portal's prefix."""
    return message.subject.removeprefix(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX)


def _portal_paths(message) -> list[str]:
    """The paths of every link to the portal, in the text and in the HTML part."""
    [(html, _mimetype)] = message.alternatives
    found = re.findall(
        rf"{re.escape(settings.SITE_URL)}(/[^\s\"'<>)]*)", message.body + html
    )
    assert found, message.body
    return found


def _link(message, name: str) -> str:
    """The path of the mail's link to `name` ("bestaetigen" or "abmelden")."""
    [path] = {
        path
        for path in _portal_paths(message)
        if re.fullmatch(rf"(/en)?/veranstaltungen/anmeldung/\S+/{name}/", path)
    }
    return path


def _guest_registers(client, event, *, language: str) -> Registration:
    """Register as a guest on the page in `language` and confirm by the mail's link."""
    client.post(
        _url("events:guest-register", event.slug, language=language),
        {"name": "Anna Beispiel", "email": "anna@example.org"},
    )
    client.post(_link(mail.outbox[-1], "bestaetigen"))
    return Registration.objects.get(email="anna@example.org")


def test_a_guest_registering_on_the_english_site_gets_english_mails_and_links(
    client,
):
    event = factories.event("Regionalkonferenz", capacity=10)
    client.post(
        _url("events:guest-register", event.slug, language="en"),
        {"name": "Anna Beispiel", "email": "anna@example.org"},
    )
    [request_mail] = mail.outbox
    assert (
        _subject(request_mail) == "Please confirm your registration: Regionalkonferenz"
    )
    assert "Confirm the registration:" in request_mail.body
    assert "Anmeldung bestätigen" not in request_mail.body
    paths = _portal_paths(request_mail)
    assert all(path.startswith("/en/") for path in paths), paths
    assert f"/en/veranstaltungen/{event.slug}/" in paths

    client.post(_link(request_mail, "bestaetigen"))
    confirmation = mail.outbox[-1]
    assert _subject(confirmation) == "Registration confirmed: Regionalkonferenz"
    assert all(path.startswith("/en/") for path in _portal_paths(confirmation))


def test_a_guests_later_mails_stay_in_the_language_they_registered_in(client):
    event = factories.event("Regionalkonferenz", capacity=10)
    registration = _guest_registers(client, event, language="en")
    assert registration.language == "en"
    mail.outbox.clear()
    # What happens later happens without the guest: the daily round, an editor on
    # the German site, the cancel link opened at the German address.
    with translation.override("de"):
        tasks.send_reminders(now=event.starts_at - datetime.timedelta(days=1))
        event.title = "Regionalkonferenz Süd"
        services.event_save(event=event)
    cancel = _link(mail.outbox[-1], "abmelden")
    client.post(cancel.removeprefix("/en"))
    assert [_subject(message) for message in mail.outbox] == [
        "Tomorrow: Regionalkonferenz",
        "Changed: Regionalkonferenz Süd",
        "Registration cancelled: Regionalkonferenz Süd",
    ]
    for message in mail.outbox:
        assert all(path.startswith("/en/") for path in _portal_paths(message))


def test_a_guest_registering_on_the_german_site_gets_german_mails(client):
    event = factories.event("Regionalkonferenz", capacity=10)
    registration = _guest_registers(client, event, language="de")
    assert registration.language == "de"
    # The event's change comes from an editor on the English site.
    with translation.override("en"):
        event.title = "Regionalkonferenz Süd"
        services.event_save(event=event)
    assert [_subject(message) for message in mail.outbox] == [
        "Bitte bestätigen Sie Ihre Anmeldung: Regionalkonferenz",
        "Anmeldung bestätigt: Regionalkonferenz",
        "Geändert: Regionalkonferenz Süd",
    ]
    for message in mail.outbox:
        paths = _portal_paths(message)
        assert not any(path.startswith("/en/") for path in paths), paths


@pytest.mark.parametrize(
    ("account", "page", "subject", "prefix"),
    [
        ("de", "en", "Anmeldung bestätigt: Regionalkonferenz", "/veranstaltungen/"),
        ("en", "de", "Registration confirmed: Regionalkonferenz", "/en/"),
    ],
)
def test_a_signed_in_persons_mails_follow_their_account_not_the_page(
    client, account, page, subject, prefix
):
    event = factories.event("Regionalkonferenz", capacity=10)
    person = factories.user(language=account)
    client.force_login(person)
    client.post(_url("events:register", event.slug, language=page))
    assert Registration.objects.get().language == page
    [confirmation] = mail.outbox
    assert _subject(confirmation) == subject
    paths = _portal_paths(confirmation)
    assert all(path.startswith(prefix) for path in paths), paths
