"""The benchmark's baseline: the cheapest page Django can serve through the project's
middleware. Every page's req/s in `make bench`'s table is a percentage of this one's.
"""

from django.http import HttpResponse


def baseline(request):
    response = HttpResponse("ok", content_type="text/plain; charset=utf-8")
    # Measured through the whole middleware stack on every request, never a cached copy.
    response.page_cache_exempt = True
    return response
