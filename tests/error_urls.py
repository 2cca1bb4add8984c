"""The project's URLconf plus views that fail, for the error-page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.urls import path

from regiondermitte.urls import (  # noqa: F401 (the error handlers come along)
    handler400,
    handler403,
    handler404,
    handler500,
)
from regiondermitte.urls import (
    urlpatterns as project_urlpatterns,
)

# Must never reach a visitor: the error pages show no exception text.
INTERNAL_DETAIL = "interner-zustand-geheim-4711"


def failing(exception_class):
    def view(request):
        raise exception_class(f"{INTERNAL_DETAIL} /srv/portal/settings.py")

    return view


urlpatterns = [
    path("fehler/400/", failing(SuspiciousOperation)),
    path("fehler/403/", failing(PermissionDenied)),
    path("fehler/404/", failing(Http404)),
    path("fehler/500/", failing(RuntimeError)),
    *project_urlpatterns,
]
