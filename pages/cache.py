"""What a change of the editor-kept pages makes stale (core/pagecache.py)."""

from core import pagecache
from core.pagecache import ALL, HOME, PAGES, SEARCH, SITEMAP

from .models import Archive, ContactMessage, Goal, Operator, Page, SignLanguageVideo

pagecache.renews(Page, PAGES, HOME, SEARCH, SITEMAP)
pagecache.renews(Goal, PAGES, HOME)
# Every footer names the operator.
pagecache.renews(Operator, ALL)
# Archive mode's banner is on every page.
pagecache.renews(Archive, ALL)
pagecache.renews(SignLanguageVideo, PAGES)
# Messages through the contact form show on no page.
pagecache.renews(ContactMessage)
pagecache.pages("pages", PAGES)
