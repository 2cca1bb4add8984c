"""The newsletter subscription of a person's address, for their data export."""

from .models import Subscriber


def user_data(user) -> dict:
    subscriber = Subscriber.objects.filter(email__iexact=user.email).first()
    if subscriber is None:
        return {"subscribed": False}
    return {
        "subscribed": subscriber.is_confirmed,
        "email": subscriber.email,
        "states": [str(state) for state in subscriber.states],
        "subscribed_at": subscriber.created_at.isoformat(),
        "confirmed_at": subscriber.confirmed_at.isoformat()
        if subscriber.confirmed_at
        else None,
    }
