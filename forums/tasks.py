"""E-mail from the forums, sent in the background (django-tasks).

A mail server that fails is logged here and never fails the post that caused the
mail: every message is sent on its own, and errors are caught per message. Each
task reads the rows again, so what it sends is what the database says when it runs;
nobody gets mail about a forum they may not read (any more).
"""

import logging

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from core import mail

from .models import (
    ForumSubscription,
    Membership,
    ModerationLog,
    Post,
    Report,
    TopicSubscription,
)
from .permissions import forum_access, readers
from .tokens import unsubscribe_token

logger = logging.getLogger(__name__)


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
        readers(forum, User.objects.filter(pk__in=list(subscriptions)))
    )
    is_first = post.pk == topic.posts.order_by("pk").values_list("pk", flat=True)[0]
    # As readers see it: without the text of quoted posts hidden in the meantime.
    body = post.public_body()
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
            unsubscribe_url = mail.absolute(
                reverse(
                    "forums:unsubscribe",
                    kwargs={"token": unsubscribe_token(subscription)},
                )
            )
            messages.append(
                mail.message(
                    to=user.email,
                    subject=subject,
                    template="forums/email/new_post.txt",
                    context={
                        "recipient": user,
                        "author": author,
                        "post": post,
                        "body": body,
                        "topic": topic,
                        "forum": forum,
                        "is_first": is_first,
                        "follows_topic": isinstance(subscription, TopicSubscription),
                        "post_url": mail.absolute(post.get_absolute_url()),
                        "unsubscribe_url": unsubscribe_url,
                    },
                    # One-click unsubscribe (RFC 2369); the page asks once, as a
                    # POST without a CSRF token (RFC 8058) would bypass protection.
                    headers={"List-Unsubscribe": f"<{unsubscribe_url}>"},
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
        get_user_model().objects.filter(pk=user.pk)
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
            template="forums/email/moderation.txt",
            context={
                "recipient": user,
                "entry": entry,
                "title": title,
                "forum": forum if link else None,
                "link": link,
            },
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
    for moderator in mail.with_verified_address(forum.moderators.all()):
        with translation.override(mail.language_of(moderator)):
            messages.append(
                mail.message(
                    to=moderator.email,
                    subject=_("Request to join “%(forum)s”") % {"forum": forum.name},
                    template="forums/email/membership_request.txt",
                    context={
                        "recipient": moderator,
                        "membership": membership,
                        "forum": forum,
                        "link": link,
                    },
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
        get_user_model().objects.filter(pk=user.pk)
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
            template="forums/email/membership_decision.txt",
            context={
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
    for moderator in mail.with_verified_address(forum.moderators.all()):
        with translation.override(mail.language_of(moderator)):
            messages.append(
                mail.message(
                    to=moderator.email,
                    subject=_("Reported post in “%(forum)s”") % {"forum": forum.name},
                    template="forums/email/report.txt",
                    context={
                        "recipient": moderator,
                        "report": report,
                        "topic": report.post.topic,
                        "forum": forum,
                        "link": link,
                    },
                )
            )
    return mail.send_each(messages, what="report")
