"""A reader's own rows: what they follow and how far they have read."""

from django.conf import settings
from django.db import connection, models
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


class TopicReadStateQuerySet(models.QuerySet):
    def reader_facts(self, *, topic, user) -> dict:
        """Whether the reader follows the topic, their read marker (id, last post read)
        and the first post after it, in one query. Written out: the ORM takes longer to
        build it than the database to answer."""
        from .posts import Post

        subscriptions = TopicSubscription._meta.db_table
        markers = self.model._meta.db_table
        posts = Post._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT EXISTS (SELECT 1 FROM {subscriptions}"  # noqa: S608 (table names)
                "  WHERE topic_id = %s AND user_id = %s),"
                " marker.id, marker.last_read_post_id,"
                f" (SELECT post.id FROM {posts} post WHERE post.topic_id = %s"
                "   AND post.id > marker.last_read_post_id ORDER BY post.id LIMIT 1)"
                f" FROM (SELECT 1 AS one) AS here LEFT JOIN {markers} marker"
                "  ON marker.topic_id = %s AND marker.user_id = %s",
                [topic.pk, user.pk, topic.pk, topic.pk, user.pk],
            )
            follows, marker_id, last_read, first_unread = cursor.fetchone()
        return {
            "follows": bool(follows),
            "marker_id": marker_id,
            "last_read": last_read,
            "first_unread": first_unread,
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

    objects = TopicReadStateQuerySet.as_manager()

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
