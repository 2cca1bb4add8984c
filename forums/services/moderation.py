"""Moderation: pinning, locking, hiding and moving topics, hiding posts, reports.

Every action needs a reason, leaves a row in the moderation log and tells the author
by e-mail (in the background).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import pagecache

from .. import tasks
from ..models import (
    Forum,
    ModerationLog,
    Post,
    Report,
    Topic,
    render_quoting_posts,
)
from ..permissions import forum_access, require_moderator
from .counters import lock, refresh_forum, refresh_topic

Action = ModerationLog.Action


def ensure_moderator(user, forum: Forum) -> None:
    require_moderator(forum_access(user, forum))


def require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Please give a reason; the author will read it.")},
            code="required",
        )
    return reason


def log_action(
    *,
    forum: Forum,
    actor,
    action: str,
    reason: str,
    subject: str,
    topic: Topic | None = None,
    post: Post | None = None,
    affected_user=None,
    target_forum: Forum | None = None,
    notify: bool = True,
) -> ModerationLog:
    """The log row of a moderator's action; the affected author is told."""
    entry = ModerationLog.objects.create(
        forum=forum,
        target_forum=target_forum,
        topic=topic,
        post=post,
        affected_user=affected_user,
        actor=actor,
        action=action,
        subject=subject[:200],
        reason=reason,
    )
    if notify and affected_user is not None and affected_user.pk != actor.pk:
        tasks.notify_moderation.enqueue(log_id=entry.pk)
    return entry


def _set_topic_flag(
    *, topic: Topic, moderator, field: str, value: bool, reason: str, actions
) -> ModerationLog:
    ensure_moderator(moderator, topic.forum)
    reason = require_reason(reason)
    lock(topic.forum)
    topic = Topic.objects.select_related("forum", "author").get(pk=topic.pk)
    if getattr(topic, field) == value:
        raise ValidationError(_("Nothing to change: the topic is like that already."))
    setattr(topic, field, value)
    fields = [field]
    if field == "is_hidden":
        topic.hidden_reason = reason if value else ""
        fields.append("hidden_reason")
    topic.save(update_fields=fields)
    if field == "is_hidden":
        refresh_forum(topic.forum)
    return log_action(
        forum=topic.forum,
        actor=moderator,
        action=actions[0] if value else actions[1],
        reason=reason,
        topic=topic,
        affected_user=topic.author,
        subject=topic.title,
    )


@transaction.atomic
def topic_set_pinned(
    *, topic: Topic, moderator, pinned: bool, reason: str
) -> ModerationLog:
    """Pinned topics stay at the top of their forum."""
    return _set_topic_flag(
        topic=topic,
        moderator=moderator,
        field="is_pinned",
        value=pinned,
        reason=reason,
        actions=(Action.PIN, Action.UNPIN),
    )


@transaction.atomic
def topic_set_locked(
    *, topic: Topic, moderator, locked: bool, reason: str
) -> ModerationLog:
    """A locked topic stays readable but takes no replies."""
    return _set_topic_flag(
        topic=topic,
        moderator=moderator,
        field="is_locked",
        value=locked,
        reason=reason,
        actions=(Action.LOCK, Action.UNLOCK),
    )


@transaction.atomic
def topic_set_hidden(
    *, topic: Topic, moderator, hidden: bool, reason: str
) -> ModerationLog:
    """A hidden topic disappears for everyone but the forum's moderators."""
    return _set_topic_flag(
        topic=topic,
        moderator=moderator,
        field="is_hidden",
        value=hidden,
        reason=reason,
        actions=(Action.HIDE_TOPIC, Action.UNHIDE_TOPIC),
    )


@transaction.atomic
def topic_move(*, topic: Topic, moderator, forum: Forum, reason: str) -> ModerationLog:
    """Move a topic to another forum; the moderator must moderate both."""
    source = topic.forum
    ensure_moderator(moderator, source)
    ensure_moderator(moderator, forum)
    reason = require_reason(reason)
    if forum.pk == source.pk:
        raise ValidationError(
            {"target_forum": _("The topic is in this forum already.")}
        )
    # Both forums' rows, always in the same order, so two moves cannot deadlock.
    list(
        Forum.objects.select_for_update()
        .filter(pk__in=[source.pk, forum.pk])
        .order_by("pk")
        .values_list("pk")
    )
    topic.forum = forum
    topic.save(update_fields=["forum"])
    refresh_forum(source)
    refresh_forum(forum)
    return log_action(
        forum=source,
        target_forum=forum,
        actor=moderator,
        action=Action.MOVE_TOPIC,
        reason=reason,
        topic=topic,
        affected_user=topic.author,
        subject=topic.title,
    )


@transaction.atomic
def post_set_hidden(
    *, post: Post, moderator, hidden: bool, reason: str
) -> ModerationLog:
    """Hide a post (readers see a note instead) or show it again."""
    topic = post.topic
    ensure_moderator(moderator, topic.forum)
    reason = require_reason(reason)
    lock(topic.forum)
    post = Post.objects.select_related("author").get(pk=post.pk)
    if post.is_hidden == hidden:
        raise ValidationError(_("Nothing to change: the post is like that already."))
    post.is_hidden = hidden
    post.hidden_reason = reason if hidden else ""
    post.save(update_fields=["is_hidden", "hidden_reason"])
    # Quotes of it show a note instead of its text while it is hidden.
    render_quoting_posts(post.pk)
    refresh_topic(topic)
    refresh_forum(topic.forum)
    return log_action(
        forum=topic.forum,
        actor=moderator,
        action=Action.HIDE_POST if hidden else Action.UNHIDE_POST,
        reason=reason,
        topic=topic,
        post=post,
        affected_user=post.author,
        subject=topic.title,
    )


@transaction.atomic
def post_report(*, post: Post, reporter, reason: str) -> Report:
    """A reader reports a post; the forum's moderators are told and see it queued."""
    access = forum_access(reporter, post.topic.forum)
    if not access.can_report(post):
        raise PermissionDenied(_("You may not report this post."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Please tell the moderators what is wrong with this post.")}
        )
    if Report.objects.filter(
        post=post, reporter=reporter, status=Report.Status.OPEN
    ).exists():
        raise ValidationError(
            _("You have reported this post already; the moderators will look at it.")
        )
    report = Report(post=post, reporter=reporter, reason=reason)
    report.full_clean()
    report.save()
    tasks.notify_report.enqueue(report_id=report.pk)
    return report


@transaction.atomic
def report_resolve(*, report: Report, moderator, note: str = "") -> ModerationLog:
    """Close the open reports of a post (one decision answers them all)."""
    post = report.post
    ensure_moderator(moderator, post.topic.forum)
    now = timezone.now()
    resolved = pagecache.update(
        Report.objects.filter(post=post, status=Report.Status.OPEN),
        status=Report.Status.RESOLVED,
        resolved_at=now,
        resolved_by=moderator,
        resolution=(note or "").strip(),
    )
    if not resolved:
        raise ValidationError(_("This report has been resolved already."))
    return log_action(
        forum=post.topic.forum,
        actor=moderator,
        action=Action.RESOLVE_REPORT,
        reason=(note or "").strip(),
        topic=post.topic,
        post=post,
        subject=post.topic.title,
        notify=False,
    )
