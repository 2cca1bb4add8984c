"""Finding and ranking hits of one kind.

PostgreSQL: the German full-text configuration over stored, GIN-indexed vectors that
triggers keep current (see each app's search-vector migration). Ranking every match
of a common word would read tens of thousands of rows, so only a bounded set is
ranked: the newest RECENT_LIMIT matches together with the newest TITLE_LIMIT whose
title matches, ordered by title hit, then `ts_rank`, then date. Matches beyond that
set are counted, up to a limit ("more than 1,000"), but not ranked; the page says so.

SQLite (the `make run` default): every word must appear in the title or the text
(`icontains`), `-words` must not, "phrases" as written; title hits first, then newest.
"""

from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import OperationalError, connection, transaction
from django.db.models import BooleanField, Case, Count, F, Q, Value, When, Window

from core import fulltext

from .kinds import Hit, Kind
from .query import SearchText
from .snippets import Highlighter

RECENT_LIMIT = 300
TITLE_LIMIT = 100
# Matches are counted up to this many on a type's own page; the overview counts
# only as far as the ranked set goes (RECENT_LIMIT), which costs no extra query.
COUNT_LIMIT = 1000
PER_PAGE = 20
CONFIG = fulltext.CONFIG
# A safety net, far above what a search takes (tens of milliseconds at 100,000
# posts): a query that runs longer is cancelled and the reader asked to narrow it.
STATEMENT_TIMEOUT_MS = 3000


class TooSlow(Exception):
    """PostgreSQL cancelled a search query that ran past STATEMENT_TIMEOUT_MS."""


@contextmanager
def time_limit():
    """Run the searches of a request in a transaction whose statements time out."""
    if not uses_full_text():
        yield
        return
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('statement_timeout', %s, true)",
                    [f"{STATEMENT_TIMEOUT_MS}ms"],
                )
            yield
    except OperationalError as error:
        # Only a cancelled statement; anything else is a fault to report.
        if getattr(error.__cause__, "sqlstate", None) != "57014":
            raise
        raise TooSlow from error


@dataclass(frozen=True)
class Part:
    """One term of the query, for the column that answers it."""

    column: str  # "search_vector", or "phrase_vector" for a phrase's word pairs
    query: SearchQuery
    excluded: bool


@dataclass
class Prepared:
    """The PostgreSQL queries for one request's text (see `prepare`)."""

    groups: list[list[Part]]  # all groups must match; one part of a group ("or")
    title: SearchQuery  # the same as one tsquery, for title vectors (words and pairs)
    rank: SearchQuery  # for ranking: phrases as their words, with positions, weights
    excludes: bool  # has -words: a title hit then needs the full check too

    def condition(self, prefix: str = "") -> Q:
        """Rows (or, with a prefix, related rows) that match."""
        condition = Q()
        for group in self.groups:
            either = Q()
            for part in group:
                matched = Q(**{f"{prefix}{part.column}": part.query})
                either |= ~matched if part.excluded else matched
            condition &= either
        return condition


@dataclass
class KindResult:
    kind: Kind
    hits: list[Hit]
    page_obj: Page
    # Matches counted, at most `count_limit` + 1 (shown as "more than …").
    total: int
    count_limit: int
    # Whether there are more matches than were ranked (the newest RECENT_LIMIT).
    partly_ranked: bool
    url: str = ""  # the page of this kind alone, set by the view

    @property
    def total_capped(self) -> bool:
        return self.total > self.count_limit


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def search(
    kind: Kind,
    text: SearchText,
    prepared: Prepared | None,
    *,
    user,
    state: str = "",
    page: int = 1,
    per_page: int = PER_PAGE,
    count_limit: int | None = None,
) -> KindResult:
    """The hits of one kind that `user` may see, ranked; one page of them.

    `prepared` is what `prepare(text)` made: the PostgreSQL queries, or None on
    SQLite. Matches are counted up to `count_limit` (default COUNT_LIMIT).
    """
    if count_limit is None:
        count_limit = COUNT_LIMIT
    visible = kind.visible(user)
    if state:
        visible = kind.filter_state(visible, state)
    if prepared is not None:
        ranked, matches = _full_text(kind, visible, prepared)
    else:
        ranked, matches = _simple_match(kind, visible, text)
    ranked = ranked.annotate(candidates=Window(Count("*")))

    rows = _page_rows(kind, ranked, prepared, page, per_page)
    if not rows and page > 1:
        # A page beyond the last (an old link): show the last one instead.
        count = ranked.count()
        page = max(1, -(-count // per_page))
        rows = _page_rows(kind, ranked, prepared, page, per_page)
    candidates = rows[0].candidates if rows else 0
    # The set holds the newest RECENT_LIMIT + 1 matches and title hits among
    # them; when it holds more than RECENT_LIMIT, more matches exist.
    partly_ranked = prepared is not None and candidates > RECENT_LIMIT
    total = candidates
    if partly_ranked:
        if count_limit > RECENT_LIMIT:
            total = matches.order_by().values("pk")[: count_limit + 1].count()
        else:
            total = count_limit + 1

    highlighter = Highlighter(text.highlight_stems)
    hits = [kind.hit(row, highlighter) for row in rows]
    paginator = Paginator(range(candidates), per_page)
    page_obj = Page(hits, page if candidates else 1, paginator)
    return KindResult(
        kind=kind,
        hits=hits,
        page_obj=page_obj,
        total=total,
        count_limit=count_limit,
        partly_ranked=partly_ranked,
    )


def _page_rows(kind, ranked, prepared, page, per_page):
    start = (page - 1) * per_page
    return list(kind.display(ranked, prepared)[start : start + per_page])


# --- PostgreSQL ---------------------------------------------------------------


class ReaderQuery(SearchQuery):
    """The reader's terms as one tsquery, with `websearch_to_tsquery`'s meaning.

    Built from the parsed terms rather than by `websearch_to_tsquery` itself, for two
    reasons. The last word becomes a prefix query (`word:*`). And a quoted phrase
    becomes its pairs of neighbouring words ("region mitt"), which the triggers store
    as extra lexemes: the GIN index answers that exactly, where PostgreSQL's phrase
    operator makes it re-read and compare positions in every row that contains all
    the words (tens of thousands for common ones). Every part is a constant, so the
    planner can estimate how many rows match.
    """

    def __init__(self, sql: str, params: list):
        super().__init__("", config=CONFIG)
        self.sql, self.sql_params = sql, params

    def as_sql(self, compiler, connection, **extra_context):
        return self.sql, list(self.sql_params)


def prepare(text: SearchText) -> Prepared | None:
    """The PostgreSQL queries for the text, made once per request (None on SQLite).

    Looks up the word pairs of the quoted phrases, in one query, when there are any.
    A phrase matches by its pairs alone: adding its single words would not narrow
    the match, but would make the planner think it rarer than it is (it multiplies
    the words' frequencies) and choose a plan that reads every match.
    """
    if not uses_full_text() or not text.has_positive_terms:
        return None
    phrases = [term.text for term in text.terms if term.phrase]
    pairs = _phrase_pairs(phrases) if phrases else {}
    groups: list[list[Part]] = []  # AND of groups; "or" inside a group
    title_groups: list[list[tuple[str, list]]] = []
    rank_groups: list[list[tuple[str, list]]] = []
    for term in text.terms:
        if term.prefix:
            # Letters and digits only (see query.parse): safe in the raw syntax.
            words = (f"to_tsquery('{CONFIG}', %s)", [f"{term.text}:*"])
        else:
            words = (f"plainto_tsquery('{CONFIG}', %s)", [term.text])
        if pairs.get(term.text):
            column, match = "phrase_vector", ("%s::tsquery", [pairs[term.text]])
        else:
            column, match = "search_vector", words
        entries = (
            (groups, Part(column, ReaderQuery(*match), term.excluded)),
            (title_groups, _negated(match) if term.excluded else match),
            (rank_groups, _negated(words) if term.excluded else words),
        )
        for target, entry in entries:
            if term.alternative and target:
                target[-1].append(entry)
            else:
                target.append([entry])
    return Prepared(
        groups=groups,
        title=ReaderQuery(*_joined(title_groups)),
        rank=ReaderQuery(*_joined(rank_groups)),
        excludes=any(term.excluded for term in text.terms),
    )


def _negated(part: tuple[str, list]) -> tuple[str, list]:
    sql, params = part
    return f"!!({sql})", params


def _joined(groups) -> tuple[str, list]:
    """Groups of (sql, params) as one tsquery: AND of groups, OR within one."""
    parts, params = [], []
    for group in groups:
        parts.append("(" + " || ".join(sql for sql, _ in group) + ")")
        for _, group_params in group:
            params.extend(group_params)
    return "(" + " && ".join(parts) + ")", params


def _phrase_pairs(phrases: list[str]) -> dict[str, str]:
    """For each phrase, its neighbouring word pairs as a tsquery: "'region mitt'"."""
    with connection.cursor() as cursor:
        cursor.execute(fulltext.PHRASE_PAIRS, [phrases])
        found = {number: pairs for number, pairs in cursor.fetchall() if pairs}
    return {
        phrases[number - 1]: " & ".join(_quoted(pair) for pair in pairs)
        for number, pairs in found.items()
    }


def _quoted(lexeme: str) -> str:
    """A lexeme in tsquery syntax: in single quotes, quotes doubled, \\ escaped."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def _full_text(kind, visible, prepared):
    matches = kind.matches(visible, prepared)
    # One more than RECENT_LIMIT: then there are more matches than are ranked.
    recent = matches.order_by(*kind.newest_first).values("pk")[: RECENT_LIMIT + 1]
    # A title hit is a match (the title is part of the row's vectors), unless the
    # query leaves something out that the text contains. The title vector is small;
    # checking it first keeps the large ones unread.
    titled = visible.filter(title_vector=prepared.title)
    if prepared.excludes:
        titled = kind.matches(titled, prepared)
    titled = titled.order_by(*kind.newest_first).values("pk")[:TITLE_LIMIT]
    ranked = (
        kind.model.objects.filter(pk__in=recent.union(titled))
        .annotate(
            in_title=Case(
                When(title_vector=prepared.title, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            rank=SearchRank(F("search_vector"), prepared.rank, normalization=Value(1)),
        )
        .order_by("-in_title", "-rank", *kind.newest_first)
    )
    return ranked, matches


# --- SQLite -------------------------------------------------------------------


def _contains(lookups, value) -> Q:
    condition = Q()
    for lookup in lookups:
        condition |= Q(**{f"{lookup}__icontains": value})
    return condition


def _simple_match(kind, visible, text):
    groups = []  # AND of groups, each an OR of terms ("a or b")
    for term in text.terms:
        condition = _contains(kind.text_lookups, term.text)
        if term.excluded:
            condition = ~condition
        if term.alternative and groups:
            groups[-1] |= condition
        else:
            groups.append(condition)
    in_title = Q()
    for term in text.terms:
        if not term.excluded and not term.alternative:
            in_title &= _contains(kind.title_lookups, term.text)
    matches = visible.filter(*groups).distinct()
    ranked = (
        kind.model.objects.filter(pk__in=matches.values("pk"))
        .annotate(
            in_title=Case(
                When(in_title, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("-in_title", *kind.newest_first)
    )
    return ranked, matches
