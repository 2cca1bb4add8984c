"""A reader's own rows: what they follow and how far they have read."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TopicSubscription(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="forum_topic_subscriptions",
        verbose_name=_("user"),
    )
    topic = models.ForeignKey(
        "Topic",
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("topic"),
    )
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("topic subscription")
        verbose_name_plural = _("topic subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "topic"], name="forums_topicsubscription_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.topic}"


class ForumSubscription(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="forum_subscriptions",
        verbose_name=_("user"),
    )
    forum = models.ForeignKey(
        "Forum",
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("forum"),
    )
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("forum subscription")
        verbose_name_plural = _("forum subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "forum"], name="forums_forumsubscription_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.forum}"


def reading_sql(topic: str, reader: str) -> str:
    """How far a reader has read a topic, as five SQL values: whether they follow it,
    their read marker (id, last post read), the first post after it and how many
    posts come before that one; for the ids that the SQL expressions `topic` and
    `reader` give. Written out: the ORM takes longer to build it than the database
    to answer."""
    from .posts import Post

    subscriptions = TopicSubscription._meta.db_table
    posts = Post._meta.db_table
    marker = (
        f"(SELECT {{}} FROM {TopicReadState._meta.db_table}"  # noqa: S608 (names)
        f"  WHERE topic_id = {topic} AND user_id = {reader})"
    )
    first_unread = (
        f"(SELECT id FROM {posts} WHERE topic_id = {topic}"  # noqa: S608 (names)
        f"  AND id > {marker.format('last_read_post_id')} ORDER BY id LIMIT 1)"
    )
    return (
        f"EXISTS (SELECT 1 FROM {subscriptions}"  # noqa: S608 (names)
        f"  WHERE topic_id = {topic} AND user_id = {reader}),"
        f" {marker.format('id')}, {marker.format('last_read_post_id')},"
        f" {first_unread},"
        # Those before the first unread post are those read.
        f" (SELECT COUNT(*) FROM {posts} WHERE topic_id = {topic}"
        f"  AND id <= {marker.format('last_read_post_id')})"
    )


def reading_of(follows, marker_id, last_read, first_unread, before_unread) -> dict:
    """`reading_sql`'s values by name."""
    return {
        "follows": bool(follows),
        "marker_id": marker_id,
        "last_read": last_read,
        "first_unread": first_unread,
        "before_first_unread": before_unread,
    }


class TopicReadState(models.Model):
    """How far a signed-in reader has read a topic: the newest post id they saw."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    topic = models.ForeignKey(
        "Topic",
        on_delete=models.CASCADE,
        related_name="read_states",
        verbose_name=_("topic"),
    )
    last_read_post_id = models.PositiveBigIntegerField(_("last post read"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("read state")
        verbose_name_plural = _("read states")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "topic"], name="forums_topicreadstate_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.topic}"
