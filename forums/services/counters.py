"""The counts and last activity stored on Topic and Forum, so that list pages never
aggregate per request. Every write of the other service modules ends here."""

from django.db import transaction
from django.db.models import Count, Sum

from ..models import Forum, Post, Topic


def lock(forum: Forum) -> None:
    """Serialises writes per forum, so that counters read after it are current: a new
    post or topic adds to them (`count_new_post`); hiding, moving and deleting, which
    may change any of them, recompute them (`refresh_topic`, `refresh_forum`)."""
    list(Forum.objects.select_for_update().filter(pk=forum.pk).values_list("pk"))


def count_new_post(post: Post, *, new_topic: bool = False) -> None:
    """Adds a visible post just saved to its topic's and forum's counts and makes it
    their last post, without reading the forum's other topics: the topic and forum
    rows must have been read after `lock()` (post.topic, post.topic.forum)."""
    topic = post.topic
    topic.post_count = 1 if new_topic else topic.post_count + 1
    topic.last_post, topic.last_post_at = post, post.created_at
    topic.save(update_fields=["post_count", "last_post", "last_post_at"])
    if topic.is_hidden:
        return
    forum = topic.forum
    forum.topic_count += new_topic
    forum.post_count += 1
    forum.last_post, forum.last_post_at = post, post.created_at
    forum.save(update_fields=["topic_count", "post_count", "last_post", "last_post_at"])


def refresh_topic(topic: Topic) -> None:
    visible = topic.posts.filter(is_hidden=False)
    topic.post_count = visible.count()
    topic.last_post = visible.order_by("-pk").first()
    topic.last_post_at = (
        topic.last_post.created_at if topic.last_post else topic.created_at
    )
    topic.save(update_fields=["post_count", "last_post", "last_post_at"])


def refresh_forum(forum: Forum) -> None:
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
    lock(forum)
    for topic in forum.topics.all():
        refresh_topic(topic)
    refresh_forum(forum)
    return forum
