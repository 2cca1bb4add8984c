"""What a change of the documents makes stale (core/pagecache.py)."""

from core import pagecache
from core.pagecache import DOCUMENTS, EVENTS, HOME, NEWS, SEARCH, SITEMAP

from .models import Document, DownloadCount, Passage

# Articles and events list their related documents; the home page links the SREK.
SHOWN_ON = (DOCUMENTS, NEWS, EVENTS, HOME, SEARCH, SITEMAP)
pagecache.renews(Document, *SHOWN_ON)
pagecache.renews(Passage, DOCUMENTS, SEARCH)
pagecache.renews(DownloadCount)  # no page shows it
pagecache.pages("documents", DOCUMENTS)
pagecache.schedule(Document, Document.objects.next_publication, *SHOWN_ON)
