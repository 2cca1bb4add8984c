"""Following topics and forums: new posts come by e-mail (see `tasks.py`), and the
link in each e-mail ends it (see `tokens.py`)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Forum, ForumSubscription, Topic, TopicSubscription
from ..permissions import forum_access
from ..tokens import Subscription


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


@transaction.atomic
def unsubscribe(*, subscription: Subscription) -> None:
    """End a subscription from the link in an e-mail; no sign-in needed."""
    subscription.delete()
