"""The portal-wide search at /suche/?q=."""

import logging

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from contacts.models import Municipality
from core import pagecache
from core.states import State

from . import engine, markup
from .kinds import BROWSE, KINDS, KINDS_BY_SLUG
from .query import MAX_LENGTH, parse

logger = logging.getLogger(__name__)

# Hits per type on the overview; "show all" leads to the type's own pages.
OVERVIEW_SIZE = 5
# Municipalities offered above the hits ("Wer ist zuständig?").
MUNICIPALITIES = 3
# Enough for every page of ranked hits; keeps OFFSET within reason for odd links.
MAX_PAGE = 1000


def _page_number(value: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


@require_GET
def results(request):
    text = parse(request.GET.get("q", ""))
    kind = KINDS_BY_SLUG.get(request.GET.get("typ", ""))
    state = request.GET.get("land", "")
    if state not in State.values:
        state = ""
    # The form (search/_form.html) is plain markup: through Django's form widgets it
    # took a sixth of a search that nobody asked before.
    context = {
        "search": text,
        # The header's search box shows the query too.
        "search_query": text.text,
        "kind": kind,
        "kinds": KINDS,
        "browse": BROWSE,
        "state": State(state) if state else None,
        "states": State.choices,
        "max_length": MAX_LENGTH,
    }
    if text.has_positive_terms and kind is None and not state:
        # "Wer ist zuständig?": a municipality's name or postcode leads to its answer.
        context["municipalities"] = _municipalities(request, text.text)
    if text.has_positive_terms:
        try:
            with engine.search_transaction():
                context.update(_results(request, text, kind, state))
        except engine.TooSlow:
            logger.warning("Search took too long: %r", text.text)
            context["too_slow"] = True
    response = render(request, "search/results.html", context)
    # A signed-in reader's results may hold closed forums: stored by no cache. An
    # anonymous reader's are everyone's, and the page cache keeps them until content
    # changes; but not an answer that ran out of time.
    if request.user.is_authenticated or context.get("too_slow"):
        add_never_cache_headers(response)
    return response


def _municipalities(request, text: str) -> list:
    """The municipalities whose name holds the text, or whose postcodes its digits
    (`Municipality.objects.find`), MUNICIPALITIES at most.

    Most searches name none. The names and postcodes of the region's few hundred
    municipalities are kept in the cache, and the query runs only when the text is
    part of one of them, case aside (it took a tenth of a rare word's search). The
    check lets through all that `find` finds, and more. They are kept under a group
    of their own, which no content renews: a municipality's change renews everything,
    as no app's cache.py declares the model.
    """
    known = pagecache.remember(
        "search:municipalities",
        ["search:municipalities"],
        lambda: [
            f"{name} {postcodes}".casefold()
            for name, postcodes in Municipality.objects.values_list("name", "postcodes")
        ],
        request=request,
    )
    wanted = " ".join(text.split()).casefold()
    if not any(wanted in entry for entry in known):
        return []
    found = Municipality.objects.find(text).only("name", "slug", "state", "district")
    return list(found[:MUNICIPALITIES])


def _results(request, text, kind, state) -> dict:
    prepared = engine.prepare(text)
    if kind is not None:
        result = engine.search(
            kind,
            text,
            prepared,
            user=request.user,
            state=state,
            page=_page_number(request.GET.get("seite")),
        )
        return {"result": result, "page_obj": result.page_obj, "found": result.total}
    groups = []
    # On PostgreSQL, kinds of which nothing matches are not searched at all.
    found = engine.matching(KINDS, prepared) if prepared is not None else None
    for each in KINDS:
        if found is not None and each.slug not in found:
            continue
        group = engine.search(
            each,
            text,
            prepared,
            user=request.user,
            state=state,
            per_page=OVERVIEW_SIZE,
            # Counting further than the ranked set reads many more rows; the type's
            # own page does it.
            overview=True,
        )
        if group.total:
            filters = {"q": text.text, "typ": each.slug, "land": state}
            group.url = "?" + urlencode({k: v for k, v in filters.items() if v})
            groups.append(group)
    return {
        "overview": markup.overview(groups) if groups else "",
        "found": bool(groups),
    }
