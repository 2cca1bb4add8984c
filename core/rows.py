"""Model instances from hand-written SQL, with their related rows, as the ORM's
`select_related()` builds them.

For the few statements on every signed-in request where compiling the ORM's query
took longer than the database took to answer it (a topic with its forum and author:
1.7 ms through the ORM, 0.6 ms written out). A statement selects each model's
`columns()` in turn, then anything else; `build()` turns a row of it into the
instances, converting the database's values as the ORM does.
"""

from django.db import connections


def columns(model, alias: str) -> str:
    """The model's columns, `alias."column", …`, in the order `build()` reads them."""
    return ", ".join(
        f'{alias}."{field.column}"' for field in model._meta.concrete_fields
    )


def build(row, *models, using: str = "default") -> tuple:
    """One instance per model from its share of `row`, or None where the primary key
    is NULL (a LEFT JOIN that found nothing); then the rest of the row's values."""
    connection = connections[using]
    found, start = [], 0
    for model in models:
        fields = model._meta.concrete_fields
        values = list(row[start : start + len(fields)])
        start += len(fields)
        for index, field in enumerate(fields):
            column = field.get_col(model._meta.db_table)
            for convert in [
                *connection.ops.get_db_converters(column),
                *field.get_db_converters(connection),
            ]:
                values[index] = convert(values[index], column, connection)
        if values[fields.index(model._meta.pk)] is None:
            found.append(None)
        else:
            names = [field.attname for field in fields]
            found.append(model.from_db(using, names, values))
    return (*found, *row[start:])


def relate(instance, name: str, related) -> None:
    """Sets `instance.<name>` (a foreign key) to the related instance already read,
    as `select_related()` does: reading it runs no query."""
    instance._meta.get_field(name).set_cached_value(instance, related)
