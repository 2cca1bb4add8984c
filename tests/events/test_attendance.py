"""A hybrid event asks each participant whether they come on site or take part
online: the form, the seats (the room's), the organisers' lists and the mails."""

import csv
import io
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar
from pypdf import PdfReader

from events import services
from events.models import Event, Registration
from tests import factories

pytestmark = pytest.mark.django_db

ON_SITE = Registration.Attendance.ON_SITE
ONLINE = Registration.Attendance.ONLINE


def _hybrid(**fields):
    return factories.event("Unternehmensforum", format=Event.Format.HYBRID, **fields)


def _guest_form(event, *, english=False) -> str:
    with translation.override("en" if english else "de"):
        return reverse("events:guest-register", args=[event.slug])


def _status(registration) -> str:
    registration.refresh_from_db()
    return registration.status


# --- the form ---------------------------------------------------------------------


def test_only_a_hybrid_events_form_asks_on_site_or_online_as_radio_buttons(client):
    hybrid = _hybrid()
    page = client.get(_guest_form(hybrid, english=True)).content.decode()
    # A fieldset whose legend is the question, as the portal's other radio fields.
    assert "<fieldset" in page
    assert "<legend>How will you take part?</legend>" in page
    assert 'type="radio" name="attendance" value="vor-ort"' in page
    assert 'type="radio" name="attendance" value="online"' in page
    for format in (Event.Format.ON_SITE, Event.Format.ONLINE):
        other = factories.event(format=format)
        assert (
            'name="attendance"' not in client.get(_guest_form(other)).content.decode()
        )


def test_the_one_click_form_of_a_hybrid_event_asks_too(client):
    client.force_login(factories.user())
    page = client.get(_hybrid().get_absolute_url()).content.decode()
    assert 'type="radio" name="attendance" value="online"' in page
    page = client.get(factories.event().get_absolute_url()).content.decode()
    assert 'name="attendance"' not in page


def test_a_guest_must_choose_and_keeps_what_they_typed(client):
    event = _hybrid(ask_organisation=Event.Ask.REQUIRED)
    response = client.post(
        _guest_form(event),
        {"name": "Anna Beispiel", "email": "anna@example.org", "organisation": ""},
    )
    assert response.status_code == 400
    assert "attendance" in response.context["form"].errors
    page = response.content.decode()
    assert 'value="Anna Beispiel"' in page and 'value="anna@example.org"' in page
    assert not Registration.objects.exists()

    # Another field's error: the choice made stays checked.
    response = client.post(
        _guest_form(event),
        {"name": "Anna Beispiel", "email": "anna@example.org", "attendance": ONLINE},
    )
    assert response.status_code == 400
    [checked] = re.findall(r"<input [^>]*\bchecked>", response.content.decode())
    assert 'value="online"' in checked


def test_a_guests_choice_is_stored(client):
    event = _hybrid()
    client.post(
        _guest_form(event),
        {"name": "Anna", "email": "anna@example.org", "attendance": ONLINE},
    )
    assert Registration.objects.get().attendance == ONLINE


def test_a_signed_in_person_must_choose_and_their_choice_is_stored(client):
    event = _hybrid()
    client.force_login(factories.user())
    url = reverse("events:register", args=[event.slug])
    response = client.post(url)
    assert response.status_code == 400
    assert "attendance" in response.context["form"].errors
    assert not Registration.objects.exists()
    assert client.post(url, {"attendance": ON_SITE}).status_code == 302
    assert Registration.objects.get().attendance == ON_SITE


def test_the_format_says_it_for_other_events_and_nothing_else_is_kept():
    on_site = factories.registration(factories.event(), attendance=ONLINE)
    assert on_site.attendance == ""
    with pytest.raises(services.RegistrationRefused) as refused:
        factories.registration(_hybrid(), attendance="im-garten")
    assert refused.value.code == "attendance"


# --- seats ------------------------------------------------------------------------


def test_online_participants_of_a_hybrid_event_take_no_seat_and_never_wait():
    event = _hybrid(capacity=1)
    seated = factories.registration(event, attendance=ON_SITE)
    waiting = factories.registration(event, attendance=ON_SITE)
    online = factories.registration(event, attendance=ONLINE)
    late = factories.registration(event, user=factories.user(), attendance=ONLINE)
    assert (seated.status, waiting.status) == ("confirmed", "waiting")
    assert online.status == late.status == "confirmed"
    counted = Event.objects.with_counts().get()
    assert (counted.seats_taken, counted.waiting_count) == (1, 1)
    assert counted.participant_count == 3

    # An online participant who leaves frees no seat; one on site does.
    services.registration_cancel(registration=online)
    assert _status(waiting) == "waiting"
    services.registration_cancel(registration=seated)
    assert _status(waiting) == "confirmed"


def test_a_full_room_without_a_waiting_list_still_lets_people_take_part_online():
    event = _hybrid(capacity=1, waiting_list=False)
    factories.registration(event)  # not said: counts as on site
    with pytest.raises(services.RegistrationRefused):
        factories.registration(event, attendance=ON_SITE)
    assert factories.registration(event, attendance=ONLINE).status == "confirmed"


def test_a_full_room_without_a_waiting_list_offers_no_waiting_list(client):
    event = _hybrid(capacity=1, waiting_list=False)
    factories.registration(event, attendance=ON_SITE)
    form = client.get(_guest_form(event)).content.decode()
    assert "Alle Plätze vor Ort sind vergeben. Online können Sie weiterhin" in form
    assert "Warteliste" not in form


def test_at_an_online_event_the_limit_counts_everyone():
    event = factories.event(format=Event.Format.ONLINE, capacity=1)
    factories.registration(event)
    assert factories.registration(event).status == "waiting"


def test_a_hybrid_event_full_on_site_offers_taking_part_online(client):
    event = _hybrid(capacity=1)
    factories.registration(event, attendance=ON_SITE)
    with translation.override("en"):
        page = client.get(event.get_absolute_url()).content.decode()
    assert "Fully booked on site." in page and "You can still take part online." in page
    assert "Join the waiting list" not in page
    form = client.get(_guest_form(event, english=True)).content.decode()
    assert "All seats on site are taken. You can take part online" in form


# --- the organisers' lists --------------------------------------------------------


@pytest.fixture
def editor_client(client):
    client.force_login(factories.editor())
    return client


def test_the_csv_of_a_hybrid_event_says_who_comes_on_site(editor_client):
    event = _hybrid()
    factories.registration(event, name="Anna Vorort", attendance=ON_SITE)
    factories.registration(event, name="Bert Online", attendance=ONLINE)
    rows = _csv(editor_client, event)
    column = rows[0].index(str(Registration._meta.get_field("attendance").verbose_name))
    by_name = {row[1]: row[column] for row in rows[1:]}
    assert by_name == {"Anna Vorort": "Vor Ort", "Bert Online": "Online"}

    other = factories.event()
    factories.registration(other, name="Clara")
    assert len(_csv(editor_client, other)[0]) == len(rows[0]) - 1


def _csv(client, event) -> list[list[str]]:
    response = client.get(
        reverse("admin:events_event_participants_csv", args=[event.pk])
    )
    return list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )


def test_the_sign_in_sheet_of_a_hybrid_event_lists_only_those_on_site(editor_client):
    event = _hybrid()
    factories.registration(event, name="Anna Vorort", attendance=ON_SITE)
    factories.registration(event, name="Dora Ohneangabe")  # not said: on site
    factories.registration(event, name="Bert Online", attendance=ONLINE)
    text = _pdf_text(editor_client, event)
    assert "Anna Vorort" in text and "Dora Ohneangabe" in text
    assert "Bert Online" not in text
    assert (
        "Aufgeführt sind nur die Teilnehmenden vor Ort: 1 Person nimmt online teil."
        in text
    )

    on_site_only = factories.event()
    factories.registration(on_site_only, name="Clara")
    assert "online teil" not in _pdf_text(editor_client, on_site_only)


def _pdf_text(client, event) -> str:
    response = client.get(
        reverse("admin:events_event_signin_pdf", args=[event.pk]),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_admin_shows_each_registrations_attendance(editor_client):
    event = _hybrid()
    factories.registration(event, name="Bert Online", attendance=ONLINE)
    page = editor_client.get(
        reverse("admin:events_event_change", args=[event.pk])
    ).content.decode()
    assert '<td class="field-attendance">' in page


# --- mail -------------------------------------------------------------------------


def _confirmed(event, attendance: str):
    """A guest's registration on the English site, confirmed: its last mail."""
    pending = services.registration_request(
        event=event,
        name="Anna",
        email=f"{attendance}@example.org",
        answers=services.Answers(attendance=attendance),
        language="en",
    )
    services.registration_confirm(registration=pending)
    message = mail.outbox[-1]
    assert message.subject.endswith("Registration confirmed: Unternehmensforum")
    [entry] = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
    return message.body, str(entry["LOCATION"])


def test_the_confirmation_says_how_they_take_part_and_online_gives_the_link():
    event = _hybrid()
    body, location = _confirmed(event, ONLINE)
    assert "Taking part: Online" in body
    assert event.online_url in body
    assert "Where:" not in body  # no need to travel
    assert location == event.online_url  # as at an online event

    body, location = _confirmed(event, ON_SITE)
    assert "Taking part: On site" in body
    assert f"Where: {event.location_text}" in body
    assert location.startswith(event.location_text)

    # Elsewhere the format says it.
    body, _location = _confirmed(factories.event("Unternehmensforum"), ON_SITE)
    assert "Taking part" not in body
