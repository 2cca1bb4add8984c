"""Mail the portal sends on its own (notifications): links, recipients, sending.

A mail server that fails is logged and never fails what caused the mail: every
message is sent on its own, and errors are caught per message.
"""

import logging
from collections.abc import Callable

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# What a mail is, for the rules that may hold mail back (archive mode lets only
# account mails and the final notice out). Every sender names its category.
ACCOUNT = "account"
NOTIFICATION = "notification"
FINAL_NOTICE = "final-notice"
CATEGORIES = (ACCOUNT, NOTIFICATION, FINAL_NOTICE)

# Rules installed by apps at start-up (core imports no app): each gets a category and
# says whether such mail may go out now. pages installs archive mode's.
_gates: list[Callable[[str], bool]] = []


def add_gate(gate: Callable[[str], bool]) -> None:
    if gate not in _gates:
        _gates.append(gate)


def allowed(category: str) -> bool:
    if category not in CATEGORIES:
        raise ValueError(f"Unknown mail category {category!r}")
    return all(gate(category) for gate in _gates)


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def with_verified_address(users):
    """Only addresses their owners confirmed: mail never goes to a stranger's inbox."""
    return users.filter(
        is_active=True,
        email__isnull=False,
    ).filter(
        Exists(
            EmailAddress.objects.filter(
                user=OuterRef("pk"), email__iexact=OuterRef("email"), verified=True
            )
        )
    )


def message(*, to: str, subject: str, template: str, context: dict, headers=None):
    body = render_to_string(template, context)
    return EmailMessage(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"Auto-Submitted": "auto-generated", **(headers or {})},
    )


def send_each(
    messages: list[EmailMessage], *, what: str, category: str = NOTIFICATION
) -> int:
    """Send one by one; a failure is logged and the rest still go out.

    Nothing goes out when a gate holds the category back (archive mode holds back
    everything but account mails and the final notice).
    """
    if not messages:
        return 0
    if not allowed(category):
        logger.info(
            "E-mail (%s, %s): %d not sent, held back.", what, category, len(messages)
        )
        return 0
    sent = 0
    connection = get_connection()
    try:
        connection.open()
    except Exception:
        logger.exception("E-mail (%s): cannot reach the mail server.", what)
        return 0
    try:
        for message in messages:
            message.connection = connection
            try:
                sent += message.send()
            except Exception:
                logger.exception(
                    "E-mail (%s) to %s could not be sent.", what, message.to
                )
    finally:
        try:
            connection.close()
        except Exception:
            logger.exception("E-mail (%s): closing the connection failed.", what)
    return sent
