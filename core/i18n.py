"""German and English: German under the plain addresses, English under /en/.

The language comes from the address alone, never from the browser's Accept-Language
or a cookie: a shared link shows what its sender saw, no cookie is set for a reader
(the header's language link is a plain link), and a page does not vary by header, so
the page cache may keep it.
"""

from urllib.parse import quote

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.cache import cc_delim_re
from django.utils.crypto import salted_hmac
from django.utils.html import escape
from django.utils.translation import get_language, get_language_info

# Where a page rendered to be shared by readers on other addresses (core.pagecache)
# has the address's query in its language links; `fill_query()` puts each reader's
# own there. Derived from SECRET_KEY, so that no text a user wrote can pass for it.
QUERY_HOLE = "pagequery-" + salted_hmac("core.i18n", "query hole").hexdigest()[:32]


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, without `Vary: Accept-Language`: with the default language
    unprefixed (i18n_patterns(prefix_default_language=False)) Django takes the
    language from the path only, yet still marks unprefixed pages as varying."""

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.has_header("Vary"):
            kept = [
                field
                for field in cc_delim_re.split(response["Vary"])
                if field and field.lower() != "accept-language"
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response


def split_language(path: str) -> tuple[str, str]:
    """("en", "/aktuelles/") for "/en/aktuelles/"; the default language for a plain
    path."""
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != settings.LANGUAGE_CODE and path.startswith(prefix):
            return code, path[len(prefix) - 1 :]
    return settings.LANGUAGE_CODE, path


def language_path(path: str, code: str) -> str:
    """The address of the same page in language `code`."""
    _current, plain = split_language(path)
    return plain if code == settings.LANGUAGE_CODE else f"/{code}{plain}"


# The main navigation's entries and the account menu: the paths they stand for.
NAV_SECTIONS = (
    "/aktuelles/",
    "/dokumente/",
    "/veranstaltungen/",
    "/foren/",
    "/werkzeugkasten/",
    "/ansprechpersonen/",
    "/konto/",
)


def _nav_current(plain: str) -> str:
    """The header's entry for this path ("/foren/" for any forum page, "/projekt/"
    for that page alone), or ""."""
    if plain == "/projekt/":
        return plain
    return next((path for path in NAV_SECTIONS if plain.startswith(path)), "")


def languages(request):
    """For the header and <head>: the page in every language, the path without the
    language prefix (to mark the current navigation entry), the prefix for links
    the templates write out, and whether content (always written in German) needs
    a lang attribute; and where the header's sign-in link brings the reader back to
    (this page's path: not its query, which a page shared by all of its addresses
    must not carry; none from the account pages, which lead on by themselves)."""
    language = get_language() or settings.LANGUAGE_CODE
    path = request.path if request is not None else "/"
    _code, plain = split_language(path)
    nav_current = _nav_current(plain)
    if getattr(request, "page_query_hole", False):
        suffix = QUERY_HOLE
    else:
        suffix = _query_suffix(request)
    return {
        "plain_path": plain,
        "nav_current": nav_current,
        "login_query": "" if nav_current == "/konto/" else f"?next={quote(path)}",
        "lang_prefix": "" if language == settings.LANGUAGE_CODE else f"/{language}",
        "content_lang": "" if language == settings.LANGUAGE_CODE else "de",
        "page_languages": [
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": language_path(plain, code) + suffix,
                # From the configured address, not the request's Host header (which
                # may be forged: the 400 page renders this too).
                "absolute_url": settings.SITE_URL + language_path(plain, code) + suffix,
                "current": code == language,
            }
            for code, _name in settings.LANGUAGES
        ],
    }


def _query_suffix(request) -> str:
    query = request.META.get("QUERY_STRING", "") if request is not None else ""
    return f"?{query}" if query else ""


def fill_query(html: str, request) -> str:
    """A page rendered with `QUERY_HOLE` (`request.page_query_hole`), with the query
    of this request's address in its language links."""
    return html.replace(QUERY_HOLE, escape(_query_suffix(request)))
