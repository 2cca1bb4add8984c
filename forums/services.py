"""Writes in the forums: posting, editing, moderating, membership, following.

Each function checks the rules of `permissions.py` again before it writes (a view
is not the only caller), keeps the counts and last activity on Topic and Forum
current, and hands e-mail to the background tasks in `tasks.py`. Rows of the forum
are locked first, so concurrent posts cannot leave the counts wrong.
"""

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from core import pagecache
from core.states import STATE_FIELDS
from core.text import german_slugify

from . import tasks
from .models import (
    Forum,
    ForumSubscription,
    Membership,
    ModerationLog,
    Post,
    PostRevision,
    Report,
    Topic,
    TopicReadState,
    TopicSubscription,
)
from .permissions import forum_access

UNSUBSCRIBE_SALT = "forums.unsubscribe"
Action = ModerationLog.Action


# --- rules and counters -----------------------------------------------------


def _ensure_can_post(user, forum: Forum, topic: Topic | None = None) -> None:
    refusal = forum_access(user, forum).post_refusal(topic)
    if refusal is not None:
        raise ValidationError(strip_tags(refusal), code="refused")


def _ensure_moderator(user, forum: Forum) -> None:
    if not forum_access(user, forum).is_moderator:
        raise PermissionDenied(_("Only the moderators of this forum may do this."))


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Please give a reason; the author will read it.")},
            code="required",
        )
    return reason


def _clean_title(title: str | None) -> str:
    # One line: titles go into e-mail subjects, where a line break is refused.
    return " ".join((title or "").split())


def _lock(forum: Forum) -> None:
    # Serialises writes per forum: counters are recomputed, never incremented blindly.
    list(Forum.objects.select_for_update().filter(pk=forum.pk).values_list("pk"))


def _refresh_topic(topic: Topic) -> None:
    visible = topic.posts.filter(is_hidden=False)
    topic.post_count = visible.count()
    topic.last_post = visible.order_by("-pk").first()
    topic.last_post_at = (
        topic.last_post.created_at if topic.last_post else topic.created_at
    )
    topic.save(update_fields=["post_count", "last_post", "last_post_at"])


def _refresh_forum(forum: Forum) -> None:
    totals = forum.topics.filter(is_hidden=False).aggregate(
        topics=Count("pk"), posts=Sum("post_count")
    )
    forum.topic_count = totals["topics"] or 0
    forum.post_count = totals["posts"] or 0
    forum.last_post = (
        Post.objects.filter(topic__forum=forum, topic__is_hidden=False, is_hidden=False)
        .order_by("-pk")
        .first()
    )
    forum.last_post_at = forum.last_post.created_at if forum.last_post else None
    forum.save(update_fields=["topic_count", "post_count", "last_post", "last_post_at"])


@transaction.atomic
def forum_refresh_counters(*, forum: Forum) -> Forum:
    """Recompute a forum's counts from scratch (after imports or admin changes)."""
    _lock(forum)
    for topic in forum.topics.all():
        _refresh_topic(topic)
    _refresh_forum(forum)
    return forum


# --- writing ----------------------------------------------------------------


@transaction.atomic
def topic_create(
    *,
    forum: Forum,
    author,
    title: str,
    body: str,
    states: list[str] | tuple[str, ...] = (),
    notify: bool = True,
) -> Topic:
    """Start a topic with its first post; the author follows it from now on."""
    _ensure_can_post(author, forum)
    _lock(forum)
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
    _refresh_topic(topic)
    _refresh_forum(forum)
    TopicSubscription.objects.get_or_create(user=author, topic=topic)
    TopicReadState.objects.create(user=author, topic=topic, last_read_post_id=post.pk)
    if notify:
        tasks.notify_followers.enqueue(post_id=post.pk)
    return topic


@transaction.atomic
def post_create(*, topic: Topic, author, body: str, notify: bool = True) -> Post:
    """Reply to a topic. Followers are told by e-mail, in the background."""
    _lock(topic.forum)
    topic = Topic.objects.select_related("forum").get(pk=topic.pk)
    _ensure_can_post(author, topic.forum, topic)
    post = Post(topic=topic, author=author, body=(body or "").strip())
    # The topic and author are rows in hand; no need to query for them again.
    post.full_clean(exclude=["topic", "author"])
    post.save()
    _refresh_topic(topic)
    _refresh_forum(topic.forum)
    topic_mark_read(topic=topic, user=author, post_id=post.pk)
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
        reason = _require_reason(reason)
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
    post.save(update_fields=["body", "body_html", "edited_at"])
    if by_moderator:
        _log(
            forum=topic.forum,
            actor=editor,
            action=Action.EDIT_POST,
            reason=reason,
            topic=topic,
            post=post,
            affected_user=post.author,
            subject=topic.title,
        )
    return post


# --- moderation -------------------------------------------------------------


def _log(
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
    _ensure_moderator(moderator, topic.forum)
    reason = _require_reason(reason)
    _lock(topic.forum)
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
        _refresh_forum(topic.forum)
    return _log(
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
    _ensure_moderator(moderator, source)
    _ensure_moderator(moderator, forum)
    reason = _require_reason(reason)
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
    _refresh_forum(source)
    _refresh_forum(forum)
    return _log(
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
    _ensure_moderator(moderator, topic.forum)
    reason = _require_reason(reason)
    _lock(topic.forum)
    post = Post.objects.select_related("author").get(pk=post.pk)
    if post.is_hidden == hidden:
        raise ValidationError(_("Nothing to change: the post is like that already."))
    post.is_hidden = hidden
    post.hidden_reason = reason if hidden else ""
    post.save(update_fields=["is_hidden", "hidden_reason"])
    _refresh_topic(topic)
    _refresh_forum(topic.forum)
    return _log(
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
    if not (access.can_report() and access.can_see_topic(post.topic)):
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
    _ensure_moderator(moderator, post.topic.forum)
    now = timezone.now()
    resolved = Report.objects.filter(post=post, status=Report.Status.OPEN).update(
        status=Report.Status.RESOLVED,
        resolved_at=now,
        resolved_by=moderator,
        resolution=(note or "").strip(),
    )
    if not resolved:
        raise ValidationError(_("This report has been resolved already."))
    return _log(
        forum=post.topic.forum,
        actor=moderator,
        action=Action.RESOLVE_REPORT,
        reason=(note or "").strip(),
        topic=post.topic,
        post=post,
        subject=post.topic.title,
        notify=False,
    )


# --- membership -------------------------------------------------------------


@transaction.atomic
def membership_request(*, forum: Forum, user, reason: str) -> Membership:
    """Ask to join a forum that needs membership; its moderators decide."""
    access = forum_access(user, forum)
    if not access.is_verified:
        raise PermissionDenied(_("Please verify your e-mail address first."))
    if not access.may_join:
        raise ValidationError(_("You can already read and write in this forum."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Please tell the moderators briefly why you want to join.")}
        )
    membership = access.membership
    if membership is not None and membership.status == Membership.Status.PENDING:
        raise ValidationError(
            _("You have asked to join already; the moderators will answer soon.")
        )
    if membership is None:
        membership = Membership(forum=forum, user=user)
    membership.status = Membership.Status.PENDING
    membership.reason = reason
    membership.requested_at = timezone.now()
    membership.decided_at = None
    membership.decided_by = None
    membership.decision_note = ""
    membership.full_clean()
    membership.save()
    tasks.notify_membership_request.enqueue(membership_id=membership.pk)
    return membership


@transaction.atomic
def membership_decide(
    *, membership: Membership, moderator, approve: bool, note: str = ""
) -> Membership:
    """Approve or decline a request; the applicant gets an e-mail either way."""
    _ensure_moderator(moderator, membership.forum)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != Membership.Status.PENDING:
        raise ValidationError(_("This request has been answered already."))
    note = (note or "").strip()
    membership.status = (
        Membership.Status.APPROVED if approve else Membership.Status.DECLINED
    )
    membership.decided_at = timezone.now()
    membership.decided_by = moderator
    membership.decision_note = note
    membership.save()
    _log(
        forum=membership.forum,
        actor=moderator,
        action=Action.APPROVE_MEMBER if approve else Action.DECLINE_MEMBER,
        reason=note,
        affected_user=membership.user,
        subject=str(membership.user.public_name),
        notify=False,
    )
    tasks.notify_membership_decision.enqueue(membership_id=membership.pk)
    return membership


# --- following and reading --------------------------------------------------


def _ensure_can_follow(user, forum: Forum, topic: Topic | None = None) -> None:
    access = forum_access(user, forum)
    if topic is not None and not access.can_see_topic(topic):
        raise PermissionDenied
    if not access.can_follow():
        raise ValidationError(
            _("Please verify your e-mail address to get e-mails from the forums.")
        )


@transaction.atomic
def topic_follow(*, topic: Topic, user) -> TopicSubscription:
    _ensure_can_follow(user, topic.forum, topic)
    return TopicSubscription.objects.get_or_create(user=user, topic=topic)[0]


@transaction.atomic
def topic_unfollow(*, topic: Topic, user) -> None:
    TopicSubscription.objects.filter(user=user, topic=topic).delete()


@transaction.atomic
def forum_follow(*, forum: Forum, user) -> ForumSubscription:
    _ensure_can_follow(user, forum)
    return ForumSubscription.objects.get_or_create(user=user, forum=forum)[0]


@transaction.atomic
def forum_unfollow(*, forum: Forum, user) -> None:
    ForumSubscription.objects.filter(user=user, forum=forum).delete()


def unsubscribe_token(subscription: TopicSubscription | ForumSubscription) -> str:
    """A signed token naming one subscription: the one-click link in each e-mail."""
    kind = "t" if isinstance(subscription, TopicSubscription) else "f"
    return signing.dumps([kind, subscription.pk], salt=UNSUBSCRIBE_SALT, compress=True)


def subscription_for_token(
    token: str,
) -> tuple[bool, TopicSubscription | ForumSubscription | None]:
    """(token valid, the subscription if it still exists)."""
    try:
        kind, pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return False, None
    if kind == "t":
        return True, (
            TopicSubscription.objects.select_related("topic__forum", "user")
            .filter(pk=pk)
            .first()
        )
    if kind == "f":
        return True, (
            ForumSubscription.objects.select_related("forum", "user")
            .filter(pk=pk)
            .first()
        )
    return False, None


@transaction.atomic
def unsubscribe(*, subscription: TopicSubscription | ForumSubscription) -> None:
    """End a subscription from the link in an e-mail; no sign-in needed."""
    subscription.delete()


def topic_mark_read(
    *, topic: Topic, user, post_id: int, state: TopicReadState | None = None
) -> None:
    """Remember the newest post the reader has seen; never moves backwards."""
    if state is None:
        state, created = TopicReadState.objects.get_or_create(
            user=user, topic=topic, defaults={"last_read_post_id": post_id}
        )
        if created:
            return
    if state.last_read_post_id < post_id:
        TopicReadState.objects.filter(pk=state.pk).update(
            last_read_post_id=post_id, updated_at=timezone.now()
        )
        # No signal for an update: the reader's cached pages show the old markers.
        pagecache.reader_changed(user.pk)
