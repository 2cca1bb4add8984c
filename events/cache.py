"""What a change of the events makes stale (core/pagecache.py)."""

from core import pagecache
from core.pagecache import EVENTS, FORUMS, HOME, SEARCH, SITEMAP

from .models import Event, Registration

# A forum's page lists the upcoming events of its space.
pagecache.renews(Event, EVENTS, FORUMS, HOME, SEARCH, SITEMAP)
# Free seats and the waiting list show on the event's page, the lists and the home
# page's upcoming events.
pagecache.renews(Registration, EVENTS, HOME)
pagecache.pages("events", EVENTS)
# Lists move an event to the archive when it ends, the form closes at the deadline.
pagecache.schedule(
    Event, Event.objects.next_change, EVENTS, FORUMS, HOME, SEARCH, SITEMAP
)
