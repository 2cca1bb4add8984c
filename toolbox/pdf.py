"""The Werkzeugkasten on paper: one card on one A4 page, or a handout of several.

Both are tagged PDFs (core/pdf.py). The card's address is printed as text and as a QR
code, an SVG drawn inline (segno), so WeasyPrint fetches nothing for it. A rendered
PDF is kept by the page cache (`pagecache.remember`) until what it shows changes: the
toolbox (its changes renew everything: it declares no groups), the documents it cites,
the forum that agreed a card, the operator. Addresses are the portal's (`SITE_URL`),
in the interface's language, as every PDF's.
"""

import segno
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from core import pagecache
from core.pdf import render_pdf
from core.site import absolute
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


def card_pdf(*, card: ArgumentCard, state: str | None, request=None) -> bytes:
    url = absolute(card.get_absolute_url())

    def render():
        sections = card.sections_for(state)
        if state:
            sections = [s for s in sections if s.state == state] or sections
        return render_pdf(
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

    return pagecache.remember(
        f"toolbox:card-pdf:{url}:{state}",
        [pagecache.DOCUMENTS, pagecache.FORUMS],
        render,
        request=request,
        seconds=TIMEOUT,
    )


def handout_pdf(*, cards, state: str | None, topic: str | None, request=None) -> bytes:
    cards = list(cards.order_by("topic", "title", "pk"))

    def render():
        for card in cards:
            card.url = absolute(card.get_absolute_url())
            card.reader_sections = [
                s for s in card.sections_for(state) if not state or s.state == state
            ]
        return render_pdf(
            "toolbox/handout_pdf.html",
            {
                "cards": cards,
                "state_label": State(state).label if state else "",
                "topic_label": PlanningTopic(topic).label if topic else "",
                "list_url": absolute(reverse("toolbox:card-list")),
                "generated_at": timezone.now(),
                "operator": Operator.objects.current(),
            },
        )

    selection = [card.pk for card in cards]
    return pagecache.remember(
        f"toolbox:handout:{state}:{topic}:{selection}",
        [],
        render,
        request=request,
        seconds=TIMEOUT,
    )
