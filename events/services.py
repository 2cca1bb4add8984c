"""Writes on events and registrations: seats, the waiting list, changes people must hear of.

Who gets a seat is decided with the event's row locked (`SELECT … FOR UPDATE`):
whoever registers, confirms, cancels or changes the capacity waits for the others,
counts the seats anew and decides. Two people can never both take the last seat.
Mail is queued after the commit, so nobody is told of what was rolled back.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import images, mail, pagecache

from .models import Event, Registration
from .permissions import may_register

TOKEN_SALT = "events.registration"  # noqa: S105 (a namespace, not a secret)
# A guest's confirmation link holds this long; a cancel link until the event is over.
CONFIRM_MAX_AGE = 7 * 24 * 60 * 60
# Changes of these fields are news to participants: new SEQUENCE, mail with the .ics.
ANNOUNCED_FIELDS = [
    "title",
    "starts_at",
    "ends_at",
    "all_day",
    "format",
    "venue_name",
    "venue_address",
    "online_url",
    "status",
]


class RegistrationRefused(Exception):
    """Why someone cannot register (German, for the page); `code` for the caller."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Answers:
    """What the registration form asks beyond name and address (per event)."""

    organisation: str = ""
    function: str = ""
    dietary_needs: str = ""
    accessibility_needs: str = ""
    # A hybrid event's "on site or online" (Registration.Attendance); else ignored.
    attendance: str = ""


# --- tokens in mail links ---------------------------------------------------------


def registration_token(registration: Registration, purpose: str) -> str:
    """A signed token for a mail link: "confirm" or "cancel" this registration."""
    return signing.dumps(
        {"r": registration.pk, "p": purpose}, salt=TOKEN_SALT, compress=True
    )


def registration_from_token(token: str, purpose: str) -> Registration | None:
    """The registration a link names, or None when the link is forged or too old."""
    max_age = CONFIRM_MAX_AGE if purpose == "confirm" else None
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("p") != purpose:
        return None
    return (
        Registration.objects.select_related("event", "user")
        .filter(pk=data.get("r"))
        .first()
    )


# --- events -----------------------------------------------------------------------


@transaction.atomic
def event_save(*, event: Event, image_changed: bool = False) -> Event:
    """Validate and save an event; tell its participants what changed for them.

    A change of time, place, format, link or status raises the calendar SEQUENCE
    and mails the registered and waiting people the updated .ics. A larger capacity
    lets people move up from the waiting list.
    """
    before = None
    if event.pk:
        before = Event.objects.select_for_update().filter(pk=event.pk).first()
    old_names = []
    if image_changed or (not event.image and event.image_renditions):
        old_names = images.stored_image_files(Event, event.pk)
        event.image_renditions = []
        if event.image:
            event.image_renditions = images.store_renditions(
                event.image, Event.IMAGE_WIDTHS, "events"
            )
        else:
            event.image_width = event.image_height = None
    event.full_clean()
    changed = [
        name
        for name in ANNOUNCED_FIELDS
        if before is not None and getattr(before, name) != getattr(event, name)
    ]
    announced = before is not None and before.status != Event.Status.DRAFT
    if changed and announced:
        event.sequence = before.sequence + 1
    event.save()
    kept = {rendition["name"] for rendition in event.image_renditions}
    obsolete = [name for name in old_names if name not in kept]
    if obsolete:
        transaction.on_commit(lambda: images.delete_files(obsolete))
    if event.is_published:
        _move_up(event)
    if changed and announced:
        _notify_change(event, cancelled="status" in changed and event.is_cancelled)
    return event


@transaction.atomic
def event_cancel(*, event: Event, reason: str) -> Event:
    """Cancel: the page says so with the reason, calendars get STATUS:CANCELLED, and
    every registered and waiting person is told."""
    event.status = Event.Status.CANCELLED
    event.cancel_reason = reason
    return event_save(event=event)


def _notify_change(event: Event, *, cancelled: bool) -> None:
    from . import tasks

    sequence = event.sequence
    transaction.on_commit(
        lambda: tasks.mail_event_changed.enqueue(event.pk, sequence, cancelled)
    )


@transaction.atomic
def participants_message(*, event: Event, subject: str, body: str, sender) -> int:
    """Queue an organiser's mail to everyone registered (and, by choice, waiting).

    Returns how many people it goes to.
    """
    from . import tasks

    count = event.registrations.confirmed().count()
    sender_name = sender.public_name if sender else ""
    transaction.on_commit(
        lambda: tasks.mail_participants.enqueue(event.pk, subject, body, sender_name)
    )
    return count


# --- registration -----------------------------------------------------------------


def _locked(event: Event) -> Event:
    """The event's row, locked until the transaction ends (seats are counted under it)."""
    return Event.objects.select_for_update().get(pk=event.pk)


def _check_open(event: Event) -> None:
    if event.is_cancelled:
        raise RegistrationRefused(_("This event has been cancelled."), code="cancelled")
    if not event.takes_registrations:
        raise RegistrationRefused(
            _("This event needs no registration: just come."), code="none"
        )
    if not event.registration_is_open:
        raise RegistrationRefused(
            _("Registration for this event has closed."), code="closed"
        )


def _place(event: Event, *, attendance: str = "") -> str:
    """Confirmed while a seat is free, else waiting (or refused without a list).

    Who takes part in a hybrid event online needs no seat and is confirmed at once:
    the limit is the room's (`Event.takes_seat`). The event must be locked: the
    count and the decision belong together.
    """
    if not event.takes_seat(attendance):
        return Registration.Status.CONFIRMED
    left = event.seats_left(event.registrations.seated().count())
    if left is None or left > 0:
        return Registration.Status.CONFIRMED
    if event.waiting_list:
        return Registration.Status.WAITING
    raise RegistrationRefused(
        _("All seats are taken, and this event has no waiting list."), code="full"
    )


def _answers(event: Event, answers: Answers | None) -> dict:
    """Only what the event asks for is kept; required answers must be there."""
    answers = answers or Answers()
    values = {}
    for field in Event.QUESTIONS:
        question = event.question(field)
        value = getattr(answers, field, "").strip()
        if question == Event.Ask.REQUIRED and not value:
            raise RegistrationRefused(
                _("Please fill in: %(field)s.") % {"field": Event.QUESTIONS[field]},
                code="required",
            )
        values[field] = value if question != Event.Ask.NO else ""
    values["attendance"] = _attendance(event, answers.attendance)
    return values


def _attendance(event: Event, attendance: str) -> str:
    """On site or online: kept for a hybrid event only (the format says it for the
    others). The form requires it; left blank, a hybrid participant counts as on
    site (a seat is kept for them)."""
    if not event.is_hybrid:
        return ""
    if attendance and attendance not in Registration.Attendance.values:
        raise RegistrationRefused(
            _("Please choose whether you take part on site or online."),
            code="attendance",
        )
    return attendance


@transaction.atomic
def registration_create_for_user(
    *,
    event: Event,
    user,
    answers: Answers | None = None,
    language: str = settings.LANGUAGE_CODE,
) -> Registration:
    """Register a signed-in person in one click: a seat, or a place on the waiting list
    (online at a hybrid event: always a place, see `_place`).

    Registering twice returns the registration they have. `language` is kept as for a
    guest (see `registration_request`), but their mails follow their account.
    """
    event = _locked(event)
    existing = (
        Registration.objects.active().filter(event=event, user=user).first()
        if user.is_authenticated
        else None
    )
    if existing:
        return existing
    _check_open(event)
    allowed, reason = may_register(user, event)
    if not allowed:
        raise RegistrationRefused(reason, code="not-allowed")
    values = _answers(event, answers)
    status = _place(event, attendance=values["attendance"])
    now = timezone.now()
    registration = Registration(
        event=event,
        user=user,
        name=user.display_name or "",
        email=user.email.lower(),
        status=status,
        confirmed_at=now,
        language=mail.known_language(language),
        **values,
    )
    registration.full_clean(exclude=["event", "user"])
    registration.save()
    _queue_mail(registration, "confirmed" if status == "confirmed" else "waiting")
    return registration


@transaction.atomic
def registration_request(
    *,
    event: Event,
    name: str,
    email: str,
    answers: Answers | None = None,
    language: str = settings.LANGUAGE_CODE,
) -> Registration:
    """A guest's registration: nothing counts until they follow the link in the mail
    (double opt-in), so nobody can register a stranger.

    Whoever is already registered with the address gets a mail saying so, and the
    page says the same in every case: it never tells a stranger who is registered.
    `language` (the page's) is the language every mail about the registration is
    written in.
    """
    _check_open(event)
    allowed, reason = may_register(None, event)
    if not allowed:
        raise RegistrationRefused(reason, code="not-allowed")
    email = email.strip().lower()
    existing = Registration.objects.active().filter(event=event, email=email).first()
    if existing is not None:
        kind = "confirm-link" if existing.status == "pending" else "already"
        _queue_mail(existing, kind)
        return existing
    registration = Registration(
        event=event,
        name=name.strip(),
        email=email,
        status=Registration.Status.PENDING,
        language=mail.known_language(language),
        **_answers(event, answers),
    )
    registration.full_clean(exclude=["event"])
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        # The same address at the same moment: the other request's mail goes out.
        return Registration.objects.active().get(event=event, email=email)
    _queue_mail(registration, "confirm-link")
    return registration


@transaction.atomic
def registration_confirm(*, registration: Registration) -> Registration:
    """A guest followed the mail link: now a seat is taken (or a waiting place)."""
    event = _locked(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Registration.Status.PENDING:
        return registration
    _check_open(event)
    registration.status = _place(event, attendance=registration.attendance)
    registration.confirmed_at = timezone.now()
    registration.save(update_fields=["status", "confirmed_at"])
    _queue_mail(
        registration, "confirmed" if registration.status == "confirmed" else "waiting"
    )
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration) -> Registration:
    """Cancel; a freed seat goes to the first on the waiting list, who is told."""
    event = _locked(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.is_active:
        return registration
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    _queue_mail(registration, "cancelled")
    if not event.is_past and event.is_published:
        _move_up(event)
    return registration


@transaction.atomic
def registrations_release(*, user) -> int:
    """Cancel the active registrations of someone who deletes their account, and let
    the waiting lists move up (with their mail). The person gets no mail: their
    address goes with the account. Returns how many were cancelled."""
    released = 0
    events = Event.objects.filter(
        pk__in=Registration.objects.active().filter(user=user).values("event")
    )
    for event in events.order_by("pk"):
        event = _locked(event)
        released += pagecache.update(
            Registration.objects.active().filter(event=event, user=user),
            status=Registration.Status.CANCELLED,
            cancelled_at=timezone.now(),
        )
        if not event.is_past and event.is_published:
            _move_up(event)
    return released


def _move_up(event: Event) -> list[Registration]:
    """Give free seats to the waiting list, first come first served (event locked)."""
    if event.capacity is None:
        waiting = list(event.registrations.waiting().select_for_update())
    else:
        left = event.seats_left(event.registrations.seated().count())
        waiting = list(event.registrations.waiting().select_for_update()[:left])
    for registration in waiting:
        registration.status = Registration.Status.CONFIRMED
        registration.save(update_fields=["status"])
        _queue_mail(registration, "moved-up")
    return waiting


def _queue_mail(registration: Registration, kind: str) -> None:
    from . import tasks

    pk = registration.pk
    transaction.on_commit(lambda: tasks.mail_registration.enqueue(pk, kind))


# --- privacy ----------------------------------------------------------------------


@transaction.atomic
def registrations_anonymise(*, event: Event) -> int:
    """Remove everything personal from an event's registrations; the counts by status
    stay (the rows keep their status and dates, nothing else)."""
    event = _locked(event)
    count = pagecache.update(
        event.registrations.all(),
        user=None,
        name="",
        email="",
        organisation="",
        function="",
        dietary_needs="",
        accessibility_needs="",
    )
    event.anonymised_at = timezone.now()
    event.save(update_fields=["anonymised_at"])
    return count


# --- image ------------------------------------------------------------------------
