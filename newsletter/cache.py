"""What a change of the newsletter makes stale (core/pagecache.py): subscribers and
deliveries show on no page; an issue renews only the pages that declare nothing (the
newsletter's own archive among them)."""

from core import pagecache

from .models import Delivery, Issue, Subscriber

pagecache.renews(Subscriber)
pagecache.renews(Delivery)
pagecache.renews(Issue)
