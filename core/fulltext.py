"""PostgreSQL full-text search, written once: the SQL that keeps a table's search
vectors current, and the shared functions it calls.

Every searchable table gets stored vectors that a trigger recomputes on each insert
and update, whatever writes the row (admin, services, bulk updates), and GIN indexes
that make `@@` fast:

- `search_vector`: the weighted text (A the title, B, C, D the rest), for matching and
  ranking;
- `title_vector`: the title alone, so that title hits are cheap to find;
- `phrase_vector`: pairs of neighbouring words as lexemes ("region mitt"). A quoted
  phrase is searched as its pairs, which the GIN index answers exactly, instead of
  re-reading every row that contains all its words to compare positions. It stays
  apart from the main vector, which stays small to check and rank.

The shared SQL functions are created once, by `core/migrations/0001_search_functions`;
an app's migration calls `weighted_vector(...)` and runs what it returns with
`on_postgresql(...)`. The search engine's word pairs of a phrase come from the same
function (`PHRASE_PAIRS`). On SQLite none of this runs (search/ indexes there itself).

Every statement here is made of names and constants written in migrations; nothing
a person types reaches it but as a parameter (hence the S608 exceptions below).
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchVectorField
from django.db import migrations, models

CONFIG = "german"
# Pairs of neighbouring lexemes of a vector, as a vector of their own ("region mitt"),
# in the order of their positions; a pair longer than a lexeme may be is left out.
BIGRAMS = "search_bigrams"

FUNCTIONS = [
    f"""
    CREATE OR REPLACE FUNCTION {BIGRAMS}(vector tsvector) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(array_to_tsvector(array_agg(DISTINCT pair)), ''::tsvector)
        FROM (
            SELECT entry.lexeme || ' ' || lead(entry.lexeme) OVER (ORDER BY position)
                AS pair
            FROM unnest(vector) AS entry, unnest(entry.positions) AS position
        ) AS pairs
        WHERE pair IS NOT NULL AND octet_length(pair) < 2047
    $$
    """,  # noqa: S608
]
FUNCTIONS_BACKWARD = [f"DROP FUNCTION IF EXISTS {BIGRAMS}(tsvector)"]

# The word pairs of each phrase (a text[] parameter), as the triggers store them:
# rows of (the phrase's number, counted from 1; its pairs as text[]).
PHRASE_PAIRS = f"""
    SELECT phrases.number,
        tsvector_to_array({BIGRAMS}(to_tsvector('{CONFIG}', phrases.phrase)))
    FROM unnest(%s::text[]) WITH ORDINALITY AS phrases (phrase, number)
"""  # noqa: S608


@dataclass(frozen=True)
class Part:
    """A text of the row with its weight ('A' to 'D', or a PL/pgSQL expression)."""

    weight: str
    text: str  # an SQL expression over NEW and the trigger's variables
    limit: int | None = None  # characters indexed at most

    def vector(self, *, shorter: bool = False) -> str:
        text = f"coalesce({self.text}, '')"
        if self.limit:
            text = f"left({text}, {self.limit // 10 if shorter else self.limit})"
        return f"setweight(to_tsvector('{CONFIG}', {text}), {self.weight})"


@dataclass(frozen=True)
class WeightedVector:
    """The search columns of one table and the trigger that fills them."""

    table: str
    parts: list[Part]
    # The title (the first part's text): the row's `title_vector` holds its words and
    # their pairs; without `title_if` every row has one, with it only those rows
    # for which the condition holds (forums: a topic's opening post).
    title: bool = True
    title_if: str = ""
    phrases: bool = True  # a `phrase_vector` column
    # A row whose vector would pass PostgreSQL's 1 MB limit is indexed with a tenth
    # of each part's `limit` rather than refused (costs a subtransaction a write).
    shorten_on_overflow: bool = False
    declare: list[str] = field(default_factory=list)  # "name type;" lines
    prepare: str = ""  # PL/pgSQL run first: looks up texts in other tables
    # A WHERE clause for a partial title index ("title_vector IS NOT NULL").
    title_index_where: str = ""
    # Without one when the table is matched through another (documents: passages).
    search_index: bool = True

    @property
    def function(self) -> str:
        return f"{self.table}_search_vector"

    def _vector(self, *, shorter: bool = False) -> str:
        parts = [part.vector(shorter=shorter) for part in self.parts]
        if self.title:
            parts[0] = f"setweight(NEW.title_vector, {self.parts[0].weight})"
        return "\n            || ".join(parts)

    def _body(self) -> str:
        lines = []
        if self.title:
            lines.append(
                f"NEW.title_vector := to_tsvector('{CONFIG}', "
                f"coalesce({self.parts[0].text}, ''));"
            )
        if self.shorten_on_overflow:
            lines.append(
                f"""BEGIN
            vector := {self._vector()};
        EXCEPTION WHEN program_limit_exceeded THEN
            vector := {self._vector(shorter=True)};
        END;"""
            )
        else:
            lines.append(f"vector := {self._vector()};")
        lines.append("NEW.search_vector := vector;")
        if self.phrases:
            lines.append(f"NEW.phrase_vector := {BIGRAMS}(vector);")
        if self.title:
            with_pairs = (
                f"NEW.title_vector := NEW.title_vector || {BIGRAMS}(NEW.title_vector);"
            )
            if self.title_if:
                lines.append(
                    f"IF {self.title_if} THEN\n            {with_pairs}\n"
                    "        ELSE\n            NEW.title_vector := NULL;\n        END IF;"
                )
            else:
                lines.append(with_pairs)
        return "\n        ".join(lines)

    def forward(self) -> list[str]:
        """The trigger, the columns' storage, the vectors of rows already there, and
        the indexes."""
        declare = "\n        ".join(["vector tsvector;", *self.declare])
        prepare = f"{self.prepare.strip()}\n        " if self.prepare else ""
        statements = [
            f"""
    CREATE FUNCTION {self.function}() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        {declare}
    BEGIN
        {prepare}{self._body()}
        RETURN NEW;
    END
    $$
    """,
            f"""
    CREATE TRIGGER {self.function}
    BEFORE INSERT OR UPDATE ON {self.table}
    FOR EACH ROW EXECUTE FUNCTION {self.function}()
    """,
        ]
        statements += storage(self.table, phrases=self.phrases)
        statements.append(f"UPDATE {self.table} SET search_vector = NULL")  # noqa: S608
        statements += indexes(
            self.table,
            search=self.search_index,
            phrases=self.phrases,
            title=self.title,
            title_where=self.title_index_where,
        )
        return statements

    def backward(self) -> list[str]:
        return [
            f"DROP INDEX IF EXISTS {self.table}_title_search_idx",
            f"DROP INDEX IF EXISTS {self.table}_phrase_idx",
            f"DROP INDEX IF EXISTS {self.table}_search_idx",
            f"DROP TRIGGER IF EXISTS {self.function} ON {self.table}",
            f"DROP FUNCTION IF EXISTS {self.function}()",
        ]


def storage(table: str, *, phrases: bool = True) -> list[str]:
    """How a table's vectors are stored."""
    statements = [
        # Vectors stay in the row, compressed (lz4 where the server has it): reading
        # them from the TOAST table made every checked row several times slower.
        f"ALTER TABLE {table} ALTER COLUMN search_vector SET STORAGE MAIN",
        f"""
    DO $$
    BEGIN
        ALTER TABLE {table} ALTER COLUMN search_vector SET COMPRESSION lz4;
    EXCEPTION WHEN feature_not_supported THEN
        NULL;
    END
    $$
    """,
    ]
    if phrases:
        # Read through their index only: out of the row they keep it small.
        statements.append(
            f"ALTER TABLE {table} ALTER COLUMN phrase_vector SET STORAGE EXTERNAL"
        )
    return statements


def indexes(
    table: str,
    *,
    search: bool = True,
    phrases: bool = True,
    title: bool = False,
    title_where: str = "",
) -> list[str]:
    """GIN indexes on a table's vectors (named `<table>_search_idx` and so on)."""
    statements = []
    if search:
        statements.append(
            f"CREATE INDEX {table}_search_idx ON {table} USING gin (search_vector)"
        )
    if phrases:
        statements.append(
            f"CREATE INDEX {table}_phrase_idx ON {table} USING gin (phrase_vector)"
        )
    if title:
        where = f" WHERE {title_where}" if title_where else ""
        statements.append(
            f"CREATE INDEX {table}_title_search_idx "
            f"ON {table} USING gin (title_vector){where}"
        )
    return statements


def renewal_trigger(
    name: str, *, table: str, event: str, renew: str, when: str = ""
) -> tuple[list[str], list[str]]:
    """A trigger on `table` that makes the rows `renew` selects compute their vectors
    anew, for a change elsewhere that their text includes (a topic's title, an
    organisation's name). `renew` is an UPDATE … SET search_vector = NULL … (over
    NEW or OLD); the target's own trigger then fills it. Returns (forward, backward)
    statements."""
    condition = f"\n    FOR EACH ROW WHEN ({when})" if when else "\n    FOR EACH ROW"
    forward = [
        f"""
    CREATE FUNCTION {name}() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        {renew.strip()};
        RETURN NULL;
    END
    $$
    """,
        f"""
    CREATE TRIGGER {name}
    AFTER {event} ON {table}{condition}
    EXECUTE FUNCTION {name}()
    """,
    ]
    backward = [
        f"DROP TRIGGER IF EXISTS {name} ON {table}",
        f"DROP FUNCTION IF EXISTS {name}()",
    ]
    return forward, backward


def joined(vector: WeightedVector, *renewals) -> tuple[list[str], list[str]]:
    """A table's trigger and the renewal triggers that feed it, as (forward,
    backward) statements; undone in the opposite order."""
    forward = vector.forward() + [sql for each, _ in renewals for sql in each]
    backward = [sql for _, each in reversed(renewals) for sql in each]
    return forward, backward + vector.backward()


VECTORS = ("search_vector", "title_vector", "phrase_vector")


def vector_fields(model_name: str, columns=VECTORS) -> list[migrations.AddField]:
    """The model's vector columns (SearchVectorField, filled by the trigger)."""
    return [
        migrations.AddField(
            model_name=model_name,
            name=name,
            field=SearchVectorField(editable=False, null=True, serialize=False),
        )
        for name in columns
    ]


def manager_without_vectors(queryset_class, columns=VECTORS) -> type[models.Manager]:
    """The manager of a model with stored vectors: they are PostgreSQL's to read
    (search/); loading them with every row would only cost time."""

    class Manager(models.Manager.from_queryset(queryset_class)):
        def get_queryset(self):
            return super().get_queryset().defer(*columns)

    return Manager


# How many of a vector column's words PostgreSQL's statistics know (its most common
# ten times this many). With the default of 100 only the most common few hundred are
# known, and the planner guesses the share of any other word: 0.5 % for a prefix
# ("streuobstwies:*"). At 100,000 posts it then reads the table newest first, hoping
# for the 101 newest matches early, and reads all of it for a word in 100 posts
# (110 ms instead of 3). At 1,000 it knows how rare a word is and takes the index.
# ANALYZE reads up to 300,000 rows for such a table instead of 30,000.
STATISTICS_TARGET = 1000


def statistics(table: str, columns: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Statements that make the statistics of a table's vector columns detailed
    enough for the planner (STATISTICS_TARGET), as (forward, backward).

    A table with rows is analysed at once. An empty one is not: statistics of no
    rows would tell the planner that it stays empty, and rows loaded in one go
    afterwards (an import, the benchmark's seed) would each be checked by reading
    the whole table in its trigger.
    """

    def target(value: int) -> list[str]:
        alter = ", ".join(
            f"ALTER COLUMN {column} SET STATISTICS {value}" for column in columns
        )
        return [
            f"ALTER TABLE {table} {alter}",
            f"DO $$ BEGIN IF EXISTS (SELECT 1 FROM {table}) THEN "  # noqa: S608
            f"ANALYZE {table}; END IF; END $$",
        ]

    return target(STATISTICS_TARGET), target(-1)


def on_postgresql(forward: list[str], backward: list[str]) -> migrations.RunPython:
    """A migration operation that runs the statements on PostgreSQL only."""

    def run(statements):
        def apply(apps, schema_editor):
            if schema_editor.connection.vendor != "postgresql":
                return
            for statement in statements:
                schema_editor.execute(statement)

        return apply

    return migrations.RunPython(run(forward), run(backward), elidable=False)
