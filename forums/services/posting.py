"""Writing in the forums: starting topics, replying, editing one's post.

Posting is rate-limited per person (`FORUM_POST_RATE`): the service refuses with
`TooFast` before it writes and counts the post after it went through, so previews and
refused attempts do not count.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from core import ratelimit
from core.states import STATE_FIELDS
from core.text import german_slugify

from .. import quotes, tasks
from ..models import (
    Forum,
    ModerationLog,
    Post,
    PostRevision,
    Quote,
    Topic,
    TopicReadState,
    TopicSubscription,
)
from ..permissions import forum_access
from .counters import count_new_post, lock
from .moderation import log_action, require_reason
from .reading import topic_mark_read


class TooFast(ValidationError):
    """More posts than FORUM_POST_RATE allows: the view answers 429 and keeps the text."""


def _rate_key(user) -> str:
    return f"forums:post:{user.pk}"


def _ensure_rate(author, limit_rate: bool) -> None:
    if limit_rate and not ratelimit.allows(_rate_key(author), settings.FORUM_POST_RATE):
        raise TooFast(
            _(
                "You are writing faster than the forum allows. Please wait a minute "
                "and send again; your text is kept below."
            ),
            code="too_fast",
        )


def _count_rate(author, limit_rate: bool) -> None:
    if limit_rate:
        ratelimit.record(_rate_key(author), settings.FORUM_POST_RATE)


def _ensure_can_post(user, forum: Forum, topic: Topic | None = None) -> None:
    refusal = forum_access(user, forum).post_refusal(topic)
    if refusal is not None:
        raise ValidationError(strip_tags(refusal), code="refused")


def _remember_quotes(post: Post, *, new: bool) -> None:
    """Which posts this one quotes, so that hiding one renders it again."""
    named = quotes.sources(post.body)
    if not new:
        Quote.objects.filter(post=post).exclude(source_id__in=named).delete()
    if named:
        Quote.objects.bulk_create(
            [Quote(post=post, source_id=pk) for pk in named], ignore_conflicts=True
        )


def _clean_title(title: str | None) -> str:
    # One line: titles go into e-mail subjects, where a line break is refused.
    return " ".join((title or "").split())


@transaction.atomic
def topic_create(
    *,
    forum: Forum,
    author,
    title: str,
    body: str,
    states: list[str] | tuple[str, ...] = (),
    notify: bool = True,
    limit_rate: bool = True,
) -> Topic:
    """Start a topic with its first post; the author follows it from now on.

    `notify` and `limit_rate` are False only for content nobody types now (demo
    content, imports).
    """
    _ensure_can_post(author, forum)
    _ensure_rate(author, limit_rate)
    lock(forum)
    forum.refresh_from_db(fields=["topic_count", "post_count"])
    now = timezone.now()
    topic = Topic(
        forum=forum,
        author=author,
        title=_clean_title(title),
        created_at=now,
        last_post_at=now,
        **{field: state in states for state, field in STATE_FIELDS.items()},
    )
    topic.slug = german_slugify(topic.title) or "thema"
    topic.full_clean(exclude=["forum", "author", "last_post"])
    topic.save()
    post = Post(topic=topic, author=author, body=(body or "").strip(), created_at=now)
    post.full_clean(exclude=["topic", "author"])
    post.save()
    _remember_quotes(post, new=True)
    count_new_post(post, new_topic=True)
    TopicSubscription.objects.get_or_create(user=author, topic=topic)
    TopicReadState.objects.create(user=author, topic=topic, last_read_post_id=post.pk)
    _count_rate(author, limit_rate)
    if notify:
        tasks.notify_followers.enqueue(post_id=post.pk)
    return topic


@transaction.atomic
def post_create(
    *, topic: Topic, author, body: str, notify: bool = True, limit_rate: bool = True
) -> Post:
    """Reply to a topic. Followers are told by e-mail, in the background."""
    forum = topic.forum
    while True:
        lock(forum)
        topic = Topic.objects.select_related("forum").get(pk=topic.pk)
        if topic.forum_id == forum.pk:
            break
        # Moved meanwhile: the forum it is in now counts the reply.
        forum = topic.forum
    _ensure_can_post(author, topic.forum, topic)
    _ensure_rate(author, limit_rate)
    post = Post(topic=topic, author=author, body=(body or "").strip())
    # The topic and author are rows in hand; no need to query for them again.
    post.full_clean(exclude=["topic", "author"])
    post.save()
    _remember_quotes(post, new=True)
    count_new_post(post)
    topic_mark_read(topic=topic, user=author, post_id=post.pk)
    _count_rate(author, limit_rate)
    if notify:
        tasks.notify_followers.enqueue(post_id=post.pk)
    return post


def is_first_post(post: Post) -> bool:
    first = post.topic.posts.order_by("pk").values_list("pk", flat=True).first()
    return first == post.pk


@transaction.atomic
def post_edit(
    *, post: Post, editor, body: str, title: str | None = None, reason: str = ""
) -> Post:
    """Change a post (and, for a topic's first post, its title), keeping the old text.

    A moderator who edits someone else's post gives a reason; it is logged and the
    author is told.
    """
    topic = post.topic
    access = forum_access(editor, topic.forum)
    if not access.can_edit(post):
        raise PermissionDenied(_("You may not edit this post."))
    by_moderator = post.author_id != editor.pk
    if by_moderator:
        reason = require_reason(reason)
    body = (body or "").strip()
    new_title = _clean_title(title) if title is not None else None
    title_changes = (
        new_title is not None and new_title != topic.title and is_first_post(post)
    )
    if body == post.body and not title_changes:
        return post
    revision = PostRevision(
        post=post,
        body=post.body,
        title=topic.title if title_changes else "",
        edited_by=editor,
    )
    post.body = body
    post.edited_at = timezone.now()
    post.full_clean()
    if title_changes:
        topic.title = new_title
        topic.slug = german_slugify(new_title) or "thema"
        topic.full_clean()
        topic.save(update_fields=["title", "slug"])
    revision.save()
    post.save(update_fields=["body", "body_html", "moderator_html", "edited_at"])
    _remember_quotes(post, new=False)
    if by_moderator:
        log_action(
            forum=topic.forum,
            actor=editor,
            action=ModerationLog.Action.EDIT_POST,
            reason=reason,
            topic=topic,
            post=post,
            affected_user=post.author,
            subject=topic.title,
        )
    return post
