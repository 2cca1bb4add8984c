import logging

from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django_tasks import task

from core import site

logger = logging.getLogger(__name__)


@task()
def send_account_mail(
    *, subject: str, body: str, from_email: str, to: list[str], html: str = ""
) -> bool:
    """Send one account e-mail (confirm address, reset password, security notice).

    The adapter renders the message during the request and hands it over as plain
    text; a failing mail server is logged here and fails nothing else.
    """
    message = EmailMultiAlternatives(
        subject,
        body,
        from_email,
        to,
        headers={"Message-ID": make_msgid(domain=site.domain())},
    )
    if html:
        message.attach_alternative(html, "text/html")
    try:
        message.send()
    except Exception:
        # SMTP, DNS or TLS trouble: the person can ask for the mail again.
        logger.exception("Account e-mail %r could not be sent", subject)
        return False
    return True
