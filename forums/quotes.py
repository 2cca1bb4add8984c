"""Quotes of other posts, and what becomes of them when a post is hidden or deleted.

The Quote button writes a post into the reply form as a Markdown quote whose first
line links to the quoted post:

    > [Anna Beispiel wrote:](/foren/nachbarschaftsforum/beitrag/12/)
    >
    > Her text …

That link at the start of a quote (at any depth: a quote inside a quote) is how the
quote is known again. A post's public HTML (`Post.body_html`, which the search index,
the PDFs and every page read) shows a quote of a hidden or deleted post as a note
instead of its text; moderators see the original (`Post.moderator_html`). Which posts
a post quotes is stored (`Quote`), so that hiding, showing or deleting a post renders
the posts that quote it again.

Quotes are found line by line as Python-Markdown finds block quotes: a run of lines
starting with ">", the lines it continues lazily, and further quoted lines after a
blank line (which Markdown joins into the same quote), unless those begin a quote of
their own. A quote moved into a list or a code block by hand is the author's text.
"""

import re
from collections.abc import Collection, Iterator

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

QUOTE_LINE = re.compile(r"^ {0,3}> ?")
# A Markdown link to a post's permalink, /foren/<forum>/beitrag/<id>/.
SOURCE = re.compile(r"\[(?:[^\]\\]|\\.)*\]\([^)\s]*/foren/[^/)\s]+/beitrag/(\d+)/\)")
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#])")


def quote(post, body: str) -> str:
    """The text the reply form starts with to quote `post`, whose text (as this
    reader may see it) is `body`."""
    with translation.override(settings.LANGUAGE_CODE):
        name = post.author.public_name if post.author else gettext("deleted account")
        attribution = gettext("%(name)s wrote:") % {"name": name}
    attribution = MARKDOWN_SPECIAL.sub(r"\\\1", attribution)
    lines = [f"[{attribution}]({post.get_absolute_url()})", "", *body.splitlines()]
    return "\n".join(f"> {line}".rstrip() for line in lines) + "\n\n"


def sources(body: str) -> set[int]:
    """The ids of the posts quoted in `body`, at any depth."""
    found = set()

    def walk(lines: list[str]) -> None:
        for start, end, source in _quotes(lines):
            if source is not None:
                found.add(source)
            walk([_unquote(line) for line in lines[start:end]])

    walk(body.splitlines())
    return found


def public(body: str, unavailable: Collection[int]) -> str:
    """`body` with each quote of an unavailable post replaced by a note."""
    if not set(unavailable) & sources(body):
        return body
    with translation.override(settings.LANGUAGE_CODE):
        note = gettext("Quote from a hidden post")
    return "\n".join(_public(body.splitlines(), set(unavailable), note))


def _public(lines: list[str], unavailable: set[int], note: str) -> list[str]:
    kept, position = [], 0
    for start, end, source in _quotes(lines):
        kept += lines[position:start]
        if source in unavailable:
            kept.append(f"> *{note}*")
        else:
            inner = [_unquote(line) for line in lines[start:end]]
            kept += [
                f"> {line}" if line.strip() else ">"
                for line in _public(inner, unavailable, note)
            ]
        position = end
    return kept + lines[position:]


def _quotes(lines: list[str]) -> Iterator[tuple[int, int, int | None]]:
    """(first line, line after the last, quoted post's id or None) of each quote at
    this depth."""
    index, count = 0, len(lines)
    while index < count:
        if not QUOTE_LINE.match(lines[index]):
            index += 1
            continue
        start = index
        index += 1
        while index < count:
            if lines[index].strip():
                index += 1  # a quoted line, or one Markdown continues the quote with
                continue
            after = index
            while after < count and not lines[after].strip():
                after += 1
            if (
                after < count
                and QUOTE_LINE.match(lines[after])
                and _source(lines[after]) is None
            ):
                index = after
            else:
                break
        yield start, index, _source(lines[start])


def _unquote(line: str) -> str:
    return QUOTE_LINE.sub("", line, count=1)


def _source(line: str) -> int | None:
    found = SOURCE.match(_unquote(line).strip())
    return int(found[1]) if found else None
