"""Markdown for everything people write: rendered first, then sanitized with nh3.

The rendered HTML is stored next to the source, so pages never render Markdown per request.
"""

from functools import lru_cache

import markdown as md
import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
# tel: so that a phone number in content can be called from a phone.
URL_SCHEMES = {"http", "https", "mailto", "tel"}
LINK_REL = "nofollow noopener noreferrer ugc"


def sanitize(html: str, *, attribute_filter=None) -> str:
    """HTML cut down to the allow-list; `attribute_filter(tag, attribute, value)`
    may rewrite what is kept (a mail's links made absolute)."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
        attribute_filter=attribute_filter,
    )


def render(text: str, *, line_breaks: bool = False) -> str:
    """Markdown source to safe HTML. Raw HTML is cut down to the allow-list.

    `line_breaks` keeps every line break (Leichte Sprache: one sentence a line).
    """
    return _render(str(text or ""), line_breaks)


# A text is rendered two or three times while it is saved (the form's check, the
# model's, the save itself): the last ones are kept. A reply took 3 renders.
@lru_cache(maxsize=32)
def _render(text: str, line_breaks: bool) -> str:
    html = md.markdown(
        text,
        extensions=["extra", "sane_lists", *(["nl2br"] if line_breaks else [])],
        output_format="html",
    )
    return sanitize(html)
