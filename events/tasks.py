"""E-mail about events, and the daily round, as background tasks (django-tasks).

Each task reads its rows again when it runs, so what it sends is what the database
says then. A mail server that fails is logged (core.mail) and fails nothing else.

The daily round sends the reminders for tomorrow's events and anonymises the
registrations of events that ended more than 90 days ago. It queues itself for the
next morning each time it runs (on a backend that can defer tasks, as the database
queue of production can); `migrate` queues the first one.
"""

import datetime
import logging

from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import default_task_backend, task

from core import mail, pagecache

logger = logging.getLogger(__name__)

DAILY_AT = datetime.time(8, 0)

# Mails that carry the event as an .ics attachment: the person has a seat. The
# "cancelled" mail carries its iTIP CANCEL instead, which takes the entry out again.
WITH_CALENDAR = {"confirmed", "moved-up", "reminder"}


def language_of(registration) -> str:
    """The language to write to a registered person in: their account's, or for a
    guest the one they registered in (the page's: /en/… or German)."""
    if registration.user_id:
        return mail.language_of(registration.user)
    return mail.known_language(registration.language)


def _subject(kind: str, event) -> str:
    # The msgids are written out for makemessages.
    texts = {
        "confirm-link": _("Please confirm your registration: %(title)s"),
        "already": _("You are already registered: %(title)s"),
        "confirmed": _("Registration confirmed: %(title)s"),
        "waiting": _("On the waiting list: %(title)s"),
        "moved-up": _("A seat is free for you: %(title)s"),
        "cancelled": _("Registration cancelled: %(title)s"),
        "reminder": _("Tomorrow: %(title)s"),
    }
    return texts[kind] % {"title": event.title}


def _attach_calendar(
    message: EmailMessage, registration, *, cancelled: bool = False
) -> None:
    from .ical import calendar

    event = registration.event
    data = calendar(
        [event],
        name=event.title,
        private=not cancelled,
        attends_online=registration.attends_online,
    )
    _attach_ics(message, f"{event.slug}.ics", data, method="PUBLISH")


def _attach_ics(
    message: EmailMessage, filename: str, data: bytes, *, method: str
) -> None:
    # Only the iTIP method goes into the type: Django adds the charset of a text/*
    # attachment itself, and a second one made the header say it twice.
    message.attach(filename, data, f"text/calendar; method={method}")


def registration_message(registration, kind: str) -> EmailMessage | None:
    """The mail of one kind for one registration (see `_subject`), or None."""
    from .services import registration_token

    event = registration.event
    address = registration.address
    if not address:
        return None
    context = {
        "registration": registration,
        "event": event,
        "kind": kind,
        "event_url": mail.absolute(event.get_absolute_url()),
        "cancel_url": mail.absolute(
            reverse(
                "events:registration-cancel",
                kwargs={"token": registration_token(registration, "cancel")},
            )
        ),
        "position": registration.waiting_position,
    }
    if kind == "confirm-link":
        context["confirm_url"] = mail.absolute(
            reverse(
                "events:registration-confirm",
                kwargs={"token": registration_token(registration, "confirm")},
            )
        )
    message = mail.message(
        to=address,
        subject=_subject(kind, event),
        template=f"mail/events/{kind}.txt",
        context=context,
    )
    if kind in WITH_CALENDAR:
        _attach_calendar(message, registration)
    elif kind == "cancelled":
        from .ical import cancellation

        data = cancellation(event, attendee=address)
        _attach_ics(message, f"{event.slug}.ics", data, method="CANCEL")
    return message


@task()
def mail_registration(registration_id: int, kind: str) -> int:
    """One mail about one registration: link to confirm, seat, waiting, moved up…"""
    from .models import Registration

    registration = (
        Registration.objects.select_related("event__space", "user")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return 0
    # Stale by now (cancelled meanwhile): a mail would only confuse.
    expected = {
        "confirm-link": {"pending"},
        "already": {"confirmed", "waiting"},
        "confirmed": {"confirmed"},
        "waiting": {"waiting"},
        "moved-up": {"confirmed"},
        "cancelled": {"cancelled"},
    }
    if registration.status not in expected.get(kind, {registration.status}):
        return 0
    with translation.override(language_of(registration)):
        message = registration_message(registration, kind)
    return mail.send_each(
        [message] if message else [],
        what=f"event {kind}",
        # Its answer to the reader's own cancelling goes out in archive mode too.
        category=mail.ACCOUNT if kind == "cancelled" else mail.NOTIFICATION,
    )


@task()
def mail_event_changed(event_id: int, sequence: int, cancelled: bool) -> int:
    """Tell everyone registered or waiting that the event changed (or was cancelled),
    with the updated .ics. A newer change's task sends instead of an older one."""
    from .models import Event
    from .services import registration_token

    event = Event.objects.select_related("space").filter(pk=event_id).first()
    if event is None or event.sequence != sequence:
        return 0
    registrations = event.registrations.filter(
        status__in=["confirmed", "waiting"]
    ).select_related("user")
    messages = []
    for registration in registrations:
        if not registration.address:
            continue
        with translation.override(language_of(registration)):
            subject = (
                _("Cancelled: %(title)s") if cancelled else _("Changed: %(title)s")
            ) % {"title": event.title}
            message = mail.message(
                to=registration.address,
                subject=subject,
                template="mail/events/changed.txt",
                context={
                    "registration": registration,
                    "event": event,
                    "cancelled": cancelled,
                    "show_online_link": registration.status == "confirmed"
                    and not cancelled,
                    "event_url": mail.absolute(event.get_absolute_url()),
                    "cancel_url": mail.absolute(
                        reverse(
                            "events:registration-cancel",
                            kwargs={
                                "token": registration_token(registration, "cancel")
                            },
                        )
                    ),
                },
            )
            if registration.status == "confirmed" or cancelled:
                _attach_calendar(message, registration, cancelled=cancelled)
            messages.append(message)
    return mail.send_each(messages, what="event changed")


@task()
def mail_participants(event_id: int, subject: str, body: str, sender_name: str) -> int:
    """An organiser's message to every confirmed participant."""
    from .models import Event

    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        return 0
    messages = []
    for registration in event.registrations.participants().select_related("user"):
        if not registration.address:
            continue
        with translation.override(language_of(registration)):
            messages.append(
                mail.message(
                    to=registration.address,
                    subject=subject,
                    template="mail/events/message.txt",
                    context={
                        "registration": registration,
                        "event": event,
                        "body": body,
                        "sender_name": sender_name,
                        "event_url": mail.absolute(event.get_absolute_url()),
                    },
                )
            )
    return mail.send_each(messages, what="message to participants")


# --- the daily round --------------------------------------------------------------


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """Remind everyone with a seat of an event that starts tomorrow (German days).

    Each person once: `reminded_at` is set for those the mail was made for.
    """
    from .models import BERLIN, Registration

    now = now or timezone.now()
    tomorrow = timezone.localtime(now, BERLIN).date() + datetime.timedelta(days=1)
    start = datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=BERLIN)
    end = start + datetime.timedelta(days=1)
    due = list(
        Registration.objects.confirmed()
        .filter(
            reminded_at__isnull=True,
            event__status="published",
            event__starts_at__gte=start,
            event__starts_at__lt=end,
        )
        .select_related("event__space", "user")
    )
    messages = []
    for registration in due:
        with translation.override(language_of(registration)):
            message = registration_message(registration, "reminder")
        if message:
            messages.append(message)
    pagecache.update(
        Registration.objects.filter(pk__in=[r.pk for r in due]), reminded_at=now
    )
    return mail.send_each(messages, what="event reminder")


def anonymise_past(*, now: datetime.datetime | None = None) -> int:
    """Anonymise the registrations of events that ended more than 90 days ago."""
    from .models import ANONYMISE_AFTER, Event
    from .services import registrations_anonymise

    now = now or timezone.now()
    count = 0
    for event in Event.objects.filter(
        ends_at__lt=now - ANONYMISE_AFTER, anonymised_at__isnull=True
    ):
        registrations_anonymise(event=event)
        count += 1
    return count


def next_run(now: datetime.datetime) -> datetime.datetime:
    from .models import BERLIN

    local = timezone.localtime(now, BERLIN)
    run = datetime.datetime.combine(local.date(), DAILY_AT, tzinfo=BERLIN)
    if run <= local:
        run = datetime.datetime.combine(
            local.date() + datetime.timedelta(days=1), DAILY_AT, tzinfo=BERLIN
        )
    return run


@task()
def daily(*, reschedule: bool = True) -> dict:
    """Reminders and anonymising; then queue the next round for tomorrow morning."""
    now = timezone.now()
    result = {
        "reminders": send_reminders(now=now),
        "anonymised": anonymise_past(now=now),
    }
    if reschedule:
        _enqueue_next(now)
    return result


def _enqueue_next(now) -> None:
    if not default_task_backend.supports_defer:
        return
    if _queued():
        return
    daily.using(run_after=next_run(now)).enqueue()


def _queued() -> bool:
    """Whether a round is already waiting in the database queue."""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:
        return False
    return DBTaskResult.objects.filter(
        task_path=daily.module_path, status="READY"
    ).exists()


def schedule_daily(sender=None, **kwargs) -> None:
    """After `migrate`: make sure a daily round is queued (not with immediate tasks)."""
    if not default_task_backend.supports_defer:
        return
    try:
        _enqueue_next(timezone.now())
    except Exception:
        # A database without the queue's table yet (first migrate of a partial set).
        logger.exception("Could not queue the daily events round.")
