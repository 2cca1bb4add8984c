"""The directory as a tagged PDF, kept until the directory changes.

WeasyPrint takes a second or more for a long directory; keeping it per filter
combination keeps the public PDF link cheap. It is kept under the group `contacts`,
which every change of persons, organisations or topics renews (contacts/cache.py), so
a stale PDF is never served.
"""

import json

from django.utils import timezone

from core import pagecache
from core.pdf import render_pdf
from pages.models import Operator

TIMEOUT = 24 * 60 * 60


def directory_pdf(*, persons, filters: dict[str, str], request=None) -> bytes:
    """The PDF of `persons` (a directory queryset) under the filters described.

    `filters` maps a filter's label to the chosen value's label; it names the PDF's
    selection and is the cache key, so the same selection gives the same file.
    """
    return pagecache.remember(
        "contacts:directory-pdf:" + json.dumps(filters, sort_keys=True),
        [pagecache.CONTACTS],
        lambda: render_pdf(
            "contacts/directory_pdf.html",
            {
                "persons": persons,
                "filters": filters,
                "generated_at": timezone.now(),
                "operator": Operator.objects.current(),
            },
        ),
        request=request,
        seconds=TIMEOUT,
    )
