"""schema.org data as JSON-LD, for search engines; one way to write it for every page.

A data block (`<script type="application/ld+json">`) is never executed, so the
Content-Security-Policy (`script-src 'self'`) lets it through without a nonce. `<`,
`>` and `&` are escaped as Django's `json_script` escapes them, so no text an editor
or a forum author wrote can close the element or open another one.
"""

import json
from html.parser import HTMLParser

from django.utils.safestring import SafeString, mark_safe

CONTEXT = "https://schema.org"
# As Django's json_script escapes them.
ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def dumps(data: dict | list) -> str:
    """JSON that is safe inside a <script> element."""
    return json.dumps(data, ensure_ascii=False, default=str).translate(ESCAPES)


def script(data: dict | list | None) -> SafeString:
    """The data block for `data` (nothing for None); `@context` is added at the top."""
    if not data:
        return mark_safe("")
    if isinstance(data, dict) and "@context" not in data:
        data = {"@context": CONTEXT, **data}
    return mark_safe(  # noqa: S308 (escaped for a <script> element in dumps)
        '<script type="application/ld+json">' + dumps(data) + "</script>"
    )


def breadcrumb_list(crumbs: list[tuple[str, str]]) -> dict | None:
    """`BreadcrumbList` of (name, absolute URL) pairs; None for fewer than two."""
    if len(crumbs) < 2:
        return None
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": name, "item": url}
            for number, (name, url) in enumerate(crumbs, start=1)
        ],
    }


class _LinkParser(HTMLParser):
    """The (text, href) of every link in a piece of the portal's own markup."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs).get("href") or ""
            self._text = []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((" ".join("".join(self._text).split()), self._href))
            self._href = None


def links(html: str) -> list[tuple[str, str]]:
    parser = _LinkParser()
    parser.feed(html)
    return parser.links
