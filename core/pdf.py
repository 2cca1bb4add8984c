"""PDFs people print (articles, topics, the directory, handouts), made with WeasyPrint.

WeasyPrint would fetch any URL a document names, user content included (file:, http:,
redirects; CVE-2025-68616). The fetcher here serves only the portal's own static and
media files, read from disk or storage; everything else is refused before any I/O.

Relative links in a document (`/srek/` in an article's body) resolve against the
portal's public address (`settings.SITE_URL`, core.site), as every link that leaves
the site does: a printed or saved PDF leads back to the portal, not to the host a
request happened to name. That address is one setting per installation, so the same
content still gives one PDF for every host the portal answers to.

The same content gives the same bytes, whenever it is rendered: the fonts embedded in
a PDF would otherwise carry the second they were subset (fontTools takes that time
from SOURCE_DATE_EPOCH when it is set, as reproducible builds do). So a PDF rendered
anew after its cache entry expired keeps its ETag, and the static copy of the archive
rewrites only the files whose content changed.
"""

import mimetypes
import os
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .site import absolute

os.environ.setdefault("SOURCE_DATE_EPOCH", "0")


def base_url() -> str:
    """`https://www.regiondermitte.de/`: what relative URLs in a PDF resolve to."""
    return absolute("/")


def read_static(name: str) -> bytes:
    # Collected files first: in production `{% static %}` names the hashed copy, which
    # only the storage knows; in development the finders know the source file.
    if staticfiles_storage.exists(name):
        with staticfiles_storage.open(name, "rb") as file:
            return file.read()
    found = finders.find(name)
    if not found:
        raise ValueError(f"No static file {name!r}.")
    with open(found, "rb") as file:
        return file.read()


class LocalOnlyFetcher(URLFetcher):
    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        # Files of the portal's own address are read from disk or storage, never
        # requested over the network; any other host is refused.
        if f"{parts.scheme}://{parts.netloc}/" != base_url():
            raise ValueError(f"Refused to fetch {url!r}: only the portal's own files.")
        path = unquote(parts.path)
        if ".." in path.split("/"):
            raise ValueError(f"Refused to fetch {url!r}.")
        if path.startswith(settings.STATIC_URL):
            body = read_static(path.removeprefix(settings.STATIC_URL))
        elif path.startswith(settings.MEDIA_URL):
            name = path.removeprefix(settings.MEDIA_URL)
            with default_storage.open(name, "rb") as file:
                body = file.read()
        else:
            raise ValueError(f"Refused to fetch {url!r}: not a static or media file.")
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a template to a tagged PDF (PDF/UA-1) with the title and language of its HTML.

    Templates extend `pdf/base.html`, which sets `lang="de"` and the `<title>`, and
    names the portal's address (`site_host`) in every page's footer.
    """
    site_host = urlsplit(settings.SITE_URL).netloc
    html = render_to_string(template_name, {"site_host": site_host, **context})
    document = HTML(string=html, base_url=base_url(), url_fetcher=LocalOnlyFetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1", custom_metadata=True)
