"""Summaries of new posts for readers who chose them on /konto/benachrichtigungen/:
daily, or weekly on Mondays, at 7:00 German time (a background task that queues the
next round itself, like the events' daily round).

Only what the reader may read when the summary is made, never their own posts, and
never a post twice: instant mails go only to readers who chose "sofort", and a summary
covers the time since the last one (or since the reader chose summaries).
"""

import datetime
import logging
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Delivery, NotificationSettings
from core import mail

from .models import ForumSubscription, Post, TopicSubscription
from .permissions import forum_access
from .tokens import MailKind, unsubscribe_token

logger = logging.getLogger(__name__)

BERLIN = ZoneInfo("Europe/Berlin")
DIGEST_AT = datetime.time(7, 0)
WEEKLY_ON = 0  # Monday
# A summary lists this many posts at most; the rest are a link away.
MAX_POSTS = 60


def new_posts(user, *, since, until) -> list[Post]:
    """The posts a summary for `user` holds: in what they follow, newer than `since`,
    visible and readable to them now, not their own; grouped by space and forum
    (in the forum index's order), newest first within each forum."""
    forums = ForumSubscription.objects.filter(user=user).values("forum_id")
    topics = TopicSubscription.objects.filter(user=user).values("topic_id")
    candidates = (
        Post.objects.filter(
            created_at__gt=since,
            created_at__lte=until,
            is_hidden=False,
            topic__is_hidden=False,
        )
        .filter(Q(topic__forum_id__in=forums) | Q(topic_id__in=topics))
        .exclude(author=user)
        .select_related("topic__forum__space", "author")
        .order_by("-created_at")
    )
    access = {}
    readable = []
    for post in candidates:
        forum = post.topic.forum
        if forum.pk not in access:
            access[forum.pk] = forum_access(user, forum)
        if access[forum.pk].can_see_topic(post.topic):
            readable.append(post)
    readable.sort(
        key=lambda p: (
            p.topic.forum.space.order,
            p.topic.forum.order,
            p.topic.forum.name,
        )
    )
    return readable  # sort is stable: newest first within each forum


def grouped(posts: list[Post]) -> list[dict]:
    """[{space, forums: [{forum, posts}]}] in the given order."""
    spaces: dict = defaultdict(lambda: defaultdict(list))
    for post in posts:
        forum = post.topic.forum
        spaces[forum.space][forum].append(post)
    return [
        {
            "space": space,
            "forums": [
                {
                    "forum": forum,
                    "forum_url": mail.absolute(forum.get_absolute_url()),
                    "posts": [
                        {
                            "post": post,
                            "url": mail.absolute(post.get_absolute_url()),
                            "author": post.author.public_name
                            if post.author
                            else _("deleted account"),
                            "excerpt": _excerpt(post),
                        }
                        for post in items
                    ],
                }
                for forum, items in forums.items()
            ],
        }
        for space, forums in spaces.items()
    ]


def _excerpt(post: Post, length: int = 300) -> str:
    text = " ".join(mail.plain_text(post.body_html).split())
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + " …"


def digest_message(prefs: NotificationSettings, posts: list[Post], frequency: str):
    user = prefs.user
    token = unsubscribe_token(MailKind(prefs, "posts"))
    unsubscribe_url = mail.absolute(
        reverse("forums:unsubscribe", kwargs={"token": token})
    )
    shown = posts[:MAX_POSTS]
    if frequency == Delivery.WEEKLY:
        subject = _("Your weekly summary: %(count)s new posts in the forums")
    else:
        subject = _("Your daily summary: %(count)s new posts in the forums")
    return mail.message(
        to=user.email,
        subject=subject % {"count": len(posts)},
        template="mail/forums/digest.txt",
        context={
            "recipient": user,
            "weekly": frequency == Delivery.WEEKLY,
            "groups": grouped(shown),
            "count": len(posts),
            "more": len(posts) - len(shown),
            "forums_url": mail.absolute(reverse("forums:space-list")),
            "settings_url": mail.absolute(reverse("notification-settings")),
        },
        unsubscribe_url=unsubscribe_url,
        unsubscribe_token=token,
    )


def send_digests(frequency: str, *, now: datetime.datetime | None = None) -> int:
    """Send every reader who chose `frequency` their summary; nothing to those with
    nothing new. Each reader's window moves on before their mail is made, so a
    second run (or a retried task) never sends the same posts again."""
    now = now or timezone.now()
    users = mail.with_verified_address(get_user_model().objects.all())
    due = NotificationSettings.objects.filter(
        paused=False, posts=frequency, user__in=users
    ).values_list("pk", flat=True)
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        for pk in list(due):
            with transaction.atomic():
                prefs = (
                    NotificationSettings.objects.select_for_update(
                        skip_locked=True, of=("self",)
                    )
                    .select_related("user")
                    .filter(pk=pk, paused=False, posts=frequency)
                    .first()
                )
                if prefs is None or prefs.digest_since >= now:
                    continue
                posts = new_posts(prefs.user, since=prefs.digest_since, until=now)
                prefs.digest_since = now
                prefs.save(update_fields=["digest_since"])
            if posts:
                messages.append(digest_message(prefs, posts, frequency))
    return mail.send_each(messages, what=f"{frequency} summary")


def next_run(now: datetime.datetime) -> datetime.datetime:
    """The next 7:00 in Berlin after `now` (a wall-clock time: DST moves UTC)."""
    local = timezone.localtime(now, BERLIN)
    day = local.date()
    run = datetime.datetime.combine(day, DIGEST_AT, tzinfo=BERLIN)
    if run <= local:
        run = datetime.datetime.combine(
            day + datetime.timedelta(days=1), DIGEST_AT, tzinfo=BERLIN
        )
    return run


def frequencies_due(now: datetime.datetime) -> list[str]:
    """Daily summaries every morning; weekly ones on Mondays (German days)."""
    due = [Delivery.DAILY]
    if timezone.localtime(now, BERLIN).weekday() == WEEKLY_ON:
        due.append(Delivery.WEEKLY)
    return due
