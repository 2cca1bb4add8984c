"""The one-click unsubscribe link in every notification: a signed token that names
one subscription, so that it works without signing in and cannot be guessed."""

from django.core import signing

from .models import ForumSubscription, TopicSubscription

UNSUBSCRIBE_SALT = "forums.unsubscribe"

Subscription = TopicSubscription | ForumSubscription


def unsubscribe_token(subscription: Subscription) -> str:
    kind = "t" if isinstance(subscription, TopicSubscription) else "f"
    return signing.dumps([kind, subscription.pk], salt=UNSUBSCRIBE_SALT, compress=True)


def subscription_for_token(token: str) -> tuple[bool, Subscription | None]:
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
