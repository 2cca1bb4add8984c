"""The markup of one hit, written in Python.

A results page shows up to 25 hits; rendering each through `{% include %}` of a hit
and of its state badges took a third of a search's time in the process (measured
with `make bench-search`). Every value is escaped; titles and snippets are already
safe (escaped, then marked). The state badges are those of every page
(core.states.badges).
"""

from datetime import datetime
from functools import lru_cache

from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.formats import date_format
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext, ngettext

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
        ' · <time datetime="{}">{}</time>',
        day.isoformat(),
        date_format(day, "DATE_FORMAT"),
    )


def overview(groups) -> SafeString:
    """The overview of all kinds: how many hits each has (links to its own pages),
    then each kind's first hits. Written out as the hits are (through the template,
    a kind's section and count took 0.2 ms, 1 ms of a search that finds five)."""
    counts = "".join(
        f'<li><a href="{escape(group.url)}">{escape(group.kind.label)} '
        f'<span class="badge">{_count(group)}</span></a></li>'
        for group in groups
    )
    sections = "".join(_section(group) for group in groups)
    label = escape(gettext("Hits by area"))
    return mark_safe(  # noqa: S308 (every value is escaped)
        f'<nav class="search-summary" aria-label="{label}">'
        f"\n  <ul>\n    {counts}\n  </ul>\n</nav>\n{sections}\n"
    )


def _count(group) -> str:
    if group.total_capped:
        return gettext("more than %(limit)s") % {"limit": _limit(group)}
    return escape(intcomma(group.total))


def _limit(group) -> str:
    """How far a kind's hits were counted ("1.000")."""
    return escape(intcomma(group.count_limit))


def _section(group) -> str:
    slug, label = group.kind.slug, escape(group.kind.label)
    more = ""
    if group.total_capped or group.total > len(group.hits):
        if group.total_capped:
            limit = _limit(group)
            text = gettext("Show all hits (more than %(limit)s)") % {"limit": limit}
        else:
            text = ngettext(
                "Show the hit", "Show all %(counter)s hits", group.total
            ) % {"counter": escape(intcomma(group.total))}
        more = (
            f'<p class="more-link"><a href="{escape(group.url)}">'
            f'<span aria-hidden="true">→ </span>{text}'
            f'<span class="visually-hidden">: {label}</span></a></p>'
        )
    hits = "".join(hit.html for hit in group.hits)
    return (
        f'\n<section class="search-group" aria-labelledby="search-group-{slug}">\n'
        f'  <h2 id="search-group-{slug}">{label}</h2>\n'
        f'  <ol class="search-results">\n    {hits}\n  </ol>\n  {more}\n</section>\n'
    )
