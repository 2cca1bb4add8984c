"""What a change of the news makes stale (core/pagecache.py)."""

from core import pagecache
from core.pagecache import DOCUMENTS, EVENTS, HOME, NEWS, SEARCH, SITEMAP

from .models import Article, Category

# A document lists the articles about it, an event shows its recap article.
pagecache.renews(Article, NEWS, DOCUMENTS, EVENTS, HOME, SEARCH, SITEMAP)
pagecache.renews(Category, NEWS, HOME, SEARCH)
pagecache.pages("news", NEWS)
# A scheduled article appears on lists, feeds, home and sitemap at its time.
pagecache.schedule(
    Article, Article.objects.next_publication, NEWS, HOME, SEARCH, SITEMAP
)
