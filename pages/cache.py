"""What a change of the editor-kept pages makes stale (core/pagecache.py)."""

from core import pagecache
from core.pagecache import ALL, HOME, PAGES, SEARCH, SITEMAP

from .models import Goal, Operator, Page

pagecache.renews(Page, PAGES, HOME, SEARCH, SITEMAP)
pagecache.renews(Goal, PAGES, HOME)
# Every footer names the operator.
pagecache.renews(Operator, ALL)
pagecache.pages("pages", PAGES)
