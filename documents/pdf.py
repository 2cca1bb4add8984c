"""The Werkzeugkasten handout: a tagged PDF of the toolbox documents, cached.

WeasyPrint needs a second or so; the handout is the same for every reader, so it is
rendered once and then kept under the group `documents`, which every change of a
document (and a document whose publication date arrives) renews
(documents/cache.py), and every change of the operator.
"""

from django.conf import settings
from django.utils import timezone

from core import pagecache
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


def handout_pdf(*, site_url: str, request=None) -> bytes:
    """The handout as PDF bytes; `site_url` ("https://host") makes its links absolute."""
    return pagecache.remember(
        f"documents:handout:{site_url}",
        [pagecache.DOCUMENTS],
        lambda: render_pdf(
            "documents/handout_pdf.html",
            {
                "documents": list(toolbox_documents()),
                "site_url": site_url,
                "media_url": settings.MEDIA_URL,
                "generated_at": timezone.now(),
                "operator": Operator.objects.current(),
            },
        ),
        request=request,
        seconds=TIMEOUT,
    )
