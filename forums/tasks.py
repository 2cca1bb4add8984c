"""E-mail from the forums, sent in the background (django-tasks).

A mail server that fails is logged here and never fails the post that caused the
mail: every message is sent on its own, and errors are caught per message. Each
task reads the rows again, so what it sends is what the database says when it runs;
nobody gets mail about a forum they may not read (any more).
"""

import logging

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import default_task_backend, task

from accounts.models import Delivery, NotificationSettings
from core import mail
from core.markdown import render as render_markdown

from .models import (
    ForumSubscription,
    Membership,
    ModerationLog,
    Post,
    Report,
    TopicSubscription,
)
from .permissions import forum_access, readers
from .tokens import MailKind, unsubscribe_token

logger = logging.getLogger(__name__)


def wanting(users, kind: str, delivery: str = Delivery.INSTANT):
    """Narrow users to those whose notification settings ask for this kind of mail
    this way (no row: the defaults, every kind at once); never while paused."""
    if delivery == Delivery.INSTANT:
        return users.exclude(notification_settings__paused=True).exclude(
            **{
                f"notification_settings__{kind}__in": [
                    d for d in Delivery.values if d != Delivery.INSTANT
                ]
            }
        )
    return users.filter(
        notification_settings__paused=False,
        **{f"notification_settings__{kind}": delivery},
    )


def settings_url() -> str:
    return mail.absolute(reverse("notification-settings"))


def kind_links(user, kind: str) -> dict:
    """The one-click link that switches this kind of mail off for `user` (RFC 8058
    headers and the footer), and the settings page."""
    value = unsubscribe_token(
        MailKind(NotificationSettings.objects.for_user(user), kind)
    )
    return {
        "unsubscribe_url": mail.absolute(
            reverse("forums:unsubscribe", kwargs={"token": value})
        ),
        "unsubscribe_token": value,
    }


@task()
def notify_followers(post_id: int) -> int:
    """Tell the followers of a topic and its forum about a new post.

    Not its author; not anyone who may no longer read the forum; nothing at all
    when the post or its topic is hidden by then.
    """
    post = (
        Post.objects.select_related("topic__forum", "author").filter(pk=post_id).first()
    )
    if post is None or post.is_hidden or post.topic.is_hidden:
        return 0
    topic, forum = post.topic, post.topic.forum
    subscriptions = {
        s.user_id: s for s in ForumSubscription.objects.filter(forum=forum)
    }
    # A topic subscription wins: its link ends just that topic's e-mails.
    subscriptions.update(
        {s.user_id: s for s in TopicSubscription.objects.filter(topic=topic)}
    )
    subscriptions.pop(post.author_id, None)
    if not subscriptions:
        return 0
    User = get_user_model()
    recipients = mail.with_verified_address(
        readers(
            forum, wanting(User.objects.filter(pk__in=list(subscriptions)), "posts")
        )
    )
    is_first = post.pk == topic.posts.order_by("pk").values_list("pk", flat=True)[0]
    # As readers see it: without the text of quoted posts hidden in the meantime.
    body_html = mail.absolute_links(
        render_markdown(post.public_body()),
        base=mail.absolute(post.get_absolute_url()),
    )
    body_text = mail.plain_text(body_html)
    messages = []
    for user in recipients:
        # Each recipient in the language of their account: subject, text and links.
        with translation.override(mail.language_of(user)):
            author = post.author.public_name if post.author else _("deleted account")
            if is_first:
                subject = _("New topic in “%(forum)s”: %(topic)s") % {
                    "forum": forum.name,
                    "topic": topic.title,
                }
            else:
                subject = _("New reply: %(topic)s") % {"topic": topic.title}
            subscription = subscriptions[user.pk]
            token = unsubscribe_token(subscription)
            unsubscribe_url = mail.absolute(
                reverse("forums:unsubscribe", kwargs={"token": token})
            )
            messages.append(
                mail.message(
                    to=user.email,
                    subject=subject,
                    template="mail/forums/new_post.txt",
                    context={
                        "recipient": user,
                        "author": author,
                        "post": post,
                        "body_html": body_html,
                        "body_text": body_text,
                        "topic": topic,
                        "forum": forum,
                        "is_first": is_first,
                        "follows_topic": isinstance(subscription, TopicSubscription),
                        "post_url": mail.absolute(post.get_absolute_url()),
                        "settings_url": settings_url(),
                    },
                    # One-click unsubscribe (RFC 8058): the link's GET asks once,
                    # a POST to it ends just this subscription.
                    unsubscribe_url=unsubscribe_url,
                    unsubscribe_token=token,
                )
            )
    return mail.send_each(messages, what="new post")


@task()
def notify_moderation(log_id: int) -> int:
    """Tell an author what a moderator did to their topic or post, and why."""
    entry = (
        ModerationLog.objects.select_related(
            "forum", "target_forum", "topic__forum", "post", "affected_user"
        )
        .filter(pk=log_id)
        .first()
    )
    if entry is None or entry.affected_user is None:
        return 0
    user = entry.affected_user
    if not mail.with_verified_address(
        wanting(get_user_model().objects.filter(pk=user.pk), "moderation")
    ).exists():
        return 0
    forum = entry.topic.forum if entry.topic else entry.forum
    access = forum_access(user, forum)
    if not access.can_read:
        # They may not read where the topic is now: tell them without details of it.
        link, title = None, None
    elif entry.topic is not None and access.can_see_topic(entry.topic):
        link = mail.absolute(
            entry.post.get_absolute_url()
            if entry.post
            else entry.topic.get_absolute_url()
        )
        title = entry.topic.title
    else:
        link, title = mail.absolute(forum.get_absolute_url()), entry.subject
    with translation.override(mail.language_of(user)):
        message = mail.message(
            to=user.email,
            subject=_("Moderation: %(action)s")
            % {"action": entry.get_action_display()},
            template="mail/forums/moderation.txt",
            context={
                "recipient": user,
                "entry": entry,
                "title": title,
                "forum": forum if link else None,
                "link": link,
                "settings_url": settings_url(),
            },
            **kind_links(user, "moderation"),
        )
    return mail.send_each([message], what="moderation notice")


@task()
def notify_membership_request(membership_id: int) -> int:
    """Tell a forum's moderators that someone asks to join."""
    membership = (
        Membership.objects.select_related("forum", "user")
        .filter(pk=membership_id)
        .first()
    )
    if membership is None or membership.status != Membership.Status.PENDING:
        return 0
    forum = membership.forum
    link = mail.absolute(reverse("forums:moderation", kwargs={"forum": forum.slug}))
    messages = []
    for moderator in mail.with_verified_address(
        wanting(forum.moderators.all(), "moderator_tasks")
    ):
        with translation.override(mail.language_of(moderator)):
            messages.append(
                mail.message(
                    to=moderator.email,
                    subject=_("Request to join “%(forum)s”") % {"forum": forum.name},
                    template="mail/forums/membership_request.txt",
                    context={
                        "recipient": moderator,
                        "membership": membership,
                        "forum": forum,
                        "link": link,
                        "settings_url": settings_url(),
                    },
                    **kind_links(moderator, "moderator_tasks"),
                )
            )
    return mail.send_each(messages, what="membership request")


@task()
def notify_membership_decision(membership_id: int) -> int:
    """Tell the applicant whether they may join, either way."""
    membership = (
        Membership.objects.select_related("forum", "user")
        .filter(pk=membership_id)
        .first()
    )
    if membership is None or membership.status == Membership.Status.PENDING:
        return 0
    user = membership.user
    if not mail.with_verified_address(
        wanting(get_user_model().objects.filter(pk=user.pk), "moderation")
    ).exists():
        return 0
    forum = membership.forum
    approved = membership.status == Membership.Status.APPROVED
    with translation.override(mail.language_of(user)):
        if approved:
            subject = _("Welcome to “%(forum)s”") % {"forum": forum.name}
        else:
            subject = _("Your request to join “%(forum)s”") % {"forum": forum.name}
        message = mail.message(
            to=user.email,
            subject=subject,
            template="mail/forums/membership_decision.txt",
            **kind_links(user, "moderation"),
            context={
                "settings_url": settings_url(),
                "recipient": user,
                "membership": membership,
                "forum": forum,
                "approved": approved,
                "link": mail.absolute(
                    forum.get_absolute_url()
                    if approved
                    else reverse("forums:space-list")
                ),
            },
        )
    return mail.send_each([message], what="membership decision")


@task()
def notify_report(report_id: int) -> int:
    """Tell a forum's moderators that a post was reported."""
    report = (
        Report.objects.select_related("post__topic__forum", "reporter")
        .filter(pk=report_id)
        .first()
    )
    if report is None or report.status != Report.Status.OPEN:
        return 0
    forum = report.post.topic.forum
    link = mail.absolute(reverse("forums:moderation", kwargs={"forum": forum.slug}))
    messages = []
    for moderator in mail.with_verified_address(
        wanting(forum.moderators.all(), "moderator_tasks")
    ):
        with translation.override(mail.language_of(moderator)):
            messages.append(
                mail.message(
                    to=moderator.email,
                    subject=_("Reported post in “%(forum)s”") % {"forum": forum.name},
                    template="mail/forums/report.txt",
                    context={
                        "recipient": moderator,
                        "report": report,
                        "topic": report.post.topic,
                        "forum": forum,
                        "link": link,
                        "settings_url": settings_url(),
                    },
                    **kind_links(moderator, "moderator_tasks"),
                )
            )
    return mail.send_each(messages, what="report")


# --- summaries (forums/digest.py) ---------------------------------------------------


@task()
def digest_round(*, reschedule: bool = True) -> dict:
    """This morning's summaries (daily; weekly too on Mondays), then queue the next
    round for 7:00 German time tomorrow."""
    from . import digest

    now = timezone.now()
    result = {
        frequency: digest.send_digests(frequency, now=now)
        for frequency in digest.frequencies_due(now)
    }
    if reschedule:
        _enqueue_next_digest(now)
    return result


def _enqueue_next_digest(now) -> None:
    from . import digest

    if not default_task_backend.supports_defer or _digest_queued():
        return
    digest_round.using(run_after=digest.next_run(now)).enqueue()


def _digest_queued() -> bool:
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:
        return False
    return DBTaskResult.objects.filter(
        task_path=digest_round.module_path, status="READY"
    ).exists()


def schedule_digests(sender=None, **kwargs) -> None:
    """After `migrate`: make sure a round of summaries is queued (a worker runs it)."""
    if not default_task_backend.supports_defer:
        return
    try:
        _enqueue_next_digest(timezone.now())
    except Exception:
        logger.exception("Could not queue the round of summaries.")
