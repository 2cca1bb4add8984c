"""Full-text search on SQLite (the `make run` default), answering as PostgreSQL does.

One FTS5 table, `search_index`, holds a row per searchable item: its title and its
text as German lexemes (search/german.py: the Snowball stemmer and stop words of
PostgreSQL's `german` configuration), so "Gewerbeflächen" finds "Gewerbefläche" on
both databases. The row id is the kind's code and the item's primary key
(`code << 40 | pk`), so one item's row is found without a scan.

The index is kept by the same save paths as PostgreSQL's vectors: each kind names
the models whose saves change its text (`Kind.renewals`); signals connected in
search/apps.py re-index those items in the same transaction. After `migrate`, a
kind without rows in the index is indexed once (databases made before this index,
or before the kind, existed).
"""

from django.db import connection
from django.db.models import BooleanField, Case, Value, When
from django.db.models.expressions import RawSQL

from .german import lexemes
from .query import SearchText

TABLE = "search_index"
CREATE = f"""
    CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(
        title, body, tokenize = 'unicode61 remove_diacritics 2'
    )
"""
_SHIFT = 40
_CHUNK = 500


def enabled() -> bool:
    return connection.vendor == "sqlite"


def _rowid(kind, pk: int) -> int:
    return (kind.code << _SHIFT) | pk


def _range(kind) -> tuple[int, int]:
    return kind.code << _SHIFT, ((kind.code + 1) << _SHIFT) - 1


# --- writing ------------------------------------------------------------------


def index(kind, pks) -> None:
    """Write the rows of these items of `kind` anew (and drop those that are gone)."""
    pks = list(pks)
    if not pks or not enabled():
        return
    with connection.cursor() as cursor:
        for start in range(0, len(pks), _CHUNK):
            chunk = pks[start : start + _CHUNK]
            cursor.executemany(
                f"DELETE FROM {TABLE} WHERE rowid = %s",  # noqa: S608
                [[_rowid(kind, pk)] for pk in chunk],
            )
            _insert(cursor, kind, kind.index_rows().filter(pk__in=chunk))


def remove(kind, pks) -> None:
    if not enabled():
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"DELETE FROM {TABLE} WHERE rowid = %s",  # noqa: S608
            [[_rowid(kind, pk)] for pk in pks],
        )


def _insert(cursor, kind, rows) -> None:
    values = []
    for row in rows.iterator(chunk_size=_CHUNK):
        title, body = kind.index_text(row)
        values.append(
            [_rowid(kind, row.pk), " ".join(lexemes(title)), " ".join(lexemes(body))]
        )
    cursor.executemany(
        f"INSERT INTO {TABLE} (rowid, title, body) VALUES (%s, %s, %s)",  # noqa: S608
        values,
    )


def rebuild(kinds) -> None:
    """Index every item of every kind anew."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608
        for kind in kinds:
            _insert(cursor, kind, kind.index_rows())


def build_if_empty(kinds, **kwargs) -> None:
    """After `migrate`: each kind that has content but no row in the index is indexed
    (databases made before the index, or before the kind, existed)."""
    if not enabled():
        return
    with connection.cursor() as cursor:
        if TABLE not in connection.introspection.table_names(cursor):
            return
        for kind in kinds:
            cursor.execute(
                f"SELECT 1 FROM {TABLE} WHERE rowid BETWEEN %s AND %s LIMIT 1",  # noqa: S608
                _range(kind),
            )
            if not cursor.fetchone():
                _insert(cursor, kind, kind.index_rows())


# --- reading ------------------------------------------------------------------


def _term_expression(term) -> str | None:
    """One term in FTS5's syntax: a lexeme, a phrase of lexemes, or a prefix."""
    found = lexemes(term.text)
    if term.prefix and len(found) == 1:
        return f'"{found[0]}" *'
    if not found:
        return None
    # Lexemes are letters and digits only: safe inside quotes.
    return '"' + " ".join(found) + '"'


def match_expression(text: SearchText) -> tuple[str, str] | None:
    """The query as FTS5 expressions: (for the whole row, for the title), or None
    when it cannot match (a term of stop words only, as on PostgreSQL)."""
    groups, excluded = [], []
    for term in text.terms:
        expression = _term_expression(term)
        if term.excluded:
            # PostgreSQL's "a or -b" (a, or anything without b) has no FTS5 form;
            # an excluded alternative is left out.
            if expression and not term.alternative:
                excluded.append(expression)
            continue
        if expression is None:
            if not term.alternative:
                groups.append([])
            continue
        if term.alternative and groups:
            groups[-1].append(expression)
        else:
            groups.append([expression])
    if not groups or any(not group for group in groups):
        return None
    positive = " AND ".join("(" + " OR ".join(group) + ")" for group in groups)
    left_out = "".join(f" NOT {expression}" for expression in excluded)
    return f"({positive}){left_out}", f"(title : ({positive})){left_out}"


class Ranking:
    """The matches of one kind on SQLite: title hits first, then newest. Every
    match is ranked (the demo's database is small)."""

    bounded = False

    def __init__(self, kind, visible, text: SearchText):
        self.kind = kind
        expressions = match_expression(text)
        if expressions is None:
            self.matches = visible.none()
            self.ranked = self.matches
            return
        whole, title = expressions
        low, high = _range(kind)
        rows = (
            f"SELECT rowid - {low} FROM {TABLE} "  # noqa: S608
            f"WHERE {TABLE} MATCH %s AND rowid BETWEEN {low} AND {high}"
        )
        # The expressions are parameters; the SQL holds only numbers.
        self.matches = visible.filter(pk__in=RawSQL(rows, [whole]))  # noqa: S611
        self.ranked = self.matches.annotate(
            in_title=Case(
                When(pk__in=RawSQL(rows, [title]), then=Value(True)),  # noqa: S611
                default=Value(False),
                output_field=BooleanField(),
            )
        ).order_by("-in_title", *kind.newest_first)

    def page(self, offset: int, limit: int) -> tuple[list, int]:
        """One page of the ranked matches with what their hits show, and how many
        matches there are."""
        ids = list(self.ranked.values_list("pk", flat=True)[offset : offset + limit])
        if not ids:
            return [], 0
        table = self.kind.model._meta.db_table
        ids_sql = ", ".join(["%s"] * len(ids))
        found = {
            item.pk: item
            for item, _ in self.kind.rows(
                f"SELECT id FROM {table} WHERE id IN ({ids_sql})",  # noqa: S608
                ids,
                None,
            )
        }
        return [found[pk] for pk in ids if pk in found], self.count_candidates()

    def count_candidates(self) -> int:
        return self.matches.count()

    def count_matches(self, limit: int) -> int:
        return min(limit, self.count_candidates())
