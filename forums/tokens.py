"""The one-click unsubscribe link in every notification and summary: a signed token
that names one subscription and its owner, so that it works without signing in,
cannot be guessed, and cannot be turned into the end of another subscription."""

from django.contrib.auth import get_user_model
from django.core import signing

from accounts.models import Delivery, NotificationSettings

from .models import ForumSubscription, TopicSubscription

UNSUBSCRIBE_SALT = "forums.unsubscribe"


class MailKind:
    """One kind of mail of one reader: the summaries of new posts ("posts"), notices
    about the moderation of their posts ("moderation"), or a moderator's reports and
    requests ("moderator_tasks"). Its one-click link switches that kind off."""

    CODES = {"d": "posts", "m": "moderation", "r": "moderator_tasks"}

    def __init__(self, prefs: NotificationSettings, kind: str):
        self.settings = prefs
        self.kind = kind
        self.user = prefs.user
        self.pk = prefs.user_id

    @property
    def code(self) -> str:
        return {kind: code for code, kind in self.CODES.items()}[self.kind]

    @property
    def label(self) -> str:
        return str(NotificationSettings._meta.get_field(self.kind).verbose_name)

    def is_on(self) -> bool:
        value = getattr(self.settings, self.kind)
        if self.kind == "posts":
            return value in {Delivery.DAILY, Delivery.WEEKLY}
        return value != Delivery.OFF

    def delete(self):
        setattr(self.settings, self.kind, Delivery.OFF)
        self.settings.save()


Subscription = TopicSubscription | ForumSubscription | MailKind


def unsubscribe_token(subscription: Subscription) -> str:
    if isinstance(subscription, MailKind):
        kind, pk = subscription.code, subscription.user.pk
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
    elif kind in MailKind.CODES:
        user = get_user_model().objects.filter(pk=pk).first()
        if user is None:
            return True, None
        mail_kind = MailKind(
            NotificationSettings.objects.for_user(user), MailKind.CODES[kind]
        )
        found = mail_kind if mail_kind.is_on() else None
    else:
        return False, None
    if found is not None and owner and found.user.pk != owner[0]:
        found = None
    return True, found
