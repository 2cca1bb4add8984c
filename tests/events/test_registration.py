"""Registering, confirming, cancelling, the waiting list and the mails that go with them."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from events import services
from events.models import Event, Registration
from tests import factories

pytestmark = pytest.mark.django_db


def _link(message, name: str) -> str:
    """The path of the mail's link to `name` ("bestaetigen" or "abmelden")."""
    found = re.search(
        rf"https?://[^/\s]+(/veranstaltungen/anmeldung/\S+/{name}/)", message.body
    )
    assert found, message.body
    return found.group(1)


def _calendar_part(message):
    """The .ics part of the mail as mail programs get it (with its MIME headers)."""
    [part] = [
        part
        for part in message.message().walk()
        if part.get_content_type() == "text/calendar"
    ]
    return part


def test_a_guest_registers_only_after_confirming_by_mail(client):
    event = factories.event("Nachbarschaftsforum", capacity=10)
    response = client.post(
        reverse("events:guest-register", args=[event.slug]),
        {"name": "Anna Beispiel", "email": "Anna@Example.org"},
    )
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihr E-Mail-Postfach" in response.content.decode()
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.PENDING
    assert registration.email == "anna@example.org"
    assert Event.objects.with_counts().get().seats_taken == 0
    [request_mail] = mail.outbox
    assert request_mail.to == ["anna@example.org"]
    assert not request_mail.attachments

    confirm = _link(request_mail, "bestaetigen")
    # Opening the link (a mail scanner does) changes nothing; the button does.
    assert client.get(confirm).status_code == 200
    assert Registration.objects.get().status == Registration.Status.PENDING
    client.post(confirm)
    assert Registration.objects.get().status == Registration.Status.CONFIRMED
    confirmation = mail.outbox[-1]
    assert "Anmeldung bestätigt" in confirmation.subject
    [(filename, ics, mimetype)] = confirmation.attachments
    assert filename == f"{event.slug}.ics"
    assert mimetype.startswith("text/calendar")
    assert "BEGIN:VEVENT" in ics


def test_a_confirmation_link_cannot_be_forged_or_reused_for_cancelling(client):
    event = factories.event()
    services.registration_request(event=event, name="A", email="a@example.org")
    confirm = _link(mail.outbox[0], "bestaetigen")
    forged = confirm.replace("bestaetigen", "abmelden")
    assert client.get(forged).status_code == 404
    assert (
        client.get("/veranstaltungen/anmeldung/unsinn/bestaetigen/").status_code == 404
    )


def test_registering_the_same_address_twice_mails_instead_of_telling_the_page(client):
    event = factories.event()
    factories.registration(event, name="Anna", email="anna@example.org")
    mail.outbox.clear()
    response = client.post(
        reverse("events:guest-register", args=[event.slug]),
        {"name": "Jemand", "email": "anna@example.org"},
    )
    # The page says what it says to everyone: check your mail.
    assert "Bitte prüfen Sie Ihr E-Mail-Postfach" in response.content.decode()
    assert Registration.objects.count() == 1
    [notice] = mail.outbox
    assert "bereits angemeldet" in notice.subject


def test_a_member_registers_in_one_click_for_a_members_only_event(client):
    forum = factories.forum(members_post=True)
    event = factories.event(
        access=Event.Access.MEMBERS, forum=forum, space=forum.space, capacity=5
    )
    member = factories.user()
    factories.forum_membership(forum=forum, user=member)
    client.force_login(member)
    response = client.post(reverse("events:register", args=[event.slug]))
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.user == member
    assert registration.status == Registration.Status.CONFIRMED
    assert mail.outbox[-1].to == [member.email]
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Sie sind angemeldet." in page


def test_non_members_and_guests_cannot_register_for_a_members_only_event(client):
    forum = factories.forum(members_post=True)
    event = factories.event(access=Event.Access.MEMBERS, forum=forum, space=forum.space)
    outsider = factories.user()
    client.force_login(outsider)
    client.post(reverse("events:register", args=[event.slug]))
    assert not Registration.objects.exists()
    client.logout()
    response = client.post(
        reverse("events:guest-register", args=[event.slug]),
        {"name": "Gast", "email": "gast@example.org"},
    )
    assert "Nur Mitglieder" in response.content.decode()
    assert not Registration.objects.exists()


def test_when_seats_run_out_people_wait_and_move_up_with_a_mail(client):
    event = factories.event(capacity=2)
    first = factories.registration(event, email="eins@example.org")
    factories.registration(event, email="zwei@example.org")
    third = factories.registration(event, email="drei@example.org")
    fourth = factories.registration(event, email="vier@example.org")
    assert third.status == fourth.status == Registration.Status.WAITING
    assert third.waiting_position == 1 and fourth.waiting_position == 2
    cancel = _link(
        next(m for m in mail.outbox if m.to == ["eins@example.org"] and m.attachments),
        "abmelden",
    )
    mail.outbox.clear()
    # Without signing in: the link in the mail is enough.
    assert client.get(cancel).status_code == 200
    client.post(cancel)
    first.refresh_from_db()
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert first.status == Registration.Status.CANCELLED
    assert third.status == Registration.Status.CONFIRMED
    assert fourth.status == Registration.Status.WAITING
    assert fourth.waiting_position == 1
    moved_up = next(m for m in mail.outbox if m.to == ["drei@example.org"])
    assert "Platz ist für Sie frei" in moved_up.subject
    assert moved_up.attachments


def test_without_a_waiting_list_a_full_event_refuses(client):
    event = factories.event(capacity=1, waiting_list=False)
    factories.registration(event)
    with pytest.raises(services.RegistrationRefused) as refused:
        factories.registration(event)
    assert refused.value.code == "full"


def test_raising_the_capacity_lets_the_waiting_move_up():
    event = factories.event(capacity=1)
    factories.registration(event)
    waiting = factories.registration(event)
    event.capacity = 2
    services.event_save(event=event)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


def test_registration_closes_at_the_deadline():
    import datetime

    from django.utils import timezone

    event = factories.event(
        registration_deadline=timezone.now() + datetime.timedelta(hours=1)
    )
    pending = services.registration_request(
        event=event, name="A", email="a@example.org"
    )
    Event.objects.filter(pk=event.pk).update(
        registration_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(services.RegistrationRefused) as refused:
        services.registration_confirm(registration=pending)
    assert refused.value.code == "closed"


def test_required_questions_must_be_answered(client):
    event = factories.event(
        ask_organisation=Event.Ask.REQUIRED, ask_dietary_needs=Event.Ask.OPTIONAL
    )
    response = client.post(
        reverse("events:guest-register", args=[event.slug]),
        {"name": "Anna", "email": "anna@example.org", "dietary_needs": "vegan"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Organisation" in page and 'value="anna@example.org"' in page
    assert not Registration.objects.exists()
    client.post(
        reverse("events:guest-register", args=[event.slug]),
        {
            "name": "Anna",
            "email": "anna@example.org",
            "organisation": "Stadt Uslar",
            "function": "wird nicht gefragt",
        },
    )
    registration = Registration.objects.get()
    assert registration.organisation == "Stadt Uslar"
    assert registration.function == ""


def test_an_unverified_account_cannot_register_in_one_click(client):
    event = factories.event()
    client.force_login(factories.user(verified=False))
    client.post(reverse("events:register", args=[event.slug]))
    assert not Registration.objects.exists()


def test_the_online_link_is_only_for_registered_participants(client):
    event = factories.event(format=Event.Format.HYBRID)
    assert event.online_url not in client.get(event.get_absolute_url()).content.decode()
    calendar = client.get(reverse("events:event-calendar", args=[event.slug]))
    assert event.online_url.encode() not in calendar.content
    user = factories.user()
    factories.registration(event, user=user)
    client.force_login(user)
    assert event.online_url in client.get(event.get_absolute_url()).content.decode()
    attached = Calendar.from_ical(mail.outbox[-1].attachments[0][1])
    [entry] = attached.walk("VEVENT")
    assert event.online_url in str(entry["DESCRIPTION"])


def test_guest_registrations_are_rate_limited(client):
    from django.core.cache import cache

    cache.clear()
    event = factories.event()
    url = reverse("events:guest-register", args=[event.slug])
    for _ in range(3):
        client.post(url, {"name": "A", "email": "viel@example.org"})
    response = client.post(url, {"name": "A", "email": "viel@example.org"})
    assert response.status_code == 400
    assert "Zu viele Anmeldungen" in response.content.decode()


def test_deleting_an_account_gives_its_seat_to_the_waiting_list():
    from accounts.services import user_delete

    event = factories.event("Fachforum Mobilität", capacity=1, waiting_list=True)
    leaving, waiting = factories.user(), factories.user()
    factories.registration(event, user=leaving)
    factories.registration(event, user=waiting)
    assert event.registrations.get(user=waiting).status == Registration.Status.WAITING
    mail.outbox.clear()

    user_delete(user=leaving)

    assert event.registrations.get(user=waiting).status == (
        Registration.Status.CONFIRMED
    )
    assert not event.registrations.filter(user__isnull=True, name="").exists()
    [moved_up] = mail.outbox
    assert moved_up.to == [waiting.email]
    assert Event.objects.with_counts().get().seats_taken == 1


def test_mails_about_a_registration_are_in_the_accounts_language():
    event = factories.event("Regionalkonferenz", capacity=1)
    english = factories.user()
    english.language = "en"
    english.save(update_fields=["language"])
    factories.registration(event, user=english)
    factories.registration(event, email="gast@example.org")  # a guest: German
    services.event_cancel(event=event, reason="Sturm")
    subjects = [(m.to[0], m.subject) for m in mail.outbox]
    assert (english.email, "Registration confirmed: Regionalkonferenz") in [
        (to, subject.split("] ")[-1]) for to, subject in subjects
    ]
    cancelled = {
        to: subject for to, subject in subjects if "Regionalkonferenz" in subject
    }
    assert "Cancelled: Regionalkonferenz" in cancelled[english.email]
    assert "Abgesagt: Regionalkonferenz" in cancelled["gast@example.org"]


def test_a_signed_in_person_is_asked_before_their_seat_goes_to_the_waiting_list(
    client,
):
    event = factories.event(capacity=1)
    person = factories.user()
    mine = factories.registration(event, user=person)
    waiting = factories.registration(event, email="wartet@example.org")
    client.force_login(person)
    unregister = reverse("events:unregister", args=[event.slug])
    page = client.get(event.get_absolute_url()).content.decode()
    assert f'href="{unregister}"' in page

    # Following the button only asks (the page a guest's cancel link shows).
    asking = client.get(unregister)
    assert asking.status_code == 200
    assert asking.templates[0].name == "events/registration_cancel.html"
    assert '<form method="post">' in asking.content.decode()
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.status == Registration.Status.CONFIRMED
    assert waiting.status == Registration.Status.WAITING

    assert client.post(unregister).url == event.get_absolute_url()
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.status == Registration.Status.CANCELLED
    assert waiting.status == Registration.Status.CONFIRMED
    # Nothing left to cancel: back to the event.
    assert client.get(unregister).url == event.get_absolute_url()


@pytest.mark.parametrize("action", ["abmelden", "bestaetigen"])
def test_an_invalid_cancel_or_confirm_link_says_so_instead_of_page_not_found(
    client, action
):
    response = client.get(f"/en/veranstaltungen/anmeldung/xyz/{action}/")
    assert response.status_code == 404
    assert (
        "This link is not valid. Please use the link from the e-mail about your "
        "registration." in response.content.decode()
    )


def test_the_calendar_attachment_names_its_charset_once():
    event = factories.event()
    factories.registration(event, user=factories.user())
    part = _calendar_part(mail.outbox[-1])
    assert part["Content-Type"] == 'text/calendar; method="PUBLISH"; charset="utf-8"'


def test_cancelling_takes_the_entry_out_of_the_calendar(client):
    event = factories.event("Fachforum Mobilität", format=Event.Format.HYBRID)
    event.venue_name = "Rathaus Uslar"
    services.event_save(event=event)  # a change: the entry is at SEQUENCE 1 now
    person = factories.user()
    registration = factories.registration(event, user=person)
    [invitation] = Calendar.from_ical(mail.outbox[-1].attachments[0][1]).walk("VEVENT")
    mail.outbox.clear()

    services.registration_cancel(registration=registration)

    [message] = mail.outbox
    part = _calendar_part(message)
    assert part["Content-Type"] == 'text/calendar; method="CANCEL"; charset="utf-8"'
    ics = Calendar.from_ical(part.get_payload(decode=True))
    assert ics["METHOD"] == "CANCEL"
    [entry] = ics.walk("VEVENT")
    assert entry["UID"] == invitation["UID"] == event.ical_uid
    assert entry["SEQUENCE"] > invitation["SEQUENCE"] == 1
    assert entry["STATUS"] == "CANCELLED"
    assert entry["ATTENDEE"] == f"mailto:{person.email}"
    assert str(entry["ORGANIZER"]).startswith("mailto:")
    # Taking an entry out needs no online link: it stays with the participants.
    assert event.online_url not in ics.to_ical().decode()


def test_optional_questions_say_so_in_their_label_and_required_ones_do_not(client):
    event = factories.event(
        ask_organisation=Event.Ask.REQUIRED, ask_dietary_needs=Event.Ask.OPTIONAL
    )
    page = client.get(
        f"/en{reverse('events:guest-register', args=[event.slug])}"
    ).content.decode()
    assert '<label for="id_organisation">Organisation:</label>' in page
    assert '<label for="id_dietary_needs">Dietary needs (optional):</label>' in page
