"""The daily round: reminders the day before, anonymising 90 days after."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from accounts.services import user_export
from events import tasks
from events.models import Event, Registration
from tests import factories

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def _at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=BERLIN)


def test_reminders_go_the_day_before_once_to_those_with_a_seat():
    with time_machine.travel(_at(2027, 10, 20, 12, 0), tick=False):
        event = factories.event(
            "Fachforum Mobilität",
            starts_at=_at(2027, 10, 31, 10, 0),
            ends_at=_at(2027, 10, 31, 16, 0),
            capacity=1,
        )
        factories.registration(event, email="platz@example.org")
        factories.registration(event, email="wartet@example.org")
        other = factories.event(starts_at=_at(2027, 11, 2, 10, 0))
        factories.registration(other, email="spaeter@example.org")
    mail.outbox.clear()
    # Two days before: nothing yet.
    with time_machine.travel(_at(2027, 10, 29, 8, 0), tick=False):
        assert tasks.daily.call(reschedule=False)["reminders"] == 0
    # The day before (in summer time; the event is in winter time): once.
    with time_machine.travel(_at(2027, 10, 30, 8, 0), tick=False):
        assert tasks.daily.call(reschedule=False)["reminders"] == 1
        assert tasks.daily.call(reschedule=False)["reminders"] == 0
    [reminder] = mail.outbox
    assert reminder.to == ["platz@example.org"]
    assert "Morgen" in reminder.subject
    assert "Sonntag, 31. Oktober 2027, 10:00–16:00 Uhr" in reminder.body
    assert reminder.attachments


def test_cancelled_events_send_no_reminder():
    with time_machine.travel(_at(2027, 5, 1, 12, 0), tick=False):
        event = factories.event(starts_at=_at(2027, 5, 10, 10, 0))
        factories.registration(event)
        event.status = Event.Status.CANCELLED
        event.cancel_reason = "Krankheit"
        event.save()
    mail.outbox.clear()
    with time_machine.travel(_at(2027, 5, 9, 8, 0), tick=False):
        assert tasks.send_reminders() == 0


def test_personal_data_is_anonymised_to_counts_90_days_after_the_event():
    user = factories.user()
    with time_machine.travel(_at(2027, 1, 10, 12, 0), tick=False):
        event = factories.event(
            starts_at=_at(2027, 2, 1, 10, 0),
            ends_at=_at(2027, 2, 1, 16, 0),
            capacity=1,
            ask_organisation="optional",
        )
        factories.registration(event, user=user, organisation="Stadt Uslar")
        factories.registration(event, name="Gast", email="gast@example.org")
    assert user_export(user=user)["events"]["registrations"][0]["organisation"] == (
        "Stadt Uslar"
    )
    with time_machine.travel(_at(2027, 5, 1, 8, 0), tick=False):  # 89 days
        assert tasks.anonymise_past() == 0
    with time_machine.travel(_at(2027, 5, 3, 8, 0), tick=False):
        assert tasks.daily.call(reschedule=False)["anonymised"] == 1
        assert tasks.anonymise_past() == 0
    rows = list(Registration.objects.values("user", "name", "email", "organisation"))
    assert rows == [{"user": None, "name": "", "email": "", "organisation": ""}] * 2
    counted = Event.objects.with_counts().get()
    assert (counted.seats_taken, counted.waiting_count) == (1, 1)
    assert counted.anonymised_at is not None
    assert user_export(user=user)["events"]["registrations"] == []


def test_the_round_is_queued_again_for_the_next_morning(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    from django_tasks import default_task_backend

    default_task_backend.clear()
    now = _at(2027, 10, 30, 8, 0, 5)
    with time_machine.travel(now, tick=False):
        tasks.daily.call()
    [queued] = default_task_backend.results
    assert queued.task.run_after == _at(2027, 10, 31, 8, 0)
    assert tasks.next_run(_at(2027, 10, 30, 7, 0)) == _at(2027, 10, 30, 8, 0)


def test_the_privacy_page_of_the_demo_says_so(db):
    from io import StringIO

    from demo.loaders import pages

    pages.load(stdout=StringIO())
    from pages.models import Page

    text = Page.objects.get(slug="datenschutz").body
    assert "Veranstaltungen" in text and "90 Tage" in text
    assert timezone.now()
