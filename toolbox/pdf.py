"""The Werkzeugkasten on paper: one card on one A4 page, or a handout of several.

Both are tagged PDFs (core/pdf.py). The card's address is printed as text and as a QR
code, an SVG drawn inline (segno), so WeasyPrint fetches nothing for it. A rendered
PDF is kept in the cache until its cards change.
"""

import hashlib

import segno
from django.core.cache import cache
from django.utils import timezone
from django.utils.safestring import mark_safe

from core.pdf import render_pdf
from core.states import State
from pages.models import Operator

from .models import ArgumentCard, PlanningTopic

TIMEOUT = 24 * 60 * 60


def qr_svg(url: str) -> str:
    """The URL as an inline SVG QR code, described for screen readers."""
    svg = segno.make(url, error="m").svg_inline(scale=3, border=2, title=url)
    return mark_safe(  # noqa: S308 (segno's markup; the URL is escaped by segno)
        svg.replace("<svg ", '<svg role="img" aria-label="QR-Code" ', 1)
    )


def _key(*parts) -> str:
    return "toolbox:pdf:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def card_pdf(*, card: ArgumentCard, state: str | None, site_url: str) -> bytes:
    key = _key(card.pk, card.updated_at.isoformat(), card.version, state, site_url)
    data = cache.get(key)
    if data is None:
        url = site_url + card.get_absolute_url()
        sections = card.sections_for(state)
        if state:
            sections = [s for s in sections if s.state == state] or sections
        data = render_pdf(
            "toolbox/card_pdf.html",
            {
                "card": card,
                "sections": sections,
                "state_label": State(state).label if state else "",
                "document_sources": card.document_sources.select_related("document"),
                "citations": card.citations.all(),
                "url": url,
                "qr": qr_svg(url),
                "generated_at": timezone.now(),
                "operator": Operator.objects.current(),
            },
        )
        cache.set(key, data, TIMEOUT)
    return data


def handout_pdf(*, cards, state: str | None, topic: str | None, site_url: str) -> bytes:
    cards = list(cards.order_by("topic", "title", "pk"))
    key = _key(
        [(c.pk, c.updated_at.isoformat(), c.version) for c in cards],
        state,
        topic,
        site_url,
    )
    data = cache.get(key)
    if data is None:
        for card in cards:
            card.url = site_url + card.get_absolute_url()
            card.reader_sections = [
                s for s in card.sections_for(state) if not state or s.state == state
            ]
        data = render_pdf(
            "toolbox/handout_pdf.html",
            {
                "cards": cards,
                "state_label": State(state).label if state else "",
                "topic_label": PlanningTopic(topic).label if topic else "",
                "list_url": site_url + "/werkzeugkasten/",
                "generated_at": timezone.now(),
                "operator": Operator.objects.current(),
            },
        )
        cache.set(key, data, TIMEOUT)
    return data
