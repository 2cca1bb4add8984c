import socket
from contextlib import contextmanager

from django.db import connection


def test_health_reports_database_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}


@contextmanager
def database_unreachable(tmp_path):
    """Points the connection at a database that is not there, for real.

    PostgreSQL: the connection is closed and its port turned to one where nothing
    listens (a bound socket that never listens refuses connections). SQLite: the
    file lies in a folder that does not exist. Everything is put back afterwards.
    """
    saved_settings = connection.settings_dict.copy()
    saved_connection = None
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", 0))
        if connection.vendor == "sqlite":
            # Closing would drop the in-memory test database; set it aside instead.
            saved_connection, connection.connection = connection.connection, None
            connection.settings_dict["NAME"] = str(tmp_path / "fehlt" / "db.sqlite3")
        else:
            connection.close()
            connection.settings_dict["HOST"] = "127.0.0.1"
            connection.settings_dict["PORT"] = blocker.getsockname()[1]
        try:
            yield
        finally:
            if connection.vendor == "sqlite":
                connection.connection = saved_connection
            else:
                connection.close()
            connection.settings_dict.clear()
            connection.settings_dict.update(saved_settings)


def test_health_is_503_json_not_a_traceback_when_the_database_is_down(
    client, transactional_db, tmp_path
):
    with database_unreachable(tmp_path):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json()["database"] == "unavailable"
    # And back up: the next request finds the database again.
    assert client.get("/healthz").status_code == 200
