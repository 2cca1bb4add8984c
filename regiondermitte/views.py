"""The home page (reads across apps), health, robots.txt and the error pages."""

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from contacts.models import Person
from core.pagecache import reader_cache
from documents.models import Document
from events.models import Event
from forums.models import Topic
from news.models import Article
from pages.models import Goal, Page


@require_GET
@reader_cache
def home(request):
    # All lazy: the page's content is mostly a cached fragment (templates/home.html),
    # and then none of these queries runs.
    pages = SimpleLazyObject(
        lambda: Page.objects.in_bulk(["region-gestalten", "projekt"], field_name="slug")
    )
    context = {
        "explained": SimpleLazyObject(lambda: pages.get("region-gestalten")),
        "project": SimpleLazyObject(lambda: pages.get("projekt")),
        "goals": Goal.objects.all(),
        "latest_articles": Article.objects.for_home(),
        "contact_persons": Person.objects.on_home(),
        "srek": SimpleLazyObject(Document.objects.current_srek),
        "forum_topics": Topic.objects.recently_active(),
        "upcoming_events": Event.objects.for_home(),
    }
    return render(request, "home.html", context)


@require_GET
def health(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"database": "unavailable"}, status=503)
    return JsonResponse({"database": "ok"})


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /konto/",
        "Disallow: /suche/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )


def _error(template: str, status: int):
    def view(request, exception=None):
        return render(request, template, status=status)

    return view


bad_request = _error("errors/400.html", 400)
permission_denied = _error("errors/403.html", 403)
page_not_found = _error("errors/404.html", 404)


def server_error(request):
    # No context processors: the database may be what failed.
    from django.template import loader

    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)
