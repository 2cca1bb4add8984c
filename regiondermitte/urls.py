from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from core import pagecache
from documents.views import srek_redirect

from . import views
from .notifications import NotificationSettingsView
from .sitemaps import SITEMAPS

admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Region der Mitte – Verwaltung"
admin.site.site_title = "Region der Mitte"

urlpatterns = [
    path("healthz", views.health, name="health"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "sitemap.xml",
        pagecache.depends_on(pagecache.SITEMAP)(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", views.media),
    ]

# What readers see, in German at the plain addresses and in English under /en/
# (core/i18n.py). The path segments stay German in both.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path(
        "konto/benachrichtigungen/",
        NotificationSettingsView.as_view(),
        name="notification-settings",
    ),
    path("konto/", include("accounts.urls")),
    path("konto/", include("allauth.urls")),
    path("aktuelles/", include("news.urls")),
    path("dokumente/", include("documents.urls")),
    path("srek/", srek_redirect, name="srek"),
    path("foren/", include("forums.urls")),
    path("ansprechpersonen/", include("contacts.urls")),
    path("wer-ist-zustaendig/", include("contacts.municipality_urls")),
    path("veranstaltungen/", include("events.urls")),
    path("werkzeugkasten/", include("toolbox.urls")),
    path("suche/", include("search.urls")),
    path("newsletter/", include("newsletter.urls")),
    # Editor-kept pages (/projekt/, /impressum/, …) take whatever single segment is
    # left.
    path("", include("pages.urls")),
    prefix_default_language=False,
)

handler400 = "regiondermitte.views.bad_request"
handler403 = "regiondermitte.views.permission_denied"
handler404 = "regiondermitte.views.page_not_found"
handler500 = "regiondermitte.views.server_error"
