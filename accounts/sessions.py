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

from allauth.account import auth_backends as allauth_backends
from django.contrib import auth
from django.contrib.auth import SESSION_KEY
from django.contrib.auth import backends as auth_backends
from django.contrib.auth import middleware as auth_middleware
from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from core import rows

# The session of the request whose user `get_user` is working out, if any.
_session: ContextVar["SessionStore | None"] = ContextVar("session", default=None)


class SessionStore(db.SessionStore):
    user_row = None

    @classmethod
    def get_model_class(cls):
        from .models import Session

        return Session

    def load(self):
        """The session's data if it has not expired, and its user's row (or None),
        in one statement: through the ORM, compiling this join took longer than
        running it."""
        from .models import Session, User

        using = router.db_for_read(Session)
        with rows.cursor(using) as cursor:
            cursor.execute(
                # Table names from the models; the key and the time are parameters.
                f"SELECT {rows.columns(User, 'u')}, s.session_data"  # noqa: S608
                f" FROM {Session._meta.db_table} s"
                f" LEFT JOIN {User._meta.db_table} u ON u.id = s.user_id"
                " WHERE s.session_key = %s AND s.expire_date > %s",
                [self.session_key, _now()],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return {}
        self.user_row, data = rows.build(row, User, using=using)
        return self.decode(data)

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


def _now():
    """Now, as the database compares it with a stored time (SQLite: text)."""
    from .models import Session

    connection = connections[router.db_for_read(Session)]
    return connection.ops.adapt_datetimefield_value(timezone.now())


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
