"""Moves the sessions of django.contrib.sessions into accounts_session (0007), with
their user's id and the backends' new paths, so that nobody is signed out by the
deploy."""

from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY
from django.db import migrations
from django.utils import timezone

BACKENDS = {
    "django.contrib.auth.backends.ModelBackend": "accounts.sessions.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend": (
        "accounts.sessions.AuthenticationBackend"
    ),
}


def move_sessions(apps, schema_editor):
    # Both stores sign their data alike (the same class name, the same secret).
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    old_sessions = apps.get_model("sessions", "Session")
    new_sessions = apps.get_model("accounts", "Session")
    users = apps.get_model("accounts", "User")
    moved = []
    for old in old_sessions.objects.filter(expire_date__gt=timezone.now()).iterator():
        data = store.decode(old.session_data)
        if not data:
            continue  # signed with a secret that is no longer valid
        backend = data.get(BACKEND_SESSION_KEY)
        data[BACKEND_SESSION_KEY] = BACKENDS.get(backend, backend)
        user_id = data.get(SESSION_KEY)
        moved.append(
            new_sessions(
                session_key=old.session_key,
                session_data=store.encode(data),
                expire_date=old.expire_date,
                user_id=users._meta.pk.to_python(user_id) if user_id else None,
            )
        )
    new_sessions.objects.bulk_create(moved, batch_size=1000, ignore_conflicts=True)
    old_sessions.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_session_with_user"),
        ("sessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(move_sessions, migrations.RunPython.noop)]
