"""schema.org `Article` as JSON-LD for a card: what it is about, where it applies.

Escaped as events/jsonld.py does, so no text of an editor can close the element.
"""

import json

from django.utils.safestring import mark_safe

from .models import ArgumentCard

ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
# The states by their German names, as the cards' readers know them.
PLACES = {"HE": "Hessen", "NI": "Niedersachsen", "NW": "Nordrhein-Westfalen"}


def data(card: ArgumentCard, *, canonical_url: str) -> dict:
    item = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": card.title,
        "name": card.title,
        "description": card.question,
        "url": canonical_url,
        "inLanguage": "de",
        "about": {"@type": "Thing", "name": card.get_topic_display()},
        "creativeWorkStatus": card.get_status_display(),
        "version": str(card.version),
        "dateModified": card.updated_at.isoformat(),
        "publisher": {"@type": "Organization", "name": "Region der Mitte"},
        "spatialCoverage": [
            {
                "@type": "AdministrativeArea",
                "name": PLACES[state],
                "containedInPlace": {"@type": "Country", "name": "Deutschland"},
            }
            for state in card.states
        ],
    }
    if card.published_at:
        item["datePublished"] = card.published_at.isoformat()
    return item


def card(card: ArgumentCard, *, canonical_url: str) -> str:
    text = json.dumps(data(card, canonical_url=canonical_url), ensure_ascii=False)
    return mark_safe(  # noqa: S308 (escaped for a <script> element above)
        '<script type="application/ld+json">' + text.translate(ESCAPES) + "</script>"
    )
