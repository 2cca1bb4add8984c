"""Subscribing (double opt-in), confirming, unsubscribing; issues: test mail and
sending (the sending itself is `tasks.send_issue`)."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core import mail
from core.states import STATE_FIELDS

from . import tasks
from .models import Issue, Subscriber


@transaction.atomic
def subscribe(
    *, email: str, states: list[str], language: str = settings.LANGUAGE_CODE
) -> Subscriber | None:
    """Ask for the newsletter. A new address (or one still unconfirmed) gets the
    confirmation mail, in `language` as every mail after it; a confirmed one gets
    nothing and changes nothing, so that the form tells nobody whether an address
    is subscribed."""
    Subscriber.objects.expired().delete()
    email = email.strip().lower()
    subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
    if subscriber is not None and subscriber.is_confirmed:
        return None
    if subscriber is None:
        subscriber = Subscriber(email=email)
    for state, field in STATE_FIELDS.items():
        setattr(subscriber, field, state in states)
    subscriber.language = mail.known_language(language)
    subscriber.save()
    # Queued when the transaction commits (django-tasks' ENQUEUE_ON_COMMIT).
    tasks.send_confirmation.enqueue(subscriber_id=subscriber.pk)
    return subscriber


@transaction.atomic
def confirm(*, subscriber: Subscriber) -> Subscriber:
    if not subscriber.is_confirmed:
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["confirmed_at"])
    return subscriber


@transaction.atomic
def unsubscribe(*, subscriber: Subscriber) -> None:
    """End the subscription; the address is not kept."""
    subscriber.delete()


@transaction.atomic
def issue_save(*, issue: Issue, author=None) -> Issue:
    if issue.status != Issue.Status.DRAFT:
        raise ValueError("A sent issue is not changed.")
    if issue.created_by_id is None and author is not None:
        issue.created_by = author
    issue.save()
    return issue


def issue_send_test(*, issue: Issue, to: str) -> int:
    """The issue as subscribers will get it, to one address (the editor's own)."""
    return tasks.send_test.call(issue_id=issue.pk, to=to)


@transaction.atomic
def issue_send(*, issue: Issue) -> bool:
    """Start sending (once): the background task mails every confirmed subscriber
    the issue reaches. False when it was already started."""
    locked = Issue.objects.select_for_update().get(pk=issue.pk)
    if locked.status != Issue.Status.DRAFT:
        return False
    locked.status = Issue.Status.SENDING
    locked.recipient_count = (
        Subscriber.objects.confirmed().for_states(locked.states).count()
    )
    locked.save(update_fields=["status", "recipient_count"])
    tasks.send_issue.enqueue(issue_id=locked.pk)
    return True
