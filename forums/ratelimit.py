"""How fast one person may post (setting FORUM_POST_RATE, e.g. "5/m").

A sliding window of the person's recent post times, kept in the shared cache so
every app server counts the same. The views ask before they post and record after a
post went through; previews and refused posts do not count.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """ "5/m" → (5, 60): at most 5 posts in 60 seconds."""
    try:
        count, unit = rate.split("/")
        return int(count), UNITS[unit.strip().lower()[0]]
    except (ValueError, KeyError, IndexError) as error:
        raise ImproperlyConfigured(
            f"FORUM_POST_RATE must look like '5/m', not {rate!r}."
        ) from error


def _key(user) -> str:
    return f"forums:post-times:{user.pk}"


def _recent(user, now: float, period: int) -> list[float]:
    return [t for t in cache.get(_key(user), []) if t > now - period]


def allows_post(user) -> bool:
    count, period = parse_rate(settings.FORUM_POST_RATE)
    return len(_recent(user, time.time(), period)) < count


def record_post(user) -> None:
    count, period = parse_rate(settings.FORUM_POST_RATE)
    now = time.time()
    times = [*_recent(user, now, period), now][-count:]
    cache.set(_key(user), times, period)
