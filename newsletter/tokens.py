"""Signed links in newsletter mail: confirming an address (valid 7 days) and ending a
subscription (one click). Each names one subscriber and their address, so it cannot
be turned into another's, and stops working once that subscription is gone."""

from django.core import signing

from .models import UNCONFIRMED_FOR, Subscriber

SALT = "newsletter"


def token(subscriber: Subscriber, purpose: str) -> str:
    return signing.dumps([purpose, subscriber.pk, subscriber.email], salt=SALT)


def subscriber_for(value: str, purpose: str) -> tuple[bool, Subscriber | None]:
    """(token valid, the subscriber it names if still there)."""
    max_age = UNCONFIRMED_FOR if purpose == "confirm" else None
    try:
        kind, pk, email = signing.loads(value, salt=SALT, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return False, None
    if kind != purpose:
        return False, None
    return True, Subscriber.objects.filter(pk=pk, email=email).first()
