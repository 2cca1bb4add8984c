"""What a reader typed, made safe to search for.

People type what `websearch_to_tsquery` understands: words, "quoted phrases",
-exclusions and `or` (or German `oder`) between alternatives. Words that the German
configuration leaves out (stop words such as "der") are not searched for outside
phrases. This module cleans the text and reads it
into terms, from which the search builds its PostgreSQL query (search/engine.py) or
the simpler match on SQLite; it also finds the last word, searched as a prefix while
it may still be incomplete, and the words to highlight in snippets.
"""

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cached_property

from .german import STOP_WORDS

MAX_LENGTH = 200
# A shorter last word would match half the dictionary ("ve" → "ver…").
MIN_PREFIX_LENGTH = 3

# Control, format (zero-width, bidi overrides, soft hyphen) and surrogate characters:
# invisible, and NUL would not even reach PostgreSQL.
_DROPPED_CATEGORIES = {"Cc", "Cf", "Cs"}
_TOKEN = re.compile(r'(-*)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"[^\W_]+")
_EDGE_PUNCTUATION = re.compile(r"^[^\w]+|[^\w]+$")

# Between two terms: either of them.
OPERATORS_OR = ("or", "oder")
_SUFFIXES = ("ern", "em", "en", "er", "es", "e", "s")
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u"})


def clean(raw: str) -> tuple[str, bool]:
    """The text without invisible characters, whitespace collapsed, cut to MAX_LENGTH.

    Returns the text and whether it was cut.
    """
    text = unicodedata.normalize("NFKC", raw or "")
    text = "".join(
        " " if unicodedata.category(char) in _DROPPED_CATEGORIES else char
        for char in text
    )
    text = " ".join(text.split())
    if len(text) <= MAX_LENGTH:
        return text, False
    return text[:MAX_LENGTH].rstrip(), True


def fold(word: str) -> str:
    """Lower case without umlauts, as PostgreSQL's German stemmer compares words."""
    return word.casefold().translate(_FOLD)


def stem(word: str) -> str:
    """A rough German stem for highlighting: "Gewerbeflächen" → "gewerbeflach".

    PostgreSQL's Snowball stemmer decides what matches; this only has to find the
    same words again in a snippet, so removing a plural or case ending is enough.
    """
    folded = fold(word)
    for suffix in _SUFFIXES:
        if folded.endswith(suffix) and len(folded) - len(suffix) >= 3:
            return folded[: -len(suffix)]
    return folded


@dataclass(frozen=True)
class Term:
    """A word or a "quoted phrase" of the query."""

    text: str  # without quotes, minus sign and surrounding punctuation
    phrase: bool = False
    excluded: bool = False
    alternative: bool = False  # joined to the term before it by "or"
    # The last word, searched as the start of a word ("Gewerbefl" finds
    # "Gewerbeflächen"); letters and digits only, so it is safe in a raw tsquery.
    prefix: bool = False

    @property
    def words(self) -> list[str]:
        return _WORD.findall(self.text)


@dataclass(frozen=True)
class SearchText:
    text: str  # what the search box shows again
    truncated: bool = False
    terms: tuple[Term, ...] = ()
    # Words typed to be found that are left out as too common ("die", "und").
    stop_words: tuple[str, ...] = ()

    @property
    def is_blank(self) -> bool:
        return not self.text

    @property
    def has_positive_terms(self) -> bool:
        """Something to find: a query of exclusions or operators alone finds nothing."""
        return any(not term.excluded and term.words for term in self.terms)

    @property
    def only_stop_words(self) -> bool:
        """Nothing to find because every word to find is too common to search for:
        the reader is told so, not that the query has no word at all."""
        return bool(self.stop_words) and not self.has_positive_terms

    @cached_property
    def highlight_stems(self) -> tuple[str, ...]:
        """Stems of the words to mark in snippets, longest first."""
        stems = set()
        for term in self.terms:
            if term.excluded:
                continue
            for word in term.words:
                if fold(word) in STOP_WORDS or len(word) < 2:
                    continue
                stems.add(stem(word))
        return tuple(sorted(stems, key=lambda s: (-len(s), s)))


def _stop_words_only(text: str) -> bool:
    """Whether PostgreSQL's German configuration finds no word to search in `text`."""
    return all(word.casefold() in STOP_WORDS for word in _WORD.findall(text))


def parse(raw: str) -> SearchText:
    text, truncated = clean(raw)
    tokens = []  # (term or "or", start offset)
    or_words = {}  # the word an "or" token was typed as, by its offset
    stop_words = []
    for match in _TOKEN.finditer(text):
        if match.group(3) is not None:
            word = match.group(3)
            excluded = word.startswith("-")
            core = _EDGE_PUNCTUATION.sub("", word)
            if word.casefold() in OPERATORS_OR:
                tokens.append(("or", match.start()))
                or_words[match.start()] = word
            elif core and not _stop_words_only(core):
                tokens.append((Term(core, excluded=excluded), match.start()))
            elif core and not excluded:
                stop_words.append(core)
        else:
            phrase = " ".join(match.group(2).split())
            if _WORD.search(phrase):
                term = Term(phrase, phrase=True, excluded=bool(match.group(1)))
                tokens.append((term, match.start()))

    terms = []
    joined_by_or = False
    for index, (item, start) in enumerate(tokens):
        if item == "or":
            # Between two terms "or" is the operator; elsewhere it is a word
            # ("oder" a stop word, left out).
            if terms and index < len(tokens) - 1 and tokens[index + 1][0] != "or":
                joined_by_or = True
            elif not _stop_words_only(or_words[start]):
                terms.append(Term(or_words[start]))
            else:
                stop_words.append(or_words[start])
            continue
        if joined_by_or:
            item = replace(item, alternative=True)
            joined_by_or = False
        terms.append(item)

    if tokens and terms:
        last, start = tokens[-1]
        if (
            last != "or"
            and not last.phrase
            and not last.excluded
            and not terms[-1].alternative
            and len(last.text) >= MIN_PREFIX_LENGTH
            and all(char.isalpha() or char in "0123456789" for char in last.text)
            and text[start:] == last.text
        ):
            terms[-1] = replace(terms[-1], prefix=True)
    return SearchText(
        text=text,
        truncated=truncated,
        terms=tuple(terms),
        stop_words=tuple(stop_words),
    )
