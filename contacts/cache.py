"""What a change of the directory makes stale (core/pagecache.py)."""

from core import pagecache
from core.pagecache import CONTACTS, HOME, SEARCH, SITEMAP

from .models import Organisation, Person, Topic

for model in (Organisation, Person, Topic):
    pagecache.renews(model, CONTACTS, HOME, SEARCH, SITEMAP)
pagecache.pages("contacts", CONTACTS)
