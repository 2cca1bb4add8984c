"""Mail the portal sends on its own (notifications): links, recipients, sending.

A mail server that fails is logged and never fails what caused the mail: every
message is sent on its own, and errors are caught per message.
"""

import logging

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def known_language(code: str | None) -> str:
    """`code` if the portal speaks it, else the portal's own language."""
    known = {language for language, _name in settings.LANGUAGES}
    return code if code in known else settings.LANGUAGE_CODE


def language_of(user) -> str:
    """The language to write to a person in: their account's, else the portal's."""
    return known_language(getattr(user, "language", None))


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


def send_each(messages: list[EmailMessage], *, what: str) -> int:
    """Send one by one; a failure is logged and the rest still go out."""
    if not messages:
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
