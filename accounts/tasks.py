import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from core import mail, site

from .models import Affiliation, User

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


@task()
def notify_affiliation_decision(*, affiliation_id: int) -> int:
    """Tell a person how their affiliation was decided: confirmed (by their work
    address or a reviewer), declined or revoked, with the reviewer's reason."""
    affiliation = (
        Affiliation.objects.select_related("user", "organisation")
        .filter(pk=affiliation_id)
        .first()
    )
    if affiliation is None or affiliation.status == Affiliation.Status.PENDING:
        return 0
    user = affiliation.user
    if not mail.with_verified_address(User.objects.filter(pk=user.pk)).exists():
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = {
            Affiliation.Status.VERIFIED: _("Your affiliation is confirmed"),
            Affiliation.Status.DECLINED: _("Your affiliation was not confirmed"),
            Affiliation.Status.REVOKED: _("Your affiliation has been revoked"),
        }.get(affiliation.status)
        if subject is None:
            return 0
        message = mail.message(
            to=user.email,
            subject=subject,
            template="mail/accounts/affiliation_decision.txt",
            context={
                "recipient": user,
                "affiliation": affiliation,
                "link": mail.absolute(reverse("accounts:affiliations")),
            },
        )
    return mail.send_each([message], what="affiliation decision")


@task()
def notify_affiliation_claim(*, affiliation_id: int) -> int:
    """Tell those who may decide a claim that one waits: the editors and the
    colleagues confirmed at the organisation (never the claimant)."""
    affiliation = (
        Affiliation.objects.select_related("user", "organisation")
        .filter(pk=affiliation_id, status=Affiliation.Status.PENDING)
        .first()
    )
    if affiliation is None:
        return 0
    reviewers = User.objects.filter(
        Q(is_superuser=True)
        | Q(groups__permissions__codename="review_affiliation")
        | Q(user_permissions__codename="review_affiliation")
        | Q(
            pk__in=Affiliation.objects.filter(
                organisation_id=affiliation.organisation_id,
                status=Affiliation.Status.VERIFIED,
            )
            .exclude(organisation=None)
            .values("user_id")
        )
    ).exclude(pk=affiliation.user_id)
    link = mail.absolute(
        reverse("accounts:affiliation-review", kwargs={"pk": affiliation.pk})
    )
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        for reviewer in mail.with_verified_address(reviewers).distinct():
            messages.append(
                mail.message(
                    to=reviewer.email,
                    subject=_("An affiliation waits for your review"),
                    template="mail/accounts/affiliation_claim.txt",
                    context={
                        "recipient": reviewer,
                        "affiliation": affiliation,
                        "link": link,
                    },
                )
            )
    return mail.send_each(messages, what="affiliation claim")
