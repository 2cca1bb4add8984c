"""schema.org `Article` for a card, through core.jsonld (the page's `json_ld`): what
it is about, where it applies."""

from .models import ArgumentCard

# The states by their German names, as the cards' readers know them.
PLACES = {"HE": "Hessen", "NI": "Niedersachsen", "NW": "Nordrhein-Westfalen"}


def card(card: ArgumentCard, *, canonical_url: str) -> dict:
    item = {
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
