"""Demo accounts: an editor and an administrator whose credentials `make run` prints."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import EDITORS, MODERATORS

DEMO_PASSWORD = "Demo-Region-2026"  # noqa: S105 (printed by make run on purpose)
DEMO_USERS = [
    # email, display name, staff, superuser, groups, organisation, function, state
    (
        "admin@demo.regiondermitte.de",
        "Demo-Administration",
        True,
        True,
        [],
        "Region Kassel-Land e.V.",
        "Administration",
        "HE",
    ),
    (
        "redaktion@demo.regiondermitte.de",
        "Demo-Redaktion",
        True,
        False,
        [EDITORS],
        "Region Kassel-Land e.V.",
        "Öffentlichkeitsarbeit",
        "HE",
    ),
    (
        "moderation@demo.regiondermitte.de",
        "Demo-Moderation",
        False,
        False,
        [MODERATORS],
        "Region Kassel-Land e.V.",
        "Moderation der Foren",
        "HE",
    ),
]


def ensure_user(email, *, password=DEMO_PASSWORD, groups=(), **fields) -> User:
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
    for email, name, staff, superuser, groups, org, function, state in DEMO_USERS:
        ensure_user(
            email,
            groups=groups,
            display_name=name,
            is_staff=staff,
            is_superuser=superuser,
            organisation=org,
            function=function,
            state=state,
            show_organisation=True,
            show_function=True,
            show_state=True,
        )
    stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
    for email, name, *_ in DEMO_USERS:
        stdout.write(f"  {name}: {email}")
