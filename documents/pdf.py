"""The Werkzeugkasten handout: a tagged PDF of the toolbox documents, cached.

WeasyPrint needs a second or so; the handout is the same for every reader, so it is
rendered once per state of the toolbox and then served from the cache. The key holds
the number of documents and their last change, so an edit or a new document (and a
document whose publication date arrives) makes a new handout.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max
from django.utils import timezone

from core.pdf import render_pdf
from pages.models import Operator

from .models import Category, Document

TIMEOUT = 24 * 60 * 60


def toolbox_documents():
    return (
        Document.objects.published()
        .current()
        .filter(category=Category.TOOLBOX)
        .defer("text")
        .order_by("title", "pk")
    )


def handout_pdf(*, site_url: str) -> bytes:
    """The handout as PDF bytes; `site_url` ("https://host") makes its links absolute."""
    documents = toolbox_documents()
    state = documents.aggregate(count=Count("pk"), changed=Max("updated_at"))
    changed = state["changed"].isoformat() if state["changed"] else "-"
    key = f"documents:handout:{site_url}:{state['count']}:{changed}"
    data = cache.get(key)
    if data is None:
        data = render_pdf(
            "documents/handout_pdf.html",
            {
                "documents": list(documents),
                "site_url": site_url,
                "media_url": settings.MEDIA_URL,
                "generated_at": timezone.now(),
                "operator": Operator.objects.current(),
            },
        )
        cache.set(key, data, TIMEOUT)
    return data
