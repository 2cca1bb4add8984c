"""Sessions read together with their user: one query on every signed-in request
instead of two (issue 12: the two took about a quarter of a signed-in home page).

The session table (accounts.Session) keeps the signed-in user's id beside the encoded
data, so loading a session reads the user's row in the same query. While Django's
`get_user` works out who a request's user is, the backends take that row instead of
querying for it; everything else of `get_user` stays Django's: the backend the user
signed in with must be configured, the account must be allowed to sign in, and the
session's password hash must match (a password changed elsewhere ends the session).
The row is used only inside that call, for the session it came with.

Sessions stay in the database alone (settings/base.py says why).
"""

from contextvars import ContextVar
from functools import cache

from allauth.account import auth_backends as allauth_backends
from django.contrib import auth
from django.contrib.auth import SESSION_KEY
from django.contrib.auth import backends as auth_backends
from django.contrib.auth import middleware as auth_middleware
from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

# The session of the request whose user `get_user` is working out, if any.
_session: ContextVar["SessionStore | None"] = ContextVar("session", default=None)


class SessionStore(db.SessionStore):
    user_row = None

    @classmethod
    def get_model_class(cls):
        from .models import Session

        return Session

    def _get_session_from_db(self):
        """The session that is not expired, and its user's row (or None): written out,
        as compiling this join through the ORM took longer than running it."""
        connection = connections[router.db_for_read(self.model)]
        sql, models = _statement(connection)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        session, self.user_row = _instances(connection, models, row)
        return session

    def create_model_instance(self, data):
        return _with_user_id(super().create_model_instance(data), data)

    async def acreate_model_instance(self, data):
        return _with_user_id(await super().acreate_model_instance(data), data)


def _with_user_id(session, data):
    user_id = data.get(SESSION_KEY)
    session.user_id = (
        session._meta.get_field("user").target_field.to_python(user_id)
        if user_id is not None
        else None
    )
    return session


@cache
def _statement(connection) -> tuple[str, list]:
    """The SQL that reads a session with its user's row, and for each of the two
    models its fields with the converters of their columns (SQLite's dates); once
    per connection (each thread has its own)."""
    from .models import Session

    name = connection.ops.quote_name
    user_model = Session._meta.get_field("user").related_model
    columns, models = [], []
    for model, table in ((Session, "s"), (user_model, "u")):
        fields = []
        for field in model._meta.concrete_fields:
            column = field.get_col(table)
            columns.append(f"{table}.{name(field.column)}")
            converters = [
                *connection.ops.get_db_converters(column),
                *field.get_db_converters(connection),
            ]
            fields.append((field, column, converters))
        models.append((model, fields))
    # Table and column names from the models; the key and the time are parameters.
    sql = (
        f"SELECT {', '.join(columns)}"  # noqa: S608
        f" FROM {name(Session._meta.db_table)} s"
        f" LEFT JOIN {name(user_model._meta.db_table)} u"
        f" ON u.{name(user_model._meta.pk.column)} = s.{name('user_id')}"
        f" WHERE s.{name('session_key')} = %s AND s.{name('expire_date')} > %s"
    )
    return sql, models


def _instances(connection, models: list, row: tuple) -> list:
    """The session and the user (None without one) from a row of `_statement`."""
    values, made = iter(row), []
    for model, fields in models:
        own = []
        for _field, column, converters in fields:
            value = next(values)
            for convert in converters:
                value = convert(value, column, connection)
            own.append(value)
        pk = own[model._meta.concrete_fields.index(model._meta.pk)]
        names = [field.attname for field, _column, _converters in fields]
        made.append(None if pk is None else model.from_db(connection.alias, names, own))
    return made


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, with the session's user row at hand while `get_user` runs."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _user(request))


def _user(request):
    if not hasattr(request, "_cached_user"):
        token = _session.set(request.session)
        try:
            request._cached_user = auth.get_user(request)
        finally:
            _session.reset(token)
    return request._cached_user


class SessionUserMixin:
    """`get_user` from the row read with the session, when it is that user's."""

    def get_user(self, user_id):
        user = getattr(_session.get(), "user_row", None)
        if user is None or str(user.pk) != str(user_id):
            return super().get_user(user_id)
        return user if self.user_can_authenticate(user) else None


class ModelBackend(SessionUserMixin, auth_backends.ModelBackend):
    pass


class AuthenticationBackend(SessionUserMixin, allauth_backends.AuthenticationBackend):
    pass
