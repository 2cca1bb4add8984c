"""The markup of one hit, written in Python.

A results page shows up to 25 hits; rendering each through `{% include %}` of a hit
and of its state badges took a third of a search's time in the process (measured
with `make bench-search`). Built with `format_html`, which escapes every value;
titles and snippets are already safe (escaped, then marked). The state badges are
those of every page (core.states.badges).
"""

from datetime import datetime
from functools import lru_cache

from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.timezone import template_localtime
from django.utils.translation import get_language

from core.states import badges


def hit(hit, kind, number: int) -> SafeString:
    """One hit as a list item; `number` makes its heading's id unique on the page."""
    anchor = f"treffer-{kind.slug}-{number}"
    meta = [str(kind.singular), *hit.details]
    date = ""
    if hit.date:
        day = template_localtime(hit.date)
        day = day.date() if isinstance(day, datetime) else day
        date = format_html(
            ' · <time datetime="{}">{}</time>',
            day.isoformat(),
            _written(day, get_language()),
        )
    snippet = (
        format_html('<p class="search-hit__snippet">{}</p>', hit.snippet)
        if hit.snippet
        else ""
    )
    return format_html(
        '<li class="search-hit">\n  <article aria-labelledby="{anchor}">\n'
        '    <h3 class="search-hit__title" id="{anchor}"><a href="{url}">{title}</a>'
        "</h3>\n"
        '    <p class="meta search-hit__meta">{meta}{date}</p>\n'
        "    {states}\n    {snippet}\n  </article>\n</li>\n",
        anchor=anchor,
        url=hit.url,
        title=hit.title,
        meta=" · ".join(meta),
        date=date,
        states=badges(hit.states_of.states),
        snippet=snippet,
    )


@lru_cache(maxsize=1024)
def _written(day, language: str) -> str:
    """A day as the hits show it ("3. Dezember 2026"), worked out once: Django's
    formatting took 37 µs a hit, and the same items, with their days, are found by
    search after search."""
    return date_format(day, "j. F Y")
