"""The one-click unsubscribe link in every notification and summary: a signed token
that names one subscription and its owner, so that it works without signing in,
cannot be guessed, and cannot be turned into the end of another subscription."""

from django.core import signing

from accounts.models import Delivery, NotificationSettings

from .models import ForumSubscription, TopicSubscription

UNSUBSCRIBE_SALT = "forums.unsubscribe"


class Digest:
    """The summaries of new posts (daily or weekly) one reader gets."""

    def __init__(self, prefs: NotificationSettings):
        self.settings = prefs
        self.user = prefs.user
        self.pk = prefs.user_id

    def delete(self):
        self.settings.posts = Delivery.OFF
        self.settings.save()


Subscription = TopicSubscription | ForumSubscription | Digest


def unsubscribe_token(subscription: Subscription) -> str:
    if isinstance(subscription, Digest):
        kind, pk = "d", subscription.user.pk
    else:
        kind = "t" if isinstance(subscription, TopicSubscription) else "f"
        pk = subscription.pk
    return signing.dumps(
        [kind, pk, subscription.user.pk], salt=UNSUBSCRIBE_SALT, compress=True
    )


def subscription_for_token(token: str) -> tuple[bool, Subscription | None]:
    """(token valid, the subscription if it still exists and is still its owner's)."""
    try:
        kind, pk, *owner = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return False, None
    if kind == "t":
        found = (
            TopicSubscription.objects.select_related("topic__forum", "user")
            .filter(pk=pk)
            .first()
        )
    elif kind == "f":
        found = (
            ForumSubscription.objects.select_related("forum", "user")
            .filter(pk=pk)
            .first()
        )
    elif kind == "d":
        prefs = (
            NotificationSettings.objects.select_related("user").filter(user=pk).first()
        )
        found = (
            Digest(prefs)
            if prefs and prefs.posts in {Delivery.DAILY, Delivery.WEEKLY}
            else None
        )
    else:
        return False, None
    if found is not None and owner and found.user.pk != owner[0]:
        found = None
    return True, found
