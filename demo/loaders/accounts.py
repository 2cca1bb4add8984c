"""Demo accounts (`demo/content/accounts.toml`): an administrator, an editor and a
moderator, whose credentials `make run` prints."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.models import User
from demo.content import data


def password() -> str:
    return data("accounts")["password"]


def ensure_user(email, *, password: str, groups=(), **fields) -> User:
    """Create a verified demo user once; later runs leave it as it is."""
    user, created = User.objects.get_or_create(email=email, defaults=fields)
    if created:
        user.set_password(password)
        user.save()
        user.groups.set(Group.objects.filter(name__in=groups))
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def load(*, stdout) -> None:
    accounts = data("accounts")
    for row in accounts["users"]:
        ensure_user(
            **row,
            password=accounts["password"],
            show_organisation=True,
            show_function=True,
            show_state=True,
        )
    stdout.write(f"Demo accounts (password for all: {accounts['password']}):")
    for row in accounts["users"]:
        stdout.write(f"  {row['display_name']}: {row['email']}")
