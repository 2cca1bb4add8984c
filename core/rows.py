"""Model instances from hand-written SQL, with their related rows, as the ORM's
`select_related()` builds them.

For the few statements on every signed-in request where compiling the ORM's query
took longer than the database took to answer it (a topic with its forum and author:
1.7 ms through the ORM, 0.6 ms written out). A statement selects each model's
`columns()` in turn, then anything else; `build()` turns a row of it into the
instances, converting the database's values as the ORM does. A model may be given
with the names of the fields to read, `(Post, ("body_html", "created_at"))`, as
`only()` does (the primary key is always read); `Join` writes the columns and joins
of a model and the rows its foreign keys lead to. `cursor()` runs such a statement
prepared on its PostgreSQL connection, parsed and planned once rather than on every
request (a topic with its forum, author and the reader's facts: 1.27 → 0.34 ms).
"""

from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from django.db import connections


@cache
def _fields(model) -> tuple:
    """The fields of a model that its manager reads (not those it defers, such as
    stored search vectors), or of `(model, names)` those named (and the primary key),
    in the model's order. Worked out once per model (and names)."""
    if isinstance(model, tuple):
        model, names = model
        wanted = {model._meta.pk.name, *names}
        return tuple(f for f in model._meta.concrete_fields if f.name in wanted)
    names, deferred = model._default_manager.get_queryset().query.deferred_loading
    fields = model._meta.concrete_fields
    if deferred:
        return tuple(f for f in fields if f.name not in names)
    return tuple(f for f in fields if f.name in names or f.primary_key)


def columns(model, alias: str) -> str:
    """The model's columns, `alias."column", …`, in the order `build()` reads them."""
    return ", ".join(f'{alias}."{field.column}"' for field in _fields(model))


@contextmanager
def cursor(using: str = "default"):
    """A cursor for statements that run on most requests and whose best plan does
    not depend on their parameters (ids, keys). On PostgreSQL their parameters are
    sent apart from them (server-side binding), so that psycopg prepares each on
    its connection once it has run `prepare_threshold` times (settings/base.py):
    it is then parsed once and, after a few runs, planned once. Django's cursor
    with its query log and error handling either way. (A statement whose best
    plan depends on the words or dates it is given, such as the search's ranking,
    must not run through it: one plan would serve them all.)"""
    connection = connections[using]
    if connection.vendor != "postgresql":
        with connection.cursor() as found:
            yield found
        return
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.ensure_connection()
    # The database connection is this thread's own: its cursor class is changed
    # only while Django makes the cursor.
    database = connection.connection
    usual, database.cursor_factory = database.cursor_factory, ServerBindingCursor
    try:
        found = connection.cursor()
    finally:
        database.cursor_factory = usual
    with found:
        yield found


def build(row, *models, using: str = "default") -> tuple:
    """One instance per model from its share of `row`, or None where the primary key
    is NULL (a LEFT JOIN that found nothing); then the rest of the row's values."""
    connection = connections[using]
    found, start = [], 0
    for model in models:
        fields = _fields(model)
        pk, names, conversions = _reading(model, connection)
        values = list(row[start : start + len(fields)])
        start += len(fields)
        for index, column, converters in conversions:
            for convert in converters:
                values[index] = convert(values[index], column, connection)
        if values[pk] is None:
            found.append(None)
        else:
            model = model[0] if isinstance(model, tuple) else model
            found.append(model.from_db(using, names, values))
    return (*found, *row[start:])


@lru_cache(maxsize=256)
def _reading(model, connection) -> tuple:
    """How `build` reads a model's share of a row: the place of its primary key, the
    names of its fields, and for each field whose value from the database must be
    converted, its place, column and converters, as the ORM converts them. Worked
    out once per model and connection (each thread has its own)."""
    fields = _fields(model)
    model = model[0] if isinstance(model, tuple) else model
    conversions = []
    for index, field in enumerate(fields):
        column = field.get_col(model._meta.db_table)
        converters = (
            *connection.ops.get_db_converters(column),
            *field.get_db_converters(connection),
        )
        if converters:
            conversions.append((index, column, converters))
    return (
        fields.index(model._meta.pk),
        [field.attname for field in fields],
        tuple(conversions),
    )


def relate(instance, name: str, related) -> None:
    """Sets `instance.<name>` (a foreign key) to the related instance already read,
    as `select_related()` does: reading it runs no query."""
    instance._meta.get_field(name).set_cached_value(instance, related)


@dataclass(frozen=True)
class Join:
    """A model's fields and those of the rows its foreign keys lead to, as
    `select_related(*paths).only(*fields)` reads them, for a hand-written statement.

    `related` names each path as `select_related()` does ("topic", "topic__forum",
    a path after the one it continues) with the fields to read there.
    """

    model: type
    fields: tuple[str, ...]
    related: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @cached_property
    def _parts(self) -> list:
        """(path, (model, fields), its number, its parent's number, foreign key)."""
        parts = [("", (self.model, self.fields), 0, None, None)]
        numbers, models = {"": 0}, {"": self.model}
        for number, (path, fields) in enumerate(self.related, start=1):
            parent, _, name = path.rpartition("__")
            key = models[parent]._meta.get_field(name)
            numbers[path], models[path] = number, key.related_model
            parts.append(
                (path, (key.related_model, fields), number, numbers[parent], key)
            )
        return parts

    def columns(self, alias: str) -> str:
        return ", ".join(
            columns(model, _alias(alias, number))
            for _, model, number, _, _ in self._parts
        )

    def joins(self, alias: str) -> str:
        """LEFT JOINs of the related rows to the model's row `alias`."""
        return "".join(
            f" LEFT JOIN {key.related_model._meta.db_table} {_alias(alias, number)}"
            f' ON {_alias(alias, number)}."{key.target_field.column}"'
            f' = {_alias(alias, parent)}."{key.column}"'
            for _, _, number, parent, key in self._parts[1:]
        )

    def build(self, row, using: str = "default") -> tuple:
        """The model's instance with its related ones set, then the rest of the row."""
        parts = self._parts
        values = build(row, *(model for _, model, _, _, _ in parts), using=using)
        found = dict(zip((path for path, *_ in parts), values, strict=False))
        for path, _, _, _, key in parts[1:]:
            parent = found[path.rpartition("__")[0]]
            if parent is not None:
                relate(parent, key.name, found[path])
        return (values[0], *values[len(parts) :])


def _alias(alias: str, number: int) -> str:
    return f"{alias}_{number}" if number else alias
