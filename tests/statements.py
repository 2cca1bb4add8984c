"""What PostgreSQL keeps prepared on the tests' connection (`core.rows.cursor`)."""

from django.db import connection


def prepared(containing: str) -> list[tuple[str, int, int]]:
    """(statement, generic plans, custom plans) of the statements prepared on this
    connection whose text holds `containing`."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements"
            " WHERE statement LIKE %s",
            [f"%{containing}%"],
        )
        return cursor.fetchall()
