"""What a change of the directory makes stale (core/pagecache.py)."""

from core import pagecache
from core.pagecache import CONTACTS, EVENTS, HOME, SEARCH, SITEMAP

from .models import Organisation, Person, Topic

# An event names its organiser (a person of the directory) and their organisation.
pagecache.renews(Person, CONTACTS, EVENTS, HOME, SEARCH, SITEMAP)
pagecache.renews(Organisation, CONTACTS, EVENTS, HOME, SEARCH, SITEMAP)
pagecache.renews(Topic, CONTACTS, HOME, SEARCH, SITEMAP)
pagecache.pages("contacts", CONTACTS)
