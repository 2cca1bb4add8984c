from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from core import pagecache
from documents.views import srek_redirect

from . import views
from .sitemaps import SITEMAPS

admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Region der Mitte – Verwaltung"
admin.site.site_title = "Region der Mitte"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.health, name="health"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path(
        "sitemap.xml",
        pagecache.depends_on(pagecache.SITEMAP)(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("admin/", admin.site.urls),
    path("konto/", include("accounts.urls")),
    path("konto/", include("allauth.urls")),
    path("aktuelles/", include("news.urls")),
    path("dokumente/", include("documents.urls")),
    path("srek/", srek_redirect, name="srek"),
    path("foren/", include("forums.urls")),
    path("ansprechpersonen/", include("contacts.urls")),
    path("veranstaltungen/", include("events.urls")),
    path("suche/", include("search.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", views.media),
    ]

# Editor-kept pages (/projekt/, /impressum/, …) take whatever single segment is left.
urlpatterns += [path("", include("pages.urls"))]

handler400 = "regiondermitte.views.bad_request"
handler403 = "regiondermitte.views.permission_denied"
handler404 = "regiondermitte.views.page_not_found"
handler500 = "regiondermitte.views.server_error"
