"""What search engines and link previews read about a page, for every page at once.

base.html wraps its <title> and description in `{% pagemeta %}…{% endpagemeta %}`: the
tag adds `rel=canonical`, the Open Graph tags (from the same title and description,
so they never differ) and the page's JSON-LD (`json_ld` in the context: a dict or a
list of them, see core.jsonld; or a function that returns them, called only when the
page is rendered, not when a stored page answers). A view says more through its
context: `og_type` ("website" unless set), `og_image` with `og_image_alt`,
`og_image_width`, `og_image_height`, and `canonical_url` where the page's address is
not its own (a replaced document version points to the current one).

base.html also wraps its breadcrumbs in `{% breadcrumbs_jsonld %}…{% endbreadcrumbs_jsonld %}`:
the links shown become a schema.org `BreadcrumbList`, so the two cannot disagree.
"""

import re
from functools import lru_cache
from html import unescape
from urllib.parse import urlencode, urljoin

from django import template
from django.template.loader import render_to_string
from django.utils.encoding import iri_to_uri

from core import jsonld
from core.pagination import PAGE_PARAMETER

register = template.Library()

SITE_NAME = "Region der Mitte"
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"', re.S)


def _text(html: str) -> str:
    return " ".join(unescape(html).split())


def canonical_url(context) -> str:
    # The page number is the only parameter that makes another canonical page.
    if context.get("canonical_url"):
        return context["canonical_url"]
    request = context["request"]
    url = request.build_absolute_uri(request.path)
    page = request.GET.get(PAGE_PARAMETER)
    if page and page != "1":
        url = f"{url}?{urlencode({PAGE_PARAMETER: page})}"
    return url


def _absolute(request, url: str | None) -> str | None:
    return request.build_absolute_uri(url) if url else None


class PageMetaNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        head = self.nodelist.render(context)
        request = context.get("request")
        if request is None or context.get("no_page_meta"):
            return head
        title_match = TITLE.search(head)
        title = _text(title_match.group(1)) if title_match else SITE_NAME
        title = title.removesuffix(f" – {SITE_NAME}") or SITE_NAME
        description_match = DESCRIPTION.search(head)
        data = context.get("json_ld")
        if callable(data):
            data = data()  # computed only when the page is rendered
        if isinstance(data, dict):
            data = [data]
        meta = render_to_string(
            "includes/_pagemeta.html",
            {
                "title": title,
                "description": (
                    _text(description_match.group(1)) if description_match else ""
                ),
                "url": canonical_url(context),
                "type": context.get("og_type") or "website",
                "image": _absolute(request, context.get("og_image")),
                "image_alt": context.get("og_image_alt", ""),
                "image_width": context.get("og_image_width"),
                "image_height": context.get("og_image_height"),
                "site_name": SITE_NAME,
                "json_ld": [jsonld.script(item) for item in data or [] if item],
            },
        )
        return head + "\n" + meta


@register.tag
def pagemeta(parser, token):
    nodelist = parser.parse(("endpagemeta",))
    parser.delete_first_token()
    return PageMetaNode(nodelist)


class BreadcrumbsNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        html = self.nodelist.render(context)
        request = context.get("request")
        if request is None:
            return html
        return html + _breadcrumbs(html, request.build_absolute_uri(request.path))


@lru_cache(maxsize=1024)
def _breadcrumbs(html: str, address: str) -> str:
    """The `BreadcrumbList` of the links of `html` on the page at `address`, made
    once for each: parsing the links took a fiftieth of a search nobody asked
    before, and most trails recur (every search page has the same one)."""
    crumbs = [
        (name, iri_to_uri(urljoin(address, href)))
        for name, href in jsonld.links(html)
        if name and href
    ]
    return jsonld.script(jsonld.breadcrumb_list(crumbs))


@register.tag
def breadcrumbs_jsonld(parser, token):
    nodelist = parser.parse(("endbreadcrumbs_jsonld",))
    parser.delete_first_token()
    return BreadcrumbsNode(nodelist)
