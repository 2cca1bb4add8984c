"""How often one person may do something ("5/m": five times a minute).

A sliding window of the person's recent times, kept in the shared cache so every app
server counts the same. Callers ask before they act and record after it went through,
so previews and refused attempts do not count. A cache that cannot be reached counts
nothing: the limit fails open rather than refusing everyone.
"""

import logging
import time

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """ "5/m" → (5, 60): at most 5 times in 60 seconds."""
    try:
        count, unit = rate.split("/")
        return int(count), UNITS[unit.strip().lower()[0]]
    except (ValueError, KeyError, IndexError) as error:
        raise ImproperlyConfigured(
            f"A rate must look like '5/m', not {rate!r}."
        ) from error


def _recent(key: str, now: float, period: int) -> list[float]:
    try:
        times = cache.get(f"ratelimit:{key}", [])
    except Exception:
        logger.warning("Rate limit %s: the cache cannot be read.", key)
        return []
    return [t for t in times if t > now - period]


def allows(key: str, rate: str) -> bool:
    """Whether one more action under `key` (e.g. "forums:post:42") keeps to `rate`."""
    count, period = parse_rate(rate)
    return len(_recent(key, time.time(), period)) < count


def record(key: str, rate: str) -> None:
    count, period = parse_rate(rate)
    now = time.time()
    times = [*_recent(key, now, period), now][-count:]
    try:
        cache.set(f"ratelimit:{key}", times, period)
    except Exception:
        logger.warning("Rate limit %s: the cache cannot be written.", key)
