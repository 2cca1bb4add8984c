"""The directory as a tagged PDF, cached until the directory changes.

WeasyPrint takes a second or more for a long directory; caching per filter combination
keeps the public PDF link cheap. Any change to persons, organisations or topics drops
the cache version (see signals.py), so a stale PDF is never served.
"""

import hashlib
import json
import uuid

from django.core.cache import cache
from django.utils import timezone

from core.pdf import render_pdf
from pages.models import Operator

VERSION_KEY = "contacts:directory-pdf-version"
TIMEOUT = 24 * 60 * 60


def forget_cached_directories() -> None:
    cache.delete(VERSION_KEY)


def _version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY, "")
    return version


def directory_pdf(*, persons, filters: dict[str, str]) -> bytes:
    """The PDF of `persons` (a directory queryset) under the filters described.

    `filters` maps a filter's label to the chosen value's label; it names the PDF's
    selection and is the cache key, so the same selection gives the same file.
    """
    # Read the version before the persons are queried: a change in between then
    # stores the older directory under the older version, never under the new one.
    version = _version()
    fingerprint = hashlib.sha256(
        json.dumps(filters, sort_keys=True).encode()
    ).hexdigest()
    key = f"contacts:directory-pdf:{version}:{fingerprint}"
    data = cache.get(key)
    if data is None:
        data = render_pdf(
            "contacts/directory_pdf.html",
            {
                "persons": persons,
                "filters": filters,
                "generated_at": timezone.now(),
                "operator": Operator.objects.current(),
            },
        )
        cache.set(key, data, TIMEOUT)
    return data
