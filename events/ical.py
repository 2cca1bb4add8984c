"""Events as iCalendar (RFC 5545), for calendar programs and mail attachments.

Each event keeps one UID for life and a SEQUENCE that its service raises whenever
time, place or status change, so a calendar that imported it updates the entry
instead of adding a second one. Times carry TZID=Europe/Berlin with its VTIMEZONE,
so they stay right across the change to and from summer time, whatever the reader's
calendar is set to.

The VTIMEZONE is written with the EU's yearly rules (RRULE), the form Outlook and
Thunderbird write themselves. icalendar's own (`add_missing_timezones`) lists every
change since 1970 as RDATEs, which some readers get wrong: vobject reads every date
in it as winter time (tests/events/test_calendar.py checks both readers). The rule
holds since 1996, earlier than any event here.
"""

import datetime
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from icalendar import (
    Calendar,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vGeo,
    vText,
)
from icalendar import Event as CalendarEvent

from core.mail import absolute

from .models import BERLIN, Event

PRODID = "-//Region der Mitte//Veranstaltungen//DE"


def calendar(
    events,
    *,
    name: str,
    private: bool = False,
    attends_online: bool = False,
    method: str = "PUBLISH",
) -> bytes:
    """The events as one .ics file.

    `private`: for a registered participant (their mail): the online link is in it.
    Public calendars never carry it. `attends_online`: the participant takes part in
    a hybrid event online, so their entry's place is the link, as at an online event.
    """
    cal = _calendar(name=name, method=method)
    for event in events:
        cal.add_component(
            _component(event, private=private, attends_online=attends_online)
        )
    cal.add_component(berlin())
    return cal.to_ical()


def cancellation(event: Event, *, attendee: str) -> bytes:
    """The event taken out of one person's calendar: their registration is cancelled.

    An iTIP CANCEL (RFC 5546, 3.2.5) for the UID of the entry their registration mail
    carried, with a SEQUENCE above it, or calendars keep the entry as the newer one.
    ORGANIZER is required there; ATTENDEE names whom it removes.
    """
    cal = _calendar(name=event.title, method="CANCEL")
    item = _component(event, private=False)
    for name, value in (("sequence", event.sequence + 1), ("status", "CANCELLED")):
        item.pop(name)
        item.add(name, value)
    item.add("organizer", f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
    item.add("attendee", f"mailto:{attendee}")
    cal.add_component(item)
    cal.add_component(berlin())
    return cal.to_ical()


def _calendar(*, name: str, method: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Berlin")
    return cal


def berlin() -> Timezone:
    """Europe/Berlin: CEST from the last Sunday of March, 2:00, to the last Sunday of
    October, 3:00 (EU rules since 1996)."""
    zone = Timezone()
    zone.add("tzid", "Europe/Berlin")
    zone.add("x-lic-location", "Europe/Berlin")
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("tzoffsetfrom", datetime.timedelta(hours=1))
    summer.add("tzoffsetto", datetime.timedelta(hours=2))
    summer.add("dtstart", datetime.datetime(1970, 3, 29, 2, 0))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("tzoffsetfrom", datetime.timedelta(hours=2))
    winter.add("tzoffsetto", datetime.timedelta(hours=1))
    winter.add("dtstart", datetime.datetime(1970, 10, 25, 3, 0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def _component(
    event: Event, *, private: bool, attends_online: bool = False
) -> CalendarEvent:
    item = CalendarEvent()
    item.add("uid", event.ical_uid)
    item.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    item.add("created", event.created_at.astimezone(datetime.UTC))
    item.add("last-modified", event.updated_at.astimezone(datetime.UTC))
    item.add("sequence", event.sequence)
    item.add("summary", event.title)
    if event.all_day:
        # DATE values; DTEND is the day after the last day (exclusive).
        item.add("dtstart", event.local_start.date())
        item.add("dtend", event.local_end.date() + datetime.timedelta(days=1))
    else:
        item.add("dtstart", event.starts_at.astimezone(BERLIN))
        item.add("dtend", event.ends_at.astimezone(BERLIN))
    url = absolute(event.get_absolute_url())
    item.add("url", url)
    description = [event.teaser]
    if private and event.is_online and event.online_url:
        description.append(f"Online-Teilnahme: {event.online_url}")
    if event.is_cancelled:
        description.insert(0, f"ABGESAGT: {event.cancel_reason}")
    description.append(url)
    item.add("description", "\n\n".join(description))
    location = event.location_text
    online = event.format == Event.Format.ONLINE or attends_online
    if private and online and event.online_url:
        location = event.online_url
    elif private and event.format == Event.Format.HYBRID and event.online_url:
        location = f"{location} / {event.online_url}"
    item.add("location", vText(location))
    if event.has_geo and event.is_on_site and not attends_online:
        item.add("geo", vGeo((float(event.latitude), float(event.longitude))))
    if event.space_id:
        item.add("categories", [event.space.name])
    item.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    item.add("transp", "OPAQUE")
    return item
