"""Finding and ranking hits of one kind.

PostgreSQL: the German full-text configuration over stored, GIN-indexed vectors that
triggers keep current (core/fulltext.py). Ranking every match of a common word would
read tens of thousands of rows, so only a bounded set is ranked: the newest
RECENT_LIMIT matches together with the newest TITLE_LIMIT whose title matches,
ordered by title hit, then `ts_rank`, then date. Matches beyond that set are counted,
up to a limit ("more than 1,000"), but not ranked; the page says so. The ranking and
the page's rows, with what their hits show (`Kind.rows`), are one hand-written
statement around the two candidate queries (which start from the app's own QuerySet
of what the reader may see): through the ORM, reading five rows took longer than
ranking them.

SQLite (the `make run` default): the same German words through an FTS5 index that
search/sqlite.py keeps (stems from the same Snowball stemmer, the same stop words);
title hits first, then newest.
"""

from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from itertools import count

from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.search import SearchQuery
from django.core.paginator import Page, Paginator
from django.db import OperationalError, connection, transaction
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.utils import timezone

from core import fulltext, rows

from . import markup
from .kinds import Hit, Kind
from .query import SearchText
from .snippets import Highlighter

RECENT_LIMIT = 300
TITLE_LIMIT = 100
# The overview shows five hits of each kind: it ranks a smaller set, which is most
# of what a search that nobody asked before costs (measured with bench_search).
OVERVIEW_RECENT_LIMIT = 100
OVERVIEW_TITLE_LIMIT = 30
# Matches are counted up to this many on a type's own page; the overview counts
# only as far as its ranked set goes, which costs no extra query.
COUNT_LIMIT = 1000
# How many of a table's newest rows `matching` reads before it asks the index.
PROBE_ROWS = 50
PER_PAGE = 20
CONFIG = fulltext.CONFIG
# A safety net, far above what a search takes (tens of milliseconds at 100,000
# posts): a query that runs longer is cancelled and the reader asked to narrow it.
STATEMENT_TIMEOUT_MS = 3000
# What the planner assumes a row fetched through an index costs, against 1 for a row
# read in sequence. PostgreSQL's default of 4 describes spinning disks; the search's
# tables and indexes are read from memory. At 4 the planner read all 2,000 documents
# to join a word's 100 newest candidates; at 1.1 it fetches them by key (EXPLAIN
# ANALYZE at 100,000 posts: 4.3 → 1.3 ms for the documents of a rare word).
RANDOM_PAGE_COST = "1.1"


class TooSlow(Exception):
    """PostgreSQL cancelled a search query that ran past STATEMENT_TIMEOUT_MS."""


@contextmanager
def search_transaction():
    """Run the searches of a request in a transaction whose statements time out
    and are planned for data in memory (RANDOM_PAGE_COST); a statement prepared on
    the connection (`matching`'s) keeps the one plan it was prepared with."""
    if not uses_full_text():
        yield
        return
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('statement_timeout', %s, true),"
                    " set_config('random_page_cost', %s, true),"
                    " set_config('plan_cache_mode', 'force_generic_plan', true)",
                    [f"{STATEMENT_TIMEOUT_MS}ms", RANDOM_PAGE_COST],
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

    def queries(self) -> list[SearchQuery]:
        return [
            *(part.query for group in self.groups for part in group),
            self.title,
            self.rank,
        ]

    def shape(self) -> tuple:
        """What the SQL of these queries is, without the reader's words."""
        groups = tuple(
            tuple((part.column, part.excluded, part.query.sql) for part in group)
            for group in self.groups
        )
        return groups, self.title.sql, self.rank.sql

    def words(self) -> list:
        """The parameters of all queries, in the order of `queries()`."""
        return [param for query in self.queries() for param in query.sql_params]

    def with_words_as_slots(self) -> "Prepared":
        """The same queries with a `_Word` for each of `words()`."""
        numbers = count()

        def slots(query):
            return ReaderQuery(
                query.sql, [_Word(next(numbers)) for _ in query.sql_params]
            )

        return Prepared(
            groups=[
                [replace(part, query=slots(part.query)) for part in group]
                for group in self.groups
            ],
            title=slots(self.title),
            rank=slots(self.rank),
            excludes=self.excludes,
        )

    def match(self, kind: Kind, table: str) -> tuple[str, list]:
        """SQL that holds for the rows of `kind`'s table that match, and its
        parameters; a kind matched through another table (a document through its
        passages) matches when one of its rows there does."""
        if kind.match_through:
            through, key = kind.match_through
            condition, params = self.where(lambda column: f"passage.{column}")
            return (
                f"EXISTS (SELECT 1 FROM {through} passage "  # noqa: S608
                f'WHERE passage.{key} = "{table}".id AND {condition})',
                params,
            )
        return self.where(lambda column: f'"{table}".{column}')

    def where(self, column_of) -> tuple[str, list]:
        """SQL that holds for the rows that match, over the columns that
        `column_of("search_vector")` names, and its parameters."""
        groups, params = [], []
        for group in self.groups:
            either = []
            for part in group:
                sql = f"{column_of(part.column)} @@ {part.query.sql}"
                either.append(f"NOT coalesce({sql}, false)" if part.excluded else sql)
                params.extend(part.query.sql_params)
            groups.append("(" + " OR ".join(either) + ")")
        return " AND ".join(groups), params


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
    overview: bool = False,
) -> KindResult:
    """The hits of one kind that `user` may see, ranked; one page of them.

    `prepared` is what `prepare(text)` made: the PostgreSQL queries, or None on
    SQLite. Matches are counted up to `count_limit` (default COUNT_LIMIT); for the
    `overview` of all kinds, a smaller set is ranked and counted.
    """
    recent_limit = OVERVIEW_RECENT_LIMIT if overview else RECENT_LIMIT
    if count_limit is None:
        count_limit = recent_limit if overview else COUNT_LIMIT
    now = timezone.now()
    if prepared is not None:
        ranking = _FullText(
            kind,
            prepared,
            user=user,
            state=state,
            now=now,
            recent_limit=recent_limit,
            title_limit=OVERVIEW_TITLE_LIMIT if overview else TITLE_LIMIT,
        )
    else:
        from . import sqlite

        ranking = sqlite.Ranking(kind, _visible(kind, user, state, now), text)

    rows, candidates = ranking.page((page - 1) * per_page, per_page)
    if not rows and page > 1:
        # A page beyond the last (an old link): show the last one instead.
        page = max(1, -(-ranking.count_candidates() // per_page))
        rows, candidates = ranking.page((page - 1) * per_page, per_page)
    # The set holds the newest `recent_limit` + 1 matches and title hits among
    # them; when it holds more than `recent_limit`, more matches exist.
    partly_ranked = ranking.bounded and candidates > recent_limit
    total = candidates
    if partly_ranked:
        if count_limit > recent_limit:
            total = ranking.count_matches(count_limit + 1)
        else:
            total = count_limit + 1

    highlighter = Highlighter(text.highlight_stems)
    hits = [kind.hit(row, highlighter) for row in rows]
    for number, hit in enumerate(hits, start=1):
        hit.html = markup.hit(hit, kind, number)
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


def matching(kinds, prepared: Prepared) -> set[str]:
    """The slugs of the kinds of which any row matches, visible or not.

    One statement of checks, so that the overview ranks only kinds that may have
    hits: a kind's ranked query and its compiling cost a few milliseconds even when
    nothing matches, and a rare word matches two or three of the seven kinds. Who
    may see what is left to `search`.
    """
    sql, params = matching_sql(kinds, prepared)
    one_term = len(prepared.groups) == 1 and len(prepared.groups[0]) == 1
    with rows.cursor() if one_term else connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {slug for (slug,) in cursor.fetchall()}


def matching_sql(kinds, prepared: Prepared) -> tuple[str, list]:
    """The statement of `matching`.

    A plain EXISTS lets PostgreSQL read a table in sequence until the first match,
    which it expects soon for any word; for a word that no row has (a typo) that
    read all 100,000 posts (60–80 ms). So a table is checked in two steps: its
    newest PROBE_ROWS rows, where a common word is found at once; else its matches
    through the GIN index (bounded by the same number, which the planner reads as
    "all of them" for a word it thinks rare), few for a word that the newest rows
    do not have. Measured in-process at 100,000 posts: a word that nothing has
    63 → 1.5 ms; a rare word 1.5 → 1.9, "Region" 0.9 → 1.2.

    For one term (a word, a prefix, a phrase) the best plan is the same whatever
    it is: the statement is prepared on its connection (`core.rows.cursor`) and
    runs with one plan made without the word, instead of being planned for every
    search. The statement alone (psycopg, at the `make bench` size, ms; the same
    kinds found): a rare word 1.56 → 0.75, "Region" 0.93 → 0.21, a prefix 1.03 →
    0.34, a phrase 1.60 → 0.26, a word nothing has 1.13 → 0.53. Not for several
    terms: how often words occur together decides there ("Kassel Göttingen" 2.3
    planned for its words, 7.0 with one plan for all).
    """
    checks, params = [], []
    for kind in kinds:
        table = (
            kind.match_through[0] if kind.match_through else kind.model._meta.db_table
        )
        condition, condition_params = prepared.where(lambda column: f"t.{column}")
        # Names from the kinds registry; the reader's words are parameters.
        check = (
            f"EXISTS (SELECT 1 FROM (SELECT * FROM {table} ORDER BY id DESC"  # noqa: S608
            f" LIMIT {PROBE_ROWS}) t WHERE {condition})"
            f" OR (SELECT count(*) FROM (SELECT 1 FROM {table} t"
            f" WHERE {condition} LIMIT {PROBE_ROWS}) found) > 0"
        )
        checks.append(f"SELECT %s WHERE {check}")
        params += [kind.slug, *condition_params, *condition_params]
    return " UNION ALL ".join(checks), params


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


def _order_by(kind, alias: str) -> str:
    """`kind.newest_first` as SQL over the table's alias."""
    columns = []
    for name in kind.newest_first:
        field = name.lstrip("-")
        column = kind.model._meta.get_field(
            kind.model._meta.pk.name if field == "pk" else field
        ).column
        columns.append(
            f'{alias}."{column}"' + (" DESC" if name.startswith("-") else "")
        )
    return ", ".join(columns)


class _FullText:
    """The ranked candidates of one kind on PostgreSQL (see the module's docstring)."""

    bounded = True  # only the newest `recent_limit` matches are ranked

    def __init__(self, kind, prepared, *, user, state, now, recent_limit, title_limit):
        self.kind, self.prepared = kind, prepared
        self.table = kind.model._meta.db_table
        self.visible = lambda: _visible(kind, user, state, now)
        limits = (recent_limit, title_limit)
        found = None
        if not user.is_authenticated:
            found = _anonymous_candidates(kind, state, now, prepared, *limits)
        if found is None:
            found = _candidates(kind, self.visible(), prepared, *limits)
        self.candidates_sql, self.candidates_params = found

    def page(self, offset: int, limit: int) -> tuple[list, int]:
        """One page of the ranked candidates with what their hits show, and how many
        candidates there are, in one statement."""
        prepared = self.prepared
        # Names come from the kinds registry; the reader's words are parameters.
        ranked = f"""
            SELECT r.id, count(*) OVER () AS candidates, row_number() OVER (
                ORDER BY coalesce(r.title_vector @@ {prepared.title.sql}, false) DESC,
                    ts_rank(r.search_vector, {prepared.rank.sql}, 1) DESC,
                    {_order_by(self.kind, "r")}
            ) AS place
            FROM {self.table} r
            WHERE r.id IN ({self.candidates_sql})
            ORDER BY place
            LIMIT %s OFFSET %s
        """  # noqa: S608
        params = [
            *prepared.title.sql_params,
            *prepared.rank.sql_params,
            *self.candidates_params,
            limit,
            offset,
        ]
        found = self.kind.rows(ranked, params, prepared, order="source.place")
        if not found:
            return [], 0
        _id, candidates, _place = found[0][1]
        return [item for item, _ in found], candidates

    def count_candidates(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM ({self.candidates_sql}) AS candidates",  # noqa: S608
                self.candidates_params,
            )
            return cursor.fetchone()[0]

    def count_matches(self, limit: int) -> int:
        matches = self.visible().filter(
            _raw_condition(*self.prepared.match(self.kind, self.table))
        )
        return matches.order_by().values("pk")[:limit].count()


def _visible(kind, user, state: str, now):
    visible = kind.visible(user, now)
    return kind.filter_state(visible, state) if state else visible


def _candidates(kind, visible, prepared, recent_limit, title_limit) -> tuple[str, list]:
    """The ids to rank, as SQL and parameters: the newest `recent_limit` + 1 of the
    matches among `visible`, and the newest `title_limit` whose title matches."""
    table = kind.model._meta.db_table
    matches = visible.filter(_raw_condition(*prepared.match(kind, table)))
    titled = visible.filter(
        _raw_condition(
            f'"{table}".title_vector @@ {prepared.title.sql}',
            prepared.title.sql_params,
        )
    )
    if prepared.excludes:
        # A title hit is a match (the title is part of the row's vectors), unless
        # the query leaves out something that the text contains.
        titled = titled.filter(_raw_condition(*prepared.match(kind, table)))
    newest = kind.newest_first
    recent = matches.order_by(*newest).values("pk")[: recent_limit + 1]
    titled = titled.order_by(*newest).values("pk")[:title_limit]
    recent_sql, recent_params = recent.query.sql_with_params()
    titled_sql, titled_params = titled.query.sql_with_params()
    return f"({recent_sql}) UNION ({titled_sql})", [*recent_params, *titled_params]


# Anonymous readers' candidate queries, compiled once per process (see below).
_COMPILED: dict[tuple, tuple[str, list, list] | None] = {}
COMPILED_LIMIT = 1000
# The time at which they are compiled: no content is dated then, so the parameters
# that hold it (and its day) are where each request's own time goes.
COMPILED_AT = datetime(1111, 11, 11, 11, 11, 11, 111111, tzinfo=UTC)


class _Word(str):
    """A parameter of a compiled query that holds the reader's `number`th word."""

    def __new__(cls, number: int):
        word = super().__new__(cls, f"\x00word {number}")
        word.number = number
        return word


def _anonymous_candidates(kind, state, now, prepared, *limits) -> tuple | None:
    """`_candidates` for an anonymous reader, or None for a kind that cannot be
    compiled ahead.

    What they may see is the same for all of them but the time, so the query is
    compiled once per process for each kind, state and shape of query (its terms
    without their words), with `COMPILED_AT` as the time and `_Word`s as the words;
    each request puts its own in their places. Compiling through the ORM took more
    than a rare word's ranking. A kind whose rule reads the clock itself (a date or
    time in its parameters other than the one given) is compiled for every search.
    """
    key = (kind.slug, state, prepared.shape(), *limits)
    compiled = _COMPILED.get(key, key)
    if compiled is key:
        compiled = _compile(kind, state, prepared, *limits)
        if len(_COMPILED) >= COMPILED_LIMIT:
            _COMPILED.clear()
        _COMPILED[key] = compiled
    if compiled is None:
        return None
    sql, params, places = compiled
    params = list(params)
    words, day = prepared.words(), timezone.localdate(now)
    for index, what in places:
        params[index] = now if what == "now" else day if what == "day" else words[what]
    return sql, params


def _compile(kind, state, prepared, *limits) -> tuple[str, list, list] | None:
    """The SQL, the parameters and where each request's own go ((index, "now",
    "day" or the word's number)) of an anonymous reader's candidates; None if the
    kind's rule read the clock."""
    visible = _visible(kind, AnonymousUser(), state, COMPILED_AT)
    sql, params = _candidates(kind, visible, prepared.with_words_as_slots(), *limits)
    day, places = timezone.localdate(COMPILED_AT), []
    for index, param in enumerate(params):
        if isinstance(param, _Word):
            places.append((index, param.number))
        elif type(param) is datetime:
            if param != COMPILED_AT:
                return None
            places.append((index, "now"))
        elif type(param) is date:
            if param != day:
                return None
            places.append((index, "day"))
    return sql, params, places


def _raw_condition(sql: str, params) -> RawSQL:
    # Column names from the kinds registry; the reader's words are parameters.
    return RawSQL(sql, list(params), output_field=BooleanField())  # noqa: S611
