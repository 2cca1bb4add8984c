"""The calendars: RFC 5545 through icalendar, read back as a calendar program would."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import vobject
from django.core import mail
from django.urls import reverse
from django.utils.translation import override
from icalendar import Calendar

from events import services
from events.models import Event
from events.templatetags.events import when
from tests import factories

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def _parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def _entries(calendar: Calendar) -> dict:
    return {str(entry["SUMMARY"]): entry for entry in calendar.walk("VEVENT")}


def test_local_times_stay_right_across_the_end_of_summer_time(client):
    # 31 October 2027 is the last Sunday of October: clocks go back from 3 to 2.
    factories.event(
        "Samstag in Sommerzeit",
        starts_at=datetime.datetime(2027, 10, 30, 10, 0, tzinfo=BERLIN),
        ends_at=datetime.datetime(2027, 10, 30, 16, 0, tzinfo=BERLIN),
    )
    factories.event(
        "Sonntag in Winterzeit",
        starts_at=datetime.datetime(2027, 10, 31, 10, 0, tzinfo=BERLIN),
        ends_at=datetime.datetime(2027, 10, 31, 16, 0, tzinfo=BERLIN),
    )
    factories.event(
        "Über die Umstellung",
        starts_at=datetime.datetime(2027, 10, 30, 22, 0, tzinfo=BERLIN),
        ends_at=datetime.datetime(2027, 10, 31, 4, 0, tzinfo=BERLIN),
    )
    response = client.get(reverse("events:calendar"))
    response_text = response.content.decode()
    calendar = _parse(response)
    [timezone] = calendar.walk("VTIMEZONE")
    assert timezone["TZID"] == "Europe/Berlin"
    assert {c.name for c in timezone.subcomponents} >= {"STANDARD", "DAYLIGHT"}
    entries = _entries(calendar)

    saturday = entries["Samstag in Sommerzeit"]
    assert saturday["DTSTART"].params["TZID"] == "Europe/Berlin"
    start = saturday.decoded("DTSTART")
    assert (start.hour, start.utcoffset()) == (10, datetime.timedelta(hours=2))
    assert start.astimezone(datetime.UTC).hour == 8

    sunday = entries["Sonntag in Winterzeit"].decoded("DTSTART")
    assert (sunday.hour, sunday.utcoffset()) == (10, datetime.timedelta(hours=1))
    assert sunday.astimezone(datetime.UTC).hour == 9

    night = entries["Über die Umstellung"]
    length = night.decoded("DTEND").astimezone(datetime.UTC) - night.decoded(
        "DTSTART"
    ).astimezone(datetime.UTC)
    assert length == datetime.timedelta(hours=7)  # 22:00 to 4:00 with the hour back

    # The same, read with the VTIMEZONE alone (as a program without tz data does),
    # by icalendar and by a second reader, vobject.
    rules = timezone.to_tz()
    vobject_rules = vobject.readOne(response_text).vtimezone.gettzinfo()
    for reader in (rules, vobject_rules):
        for moment, hours in [
            (datetime.datetime(2027, 10, 30, 10), 2),
            (datetime.datetime(2027, 10, 31, 10), 1),
            (datetime.datetime(2027, 3, 28, 10), 2),
            (datetime.datetime(2027, 1, 15, 10), 1),
        ]:
            offset = moment.replace(tzinfo=reader).utcoffset()
            assert offset == datetime.timedelta(hours=hours), (reader, moment)


def test_german_dates_across_the_change():
    sunday = factories.event(
        starts_at=datetime.datetime(2027, 10, 31, 10, 0, tzinfo=BERLIN),
        ends_at=datetime.datetime(2027, 10, 31, 16, 30, tzinfo=BERLIN),
    )
    assert when(sunday) == "Sonntag, 31. Oktober 2027, 10:00–16:30 Uhr"
    days = factories.event(
        all_day=True,
        starts_at=datetime.datetime(2027, 10, 30, 0, 0, tzinfo=BERLIN),
        ends_at=datetime.datetime(2027, 10, 31, 23, 59, tzinfo=BERLIN),
    )
    assert when(days) == "30. Oktober bis 31. Oktober 2027"


def test_english_dates_keep_the_day_first():
    sunday = factories.event(
        starts_at=datetime.datetime(2027, 10, 31, 10, 0, tzinfo=BERLIN),
        ends_at=datetime.datetime(2027, 10, 31, 16, 30, tzinfo=BERLIN),
    )
    days = factories.event(
        all_day=True,
        starts_at=datetime.datetime(2027, 12, 30, 0, 0, tzinfo=BERLIN),
        ends_at=datetime.datetime(2028, 1, 2, 23, 59, tzinfo=BERLIN),
    )
    with override("en"):
        assert when(sunday).startswith("Sunday, 31 October 2027, 10:00–16:30")
        assert when(days) == "30 December 2027 to 2 January 2028"


def test_an_all_day_event_is_a_date_with_an_exclusive_end(client):
    event = factories.event(
        "Zwei Tage",
        all_day=True,
        starts_at=datetime.datetime(2027, 3, 27, 0, 0, tzinfo=BERLIN),
        ends_at=datetime.datetime(2027, 3, 28, 23, 59, tzinfo=BERLIN),
    )
    entry = _entries(
        _parse(client.get(reverse("events:event-calendar", args=[event.slug])))
    )["Zwei Tage"]
    assert entry.decoded("DTSTART") == datetime.date(2027, 3, 27)
    assert entry.decoded("DTEND") == datetime.date(2027, 3, 29)


def test_entries_carry_uid_url_location_geo_and_a_sequence_that_counts_changes(client):
    event = factories.event(
        "Fachforum Gewerbe",
        venue_name="Stadthalle Beverungen",
        venue_address="Jahnweg 1\n37688 Beverungen",
        latitude="51.66300",
        longitude="9.37300",
        capacity=20,
    )
    url = reverse("events:event-calendar", args=[event.slug])
    first = _entries(_parse(client.get(url)))["Fachforum Gewerbe"]
    assert str(first["UID"]) == f"{event.uid}@regiondermitte.de"
    assert str(first["URL"]).endswith(event.get_absolute_url())
    assert (
        str(first["LOCATION"]) == "Stadthalle Beverungen, Jahnweg 1, 37688 Beverungen"
    )
    assert first["GEO"].latitude == pytest.approx(51.663)
    assert first["SEQUENCE"] == 0
    assert str(first["STATUS"]) == "CONFIRMED"

    # A new teaser is no news for calendars; a new time is.
    event.teaser = "Ein anderer Anreißer."
    services.event_save(event=event)
    assert _entries(_parse(client.get(url)))["Fachforum Gewerbe"]["SEQUENCE"] == 0
    event.starts_at += datetime.timedelta(hours=1)
    event.ends_at += datetime.timedelta(hours=1)
    services.event_save(event=event)
    second = _entries(_parse(client.get(url)))["Fachforum Gewerbe"]
    assert second["SEQUENCE"] == 1
    assert second["UID"] == first["UID"]


def test_changing_or_cancelling_mails_participants_the_updated_calendar(client):
    event = factories.event("Unternehmensforum", capacity=1)
    participant = factories.registration(event, email="dabei@example.org")
    waiting = factories.registration(event, email="wartet@example.org")
    assert waiting.status == "waiting"
    mail.outbox.clear()
    event.starts_at += datetime.timedelta(days=1)
    event.ends_at += datetime.timedelta(days=1)
    services.event_save(event=event)
    changed = {m.to[0]: m for m in mail.outbox}
    assert set(changed) == {"dabei@example.org", "wartet@example.org"}
    assert "Geändert" in changed["dabei@example.org"].subject
    ics = Calendar.from_ical(changed["dabei@example.org"].attachments[0][1])
    assert ics.walk("VEVENT")[0]["SEQUENCE"] == 1
    assert not changed["wartet@example.org"].attachments  # no seat: no calendar entry

    mail.outbox.clear()
    services.event_cancel(event=event, reason="Die Halle ist gesperrt.")
    cancelled = {m.to[0]: m for m in mail.outbox}
    assert set(cancelled) == {"dabei@example.org", "wartet@example.org"}
    message = cancelled[participant.email]
    assert "Abgesagt" in message.subject and "Die Halle ist gesperrt." in message.body
    entry = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
    assert str(entry["STATUS"]) == "CANCELLED" and entry["SEQUENCE"] == 2
    public = _entries(_parse(client.get(reverse("events:calendar"))))[
        "Unternehmensforum"
    ]
    assert str(public["STATUS"]) == "CANCELLED"


def test_the_calendar_narrows_by_space_and_state_and_leaves_drafts_out(client):
    neighbours = factories.event_space("nachbarschaftsforum")
    business = factories.event_space("unternehmensforum")
    factories.event("In Uslar", space=neighbours, state_ni=True)
    factories.event("In Wolfhagen", space=business, state_ni=False, state_he=True)
    factories.event("Entwurf", status=Event.Status.DRAFT)
    everything = _entries(_parse(client.get(reverse("events:calendar"))))
    assert set(everything) == {"In Uslar", "In Wolfhagen"}
    by_space = client.get(reverse("events:calendar"), {"bereich": "unternehmensforum"})
    assert set(_entries(_parse(by_space))) == {"In Wolfhagen"}
    by_state = client.get(reverse("events:calendar"), {"land": "NI"})
    assert set(_entries(_parse(by_state))) == {"In Uslar"}
    assert (
        client.get(reverse("events:calendar"), {"bereich": "gibtsnicht"}).status_code
        == 404
    )
    assert client.get(reverse("events:calendar"), {"land": "XX"}).status_code == 404
