"""What reading writes: how far a signed-in reader has read a topic."""

from django.utils import timezone

from core import pagecache

from ..models import Topic, TopicReadState


def topic_mark_read(
    *,
    topic: Topic,
    user,
    post_id: int,
    read_marker: TopicReadState | None = None,
    new: bool = False,
) -> None:
    """Remember the newest post the reader has seen; never moves backwards.

    `read_marker`: the reader's row for this topic, if the caller has read it already;
    `new`: the caller found none (one INSERT, and a parallel request's row wins).
    """
    if new and read_marker is None:
        # A read marker renews no cached page (forums/cache.py): no signal needed.
        TopicReadState.objects.bulk_create(
            [TopicReadState(user=user, topic=topic, last_read_post_id=post_id)],
            ignore_conflicts=True,
        )
        return
    if read_marker is None:
        read_marker, created = TopicReadState.objects.get_or_create(
            user=user, topic=topic, defaults={"last_read_post_id": post_id}
        )
        if created:
            return
    if read_marker.last_read_post_id < post_id:
        # A read marker shows on no stored page (forums/cache.py): renews nothing.
        pagecache.update(
            TopicReadState.objects.filter(pk=read_marker.pk),
            last_read_post_id=post_id,
            updated_at=timezone.now(),
        )
