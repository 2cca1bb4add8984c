"""The markup of one hit, written in Python.

A results page shows up to 25 hits; rendering each through `{% include %}` of a hit
and of its state badges took a third of a search's time in the process (measured
with `make bench-search`). Every value is escaped; titles and snippets are already
safe (escaped, then marked). The state badges are those of every page
(core.states.badges).
"""

from datetime import datetime
from functools import lru_cache

from django.utils.formats import date_format
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language

from core.states import badges


def hit(hit, kind, number: int) -> SafeString:
    """One hit as a list item; `number` makes its heading's id unique on the page.

    Written out with every value escaped here (the title and snippet are escaped
    already, and escaped again only if they are not): `format_html` of the item
    took half of its 26 µs."""
    anchor = f"treffer-{kind.slug}-{number}"
    meta = escape(" · ".join([str(kind.singular), *hit.details]))
    date = ""
    if hit.date:
        day = template_localtime(hit.date)
        date = _date(day.date() if isinstance(day, datetime) else day, get_language())
    snippet = conditional_escape(hit.snippet)
    if snippet:
        snippet = f'<p class="search-hit__snippet">{snippet}</p>'
    return mark_safe(  # noqa: S308 (every value above is escaped)
        f'<li class="search-hit">\n  <article aria-labelledby="{anchor}">\n'
        f'    <h3 class="search-hit__title" id="{anchor}"><a href="{escape(hit.url)}">'
        f"{conditional_escape(hit.title)}</a></h3>\n"
        f'    <p class="meta search-hit__meta">{meta}{date}</p>\n'
        f"    {badges(hit.states_of.states)}\n    {snippet}\n  </article>\n</li>\n"
    )


@lru_cache(maxsize=1024)
def _date(day, language: str) -> str:
    """A hit's day as it shows it (" · 3. Dezember 2026", with its `<time>`),
    worked out once: Django's formatting took 37 µs a hit, and the same items, with
    their days, are found by search after search."""
    return format_html(
        ' · <time datetime="{}">{}</time>', day.isoformat(), date_format(day, "j. F Y")
    )
