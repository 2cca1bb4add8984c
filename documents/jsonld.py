"""A document as a schema.org `DigitalDocument`."""

from html import unescape

from django.utils.html import strip_tags

from pages.jsonld import publisher

from .models import Document


def document(document: Document, *, request, url: str) -> dict:
    data = {
        "@type": "DigitalDocument",
        "name": document.title,
        "url": url,
        "inLanguage": "de",
        "encodingFormat": document.mime_type,
        "contentSize": f"{document.file_size} B",
        "publisher": publisher(request=request),
    }
    if document.description_html:
        text = unescape(strip_tags(document.description_html))
        data["description"] = " ".join(text.split())
    if document.published_on:
        data["datePublished"] = document.published_on.isoformat()
    if document.version_label:
        data["version"] = document.version_label
    if document.cover:
        data["thumbnailUrl"] = request.build_absolute_uri(document.cover.url)
    return data
