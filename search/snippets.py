"""Snippets: the passage of a hit around the words searched for, with those words marked.

Built in Python from the hit's plain text, for the few hits on a page; not with
`ts_headline`, which re-parses every text it is given and exists only on PostgreSQL.
The text is HTML-escaped first; only then are matched words wrapped in `<mark>`. The
pattern matches word characters only and never inside an entity (`&lt;`), so the
marks are the only markup in the result.
"""

import html
import re
from collections import Counter
from itertools import islice

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SNIPPET_LENGTH = 240
# How much text before the first marked word the passage starts with.
CONTEXT_BEFORE = 70
# Enough to find the densest passage, bounded for texts that say a word 1,000 times.
SCANNED_MATCHES = 60
# Where a snippet is looked for in a long article or post: its start.
SOURCE_LENGTH = 100_000

_BLOCK_END = re.compile(
    r"</(?:p|li|h[1-6]|blockquote|pre|div|tr|td|th|dd|dt)>|<br\s*/?>"
)


# A tag of sanitized HTML (nh3 writes no comments, quotes every attribute value).
_TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")


def plain_text(fragment: str) -> str:
    """Sanitized HTML (a post, an article) as one line of text (of its start).

    Its tags are taken out by a pattern: Django's `strip_tags`, which parses any
    HTML until nothing changes, took half of a hit's time (47 against 18 µs for a
    post)."""
    text = _TAG.sub("", _BLOCK_END.sub(" ", (fragment or "")[:SOURCE_LENGTH]))
    return collapse(html.unescape(text))


def collapse(text: str) -> str:
    return " ".join((text or "").split())


def _stem_pattern(stem: str) -> str:
    """A stem that also matches the spelling with umlauts and ß ("flach" → "fläch")."""
    parts = []
    index = 0
    while index < len(stem):
        if stem.startswith("ss", index):
            parts.append("(?:ss|ß)")
            index += 2
            continue
        char = stem[index]
        parts.append({"a": "[aä]", "o": "[oö]", "u": "[uü]"}.get(char, re.escape(char)))
        index += 1
    return "".join(parts)


class Highlighter:
    """Marks the words of a query (by their stems) in titles and passages."""

    def __init__(self, stems: tuple[str, ...]):
        self.stems = stems
        self._lower = self._raw = self._escaped = None
        if stems:
            words = "|".join(f"({_stem_pattern(stem)})" for stem in stems)
            # A word starts after a non-word character (`_words`: a pattern that
            # begins by looking behind is tried at every place of the text, which
            # took twice as long over an article). The stems are in lower case:
            # looked for in the text in lower case, the pattern needs no
            # IGNORECASE, which tries it at every place of the text too (an
            # article's 3.5 KB: 29 → 13 µs with the lowering).
            self._lower = re.compile(rf"(?:{words})\w*")
            self._raw = re.compile(rf"(?:{words})\w*", re.IGNORECASE)
            # In escaped text, also not inside an entity ("&lt;", "&#x27;").
            self._escaped = re.compile(
                rf"(?<![\w&])(?<!&#)(?:{words})\w*", re.IGNORECASE
            )

    def mark(self, text: str) -> SafeString:
        """The text escaped, then its matched words wrapped in <mark>."""
        escaped = escape(text or "")
        if self._escaped is None:
            return escaped
        return mark_safe(self._escaped.sub(r"<mark>\g<0></mark>", escaped))  # noqa: S308

    def snippet(self, text: str, *, length: int = SNIPPET_LENGTH) -> SafeString:
        """The passage of `text` with the most different query words, marked."""
        text = collapse(text)
        if not text:
            return mark_safe("")  # noqa: S308
        start, end = self._best_window(text, length)
        if start > 0:
            # Begin at a word, not in the middle of one.
            space = text.find(" ", start, start + 25)
            start = space + 1 if space != -1 else start
        if end < len(text):
            space = text.rfind(" ", end - 25, end)
            end = space if space > start else end
        passage = text[start:end].strip()
        before = "… " if start > 0 else ""
        after = " …" if end < len(text) else ""
        return mark_safe(f"{before}{self.mark(passage)}{after}")  # noqa: S308

    def _words(self, text: str):
        """The matches of the words that start a word (their places in `text`)."""
        lowered = text.lower()
        # A few characters change their length in lower case ("İ"): then the
        # places would not be those of `text`.
        found = (
            self._lower.finditer(lowered)
            if len(lowered) == len(text)
            else self._raw.finditer(text)
        )
        for match in found:
            start = match.start()
            if not start or not (text[start - 1].isalnum() or text[start - 1] == "_"):
                yield match

    def _best_window(self, text: str, length: int) -> tuple[int, int]:
        if self._raw is None:
            return 0, min(len(text), length)
        matches = list(islice(self._words(text), SCANNED_MATCHES))
        if not matches:
            return 0, min(len(text), length)
        # The window that starts at each match in turn: the one with the most
        # different words, then the most matches. Its end only grows, so the matches
        # inside are kept as the window moves on (`words` counts them per word).
        best, best_score = 0, (-1, -1)
        words: Counter = Counter()
        end = 0  # matches[index:end] lie inside the window
        for index, first in enumerate(matches):
            window_end = first.start() + length - CONTEXT_BEFORE
            while end < len(matches) and matches[end].end() <= window_end:
                words[matches[end].lastindex] += 1
                end += 1
            score = (len(words), end - index)
            if score > best_score:
                best, best_score = index, score
            if end > index:
                word = first.lastindex
                words[word] -= 1
                if not words[word]:
                    del words[word]
            else:
                end = index + 1
        start = max(0, matches[best].start() - CONTEXT_BEFORE)
        return start, min(len(text), start + length)
