"""The final notice of archive mode: one last e-mail to everyone who asked for mail.

It lives here, at the top, because its recipients come from the content apps.
Each source returns e-mail addresses; a new kind of subscriber (the newsletter's,
say) is one more line in `RECIPIENT_SOURCES`.
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone, translation
from django_tasks import task

from core import mail
from forums.models import ForumSubscription, TopicSubscription
from newsletter.models import Subscriber
from pages.models import Archive


def forum_followers() -> Iterable[str]:
    """Users following a topic or a forum, with a confirmed address."""
    users = get_user_model().objects.filter(
        Q(Exists(TopicSubscription.objects.filter(user=OuterRef("pk"))))
        | Q(Exists(ForumSubscription.objects.filter(user=OuterRef("pk"))))
    )
    return mail.with_verified_address(users).values_list("email", flat=True)


def newsletter_subscribers() -> Iterable[str]:
    """Confirmed subscribers of the newsletter."""
    return Subscriber.objects.confirmed().values_list("email", flat=True)


RECIPIENT_SOURCES: list[Callable[[], Iterable[str]]] = [
    forum_followers,
    newsletter_subscribers,
]


def final_notice_recipients() -> list[str]:
    """Every address once (case-insensitively), sorted, from all sources."""
    seen: dict[str, str] = {}
    for source in RECIPIENT_SOURCES:
        for address in source():
            if address:
                seen.setdefault(address.strip().lower(), address.strip())
    return sorted(seen.values(), key=str.lower)


def final_notice_message(*, archive: Archive, to: str):
    with translation.override(settings.LANGUAGE_CODE):
        return mail.message(
            to=to,
            subject=archive.notice_subject,
            template="pages/email/final_notice.txt",
            context={
                "archive": archive,
                "text": archive.notice_text,
                "site_url": mail.absolute("/"),
            },
        )


@task()
def send_final_notice_task(archive_id: int) -> int:
    archive = Archive.objects.get(pk=archive_id)
    messages = [
        final_notice_message(archive=archive, to=address)
        for address in final_notice_recipients()
    ]
    return mail.send_each(messages, what="final notice", category=mail.FINAL_NOTICE)


@transaction.atomic
def archive_send_final_notice(*, archive: Archive) -> bool:
    """Send the final notice once, in the background; False if it went out before
    or archive mode is off (the notice announces the archive)."""
    archive = Archive.objects.select_for_update().get(pk=archive.pk)
    if not archive.active or archive.final_notice_sent_at is not None:
        return False
    archive.final_notice_sent_at = timezone.now()
    archive.save(update_fields=["final_notice_sent_at"])
    transaction.on_commit(lambda: send_final_notice_task.enqueue(archive.pk))
    return True
