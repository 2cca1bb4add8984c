"""Newsletter mail in the background (django-tasks): the confirmation link, the test
mail, the issue to every subscriber, and the daily removal of unconfirmed addresses.
All of it goes out through core.mail.send_each."""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import default_task_backend, task

from core import mail

from .models import Delivery, Issue, Subscriber

logger = logging.getLogger(__name__)

CLEANUP_AT = datetime.time(3, 30)


def _unsubscribe_url(subscriber: Subscriber) -> tuple[str, str]:
    from .tokens import token

    value = token(subscriber, "unsubscribe")
    return mail.absolute(
        reverse("newsletter:unsubscribe", kwargs={"token": value})
    ), value


def issue_message(issue: Issue, subscriber: Subscriber | None, *, to: str):
    """The issue as one recipient gets it (a test mail has no subscription)."""
    if subscriber is not None:
        unsubscribe_url, value = _unsubscribe_url(subscriber)
    else:
        unsubscribe_url, value = mail.absolute(reverse("newsletter:subscribe")), None
    archive_url = mail.absolute(issue.get_absolute_url())
    # Both parts from the same rewritten HTML, so their links agree.
    body_html = mail.absolute_links(issue.body_html, base=archive_url)
    return mail.message(
        to=to,
        subject=_("Newsletter: %(subject)s") % {"subject": issue.subject},
        template="mail/newsletter/issue.txt",
        context={
            "issue": issue,
            "body_html": body_html,
            "body_text": mail.plain_text(body_html),
            "archive_url": archive_url,
            "is_test": subscriber is None,
        },
        unsubscribe_url=unsubscribe_url if subscriber is not None else None,
        unsubscribe_token=value,
        headers={"Precedence": "bulk"},
    )


@task()
def send_confirmation(subscriber_id: int) -> int:
    from .tokens import token

    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None or subscriber.is_confirmed:
        return 0
    with translation.override(mail.known_language(subscriber.language)):
        message = mail.message(
            to=subscriber.email,
            subject=_("Please confirm your newsletter subscription"),
            template="mail/newsletter/confirm.txt",
            context={
                "confirm_url": mail.absolute(
                    reverse(
                        "newsletter:confirm",
                        kwargs={"token": token(subscriber, "confirm")},
                    )
                ),
            },
        )
    return mail.send_each([message], what="newsletter confirmation")


@task()
def send_test(issue_id: int, to: str) -> int:
    issue = Issue.objects.filter(pk=issue_id).first()
    if issue is None:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        message = issue_message(issue, None, to=to)
    return mail.send_each([message], what="newsletter test")


@task()
def send_issue(issue_id: int) -> dict:
    """Mail the issue to each confirmed subscriber it reaches, one by one. A row per
    recipient is written before their mail goes: run again (a retry, a second
    worker), it sends only to whom nothing was sent or whose mail failed."""
    issue = Issue.objects.filter(pk=issue_id).first()
    if issue is None or issue.status == Issue.Status.DRAFT:
        return {}
    recipients = (
        Subscriber.objects.confirmed()
        .for_states(issue.states)
        .exclude(
            deliveries__issue=issue,
            deliveries__status__in=[Delivery.Status.SENT, Delivery.Status.PENDING],
        )
        .order_by("pk")
    )
    sent = failed = 0
    for subscriber in recipients.iterator():
        try:
            with transaction.atomic():
                delivery, created = Delivery.objects.select_for_update().get_or_create(
                    issue=issue,
                    subscriber=subscriber,
                    defaults={"status": Delivery.Status.PENDING},
                )
                if not created and delivery.status != Delivery.Status.FAILED:
                    continue
                delivery.status = Delivery.Status.PENDING
                delivery.save(update_fields=["status"])
        except IntegrityError:
            continue  # another worker has it
        # The issue is written in German; its frame in the subscriber's language.
        with translation.override(mail.known_language(subscriber.language)):
            message = issue_message(issue, subscriber, to=subscriber.email)
        ok = mail.send_each([message], what="newsletter issue")
        delivery.status = Delivery.Status.SENT if ok else Delivery.Status.FAILED
        delivery.at = timezone.now()
        delivery.save(update_fields=["status", "at"])
        sent, failed = sent + bool(ok), failed + (not ok)
    # A save, not an update: the archive's cached pages learn of the new issue.
    issue.refresh_from_db()
    issue.status = Issue.Status.SENT
    issue.sent_at = issue.sent_at or timezone.now()
    issue.save()
    return {"sent": sent, "failed": failed}


# --- the daily round: unconfirmed addresses go after 7 days ------------------------


def next_run(now: datetime.datetime) -> datetime.datetime:
    berlin = timezone.get_default_timezone()
    local = timezone.localtime(now, berlin)
    run = datetime.datetime.combine(local.date(), CLEANUP_AT, tzinfo=berlin)
    if run <= local:
        run = datetime.datetime.combine(
            local.date() + datetime.timedelta(days=1), CLEANUP_AT, tzinfo=berlin
        )
    return run


@task()
def cleanup(*, reschedule: bool = True) -> int:
    """Delete addresses nobody confirmed within 7 days; queue tomorrow's round."""
    deleted, _rows = Subscriber.objects.expired().delete()
    if reschedule:
        _enqueue_next(timezone.now())
    return deleted


def _enqueue_next(now) -> None:
    if not default_task_backend.supports_defer:
        return
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:
        return
    if DBTaskResult.objects.filter(
        task_path=cleanup.module_path, status="READY"
    ).exists():
        return
    cleanup.using(run_after=next_run(now)).enqueue()


def schedule_cleanup(sender=None, **kwargs) -> None:
    if not default_task_backend.supports_defer:
        return
    try:
        _enqueue_next(timezone.now())
    except Exception:
        logger.exception("Could not queue the newsletter's daily round.")
