"""Test data, made through the same code paths the portal uses.

Each app keeps its helpers in its own section below.
"""

import itertools

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import EDITORS, MODERATORS

PASSWORD = "Sicheres-Passwort-2026"
_numbers = itertools.count(1)


# --- accounts ---------------------------------------------------------------


def user(email: str | None = None, *, verified: bool = True, **fields) -> User:
    """A signed-up user; verified unless told otherwise."""
    email = email or f"person{next(_numbers)}@example.org"
    fields.setdefault("display_name", f"Person {email.split('@')[0]}")
    account = User.objects.create_user(email=email, password=PASSWORD, **fields)
    EmailAddress.objects.create(
        user=account, email=email, verified=verified, primary=True
    )
    return account


def enable_totp(account: User) -> str:
    secret = generate_totp_secret()
    TOTP.activate(account, secret)
    return secret


def editor(email: str | None = None, *, totp: bool = True, **fields) -> User:
    """Staff in the group Redaktion, with a second factor unless told otherwise."""
    account = user(email, is_staff=True, **fields)
    account.groups.add(Group.objects.get(name=EDITORS))
    if totp:
        enable_totp(account)
    return account


def moderator(email: str | None = None, **fields) -> User:
    """A member of the group Moderation; forums assign them to forums."""
    account = user(email, **fields)
    account.groups.add(Group.objects.get(name=MODERATORS))
    return account


def admin(email: str | None = None, *, totp: bool = True, **fields) -> User:
    account = user(email, is_staff=True, is_superuser=True, **fields)
    if totp:
        enable_totp(account)
    return account


# --- pages ------------------------------------------------------------------


# --- news -------------------------------------------------------------------


# --- documents --------------------------------------------------------------


# --- forums -----------------------------------------------------------------


# --- contacts ---------------------------------------------------------------
