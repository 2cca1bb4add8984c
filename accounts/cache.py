"""What a change of an account makes stale (core/pagecache.py): its public name, next
to what it wrote. A new account appears nowhere."""

from core import pagecache
from core.pagecache import CONTACTS, EVENTS, FORUMS, HOME, NEWS, SEARCH

from .models import (
    Affiliation,
    AffiliationLogEntry,
    NotificationSettings,
    Session,
    User,
)

pagecache.renews(User, FORUMS, NEWS, EVENTS, HOME, SEARCH, on_create=False)
# A confirmed affiliation shows in bylines and on its organisation's page.
pagecache.renews(Affiliation, FORUMS, NEWS, CONTACTS)
# A reader's own settings, sessions and the review log show on no stored page.
pagecache.renews(NotificationSettings)
pagecache.renews(Session)
pagecache.renews(AffiliationLogEntry)
