"""The home page (reads across apps), health, robots.txt and the error pages."""

import sys
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template import loader
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.static import serve

from contacts.models import Person
from core import pagecache
from core.resubmit import kept_fields, same_origin
from documents.models import Document
from events.models import Event
from forums.cache import INDEX as FORUM_INDEX
from forums.models import Topic
from news.models import Article
from pages.jsonld import organization
from pages.models import Goal, Operator, Page


@require_GET
# The forum block is a fragment of its own under the forum index (templates/home.html):
# a reply renders that block again, not the whole page.
@pagecache.depends_on(pagecache.HOME, FORUM_INDEX)
def home(request):
    # All lazy, the querysets too (building one costs more than the cached page):
    # the page is mostly stored whole or in fragments (templates/home.html), and then
    # none of this runs.
    pages = SimpleLazyObject(
        lambda: Page.objects.in_bulk(["region-gestalten", "projekt"], field_name="slug")
    )
    context = {
        "explained": SimpleLazyObject(lambda: pages.get("region-gestalten")),
        "project": SimpleLazyObject(lambda: pages.get("projekt")),
        "goals": SimpleLazyObject(lambda: list(Goal.objects.all())),
        "latest_articles": SimpleLazyObject(lambda: list(Article.objects.for_home())),
        "contact_persons": SimpleLazyObject(lambda: list(Person.objects.on_home())),
        "srek": SimpleLazyObject(Document.objects.current_srek),
        "forum_topics": SimpleLazyObject(lambda: list(Topic.objects.recently_active())),
        "upcoming_events": SimpleLazyObject(lambda: list(Event.objects.for_home())),
        "json_ld": lambda: organization(Operator.objects.current(), request=request),
    }
    # The same page for every reader: stored whole, for signed-in readers too.
    pagecache.same_for(request)
    return TemplateResponse(request, "home.html", context)


@require_GET
def health(request):
    """Each dependency's state; 503 only without the database, so that a load
    balancer keeps a node whose cache is away (pages work without it, slower)."""
    state = {"database": _database_state(), "cache": _cache_state()}
    status = 200 if state["database"] == "ok" else 503
    return JsonResponse(state, status=status)


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "unavailable"
    return "ok"


def _cache_state() -> str:
    ask = getattr(cache, "is_available", None)  # core.cache.RedisCache
    if ask is not None:
        return "ok" if ask() else "unavailable"
    try:
        cache.set("healthz", "ok", 5)
        return "ok" if cache.get("healthz") == "ok" else "unavailable"
    except Exception:
        return "unavailable"


@require_GET
def media(request, path):
    """Uploaded files, where Django serves them itself (`make run`, DJANGO_SERVE_MEDIA);
    nginx does the same in production (README). Documents are downloads, never shown
    inline: whatever a file holds, the browser does not run it as a page (covers are
    pictures in pages)."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    if path.startswith("documents/") and not path.startswith("documents/covers/"):
        response["Content-Disposition"] = "attachment"
    return response


FAVICON = Path(settings.BASE_DIR) / "static" / "img" / "favicon.ico"


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers and feed readers ask for /favicon.ico whatever the page links."""
    return HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /konto/",
        "Disallow: /suche/",
        "Disallow: /en/konto/",
        "Disallow: /en/suche/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )


# How long a reader is asked to wait when the database does not answer.
RETRY_AFTER_SECONDS = 30


def _error(template: str, status: int):
    def view(request, exception=None):
        # No canonical address or Open Graph for a page that is not there.
        return render(request, template, {"no_page_meta": True}, status=status)

    return view


bad_request = _error("errors/400.html", 400)
permission_denied = _error("errors/403.html", 403)
page_not_found = _error("errors/404.html", 404)


def server_error(request):
    """500, or 503 with Retry-After when the database did not answer; what the person
    sent is offered again. Rendered without context processors: the database may be
    what failed."""
    failed_database = isinstance(sys.exc_info()[1], OperationalError | InterfaceError)
    template, status = (
        ("errors/503.html", 503) if failed_database else ("errors/500.html", 500)
    )
    kept = kept_fields(request)
    context = {
        "kept": kept,
        "action": request.get_full_path(),
        "csrf_token": get_token(request) if kept else "",
    }
    response = HttpResponse(loader.render_to_string(template, context), status=status)
    if failed_database:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def csrf_failure(request, reason=""):
    """The form could not be taken (an expired token, usually after signing in or out
    in another tab): shown again with the typed text and a fresh token, if it came
    from a page of this site."""
    kept = kept_fields(request) if same_origin(request) else []
    context = {"kept": kept, "action": request.get_full_path(), "no_page_meta": True}
    return render(request, "403_csrf.html", context, status=403)
