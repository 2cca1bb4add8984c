from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext as _

from core import pagecache

from . import tasks
from .models import (
    Affiliation,
    AffiliationLogEntry,
    Delivery,
    NotificationSettings,
    User,
)


def profile_data(user: User) -> dict:
    return {
        "email": user.email,
        "display_name": user.display_name,
        "organisation": user.organisation,
        "function": user.function,
        "state": user.state,
        "bio": user.bio,
        "show_organisation": user.show_organisation,
        "show_function": user.show_function,
        "show_state": user.show_state,
        "show_bio": user.show_bio,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "affiliations": [
            {
                "function": a.function,
                "organisation": a.organisation_name,
                "work_email": a.work_email,
                "status": a.status,
                "public": a.public,
                "primary": a.primary,
                "claimed_at": a.created_at.isoformat(),
                "reason": a.reason,
            }
            for a in user.affiliations.select_related("organisation")
        ],
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in user.emailaddress_set.all()
        ],
    }


def second_factor_data(user: User) -> list[dict]:
    """Which second factors are set up and when they were used; never their secrets."""
    return [
        {
            "type": authenticator.type,
            "created_at": authenticator.created_at.isoformat(),
            "last_used_at": (
                authenticator.last_used_at.isoformat()
                if authenticator.last_used_at
                else None
            ),
        }
        for authenticator in Authenticator.objects.filter(user=user).order_by("pk")
    ]


def user_export(*, user: User) -> dict:
    """Everything the portal stores about a person (Art. 15, 20 DSGVO).

    Each app that keeps something about people contributes through its own
    `exports.py` with a `user_data(user) -> dict`, so a new app cannot forget
    itself without it being visible in its own folder.
    """
    return {label: exports.user_data(user) for label, exports in _app_exports()}


def _app_exports():
    """(label, module) of every app's `exports.py`."""
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "exports"):
            yield config.label, import_module(f"{config.name}.exports")


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete the account. Content that others reply to stays, shown as "gelöschtes Konto".

    Apps keep their content by pointing it at the user with `on_delete=SET_NULL`;
    e-mail addresses and second factors go with the account. An app whose rows must
    do more than vanish with the account (a seat that goes to the waiting list) says
    so in its `exports.py` with a `before_user_delete(user)`.
    """
    for _label, exports in _app_exports():
        if hasattr(exports, "before_user_delete"):
            exports.before_user_delete(user)
    user.delete()


SUMMARIES = {Delivery.DAILY, Delivery.WEEKLY}


@transaction.atomic
def notification_settings_save(
    *, user: User, paused: bool, posts: str, moderation: str, moderator_tasks: str
) -> NotificationSettings:
    """Store how the reader wants their mail. Switching to a summary starts it now:
    what came before went out at once, and no post comes twice."""
    prefs = NotificationSettings.objects.select_for_update().filter(user=user).first()
    prefs = prefs or NotificationSettings(user=user)
    if posts in SUMMARIES and prefs.posts not in SUMMARIES:
        prefs.digest_since = timezone.now()
    prefs.paused = paused
    prefs.posts = posts
    prefs.moderation = moderation
    prefs.moderator_tasks = moderator_tasks
    prefs.save()
    return prefs


# --- affiliations ------------------------------------------------------------

Status = Affiliation.Status
Action = AffiliationLogEntry.Action
# Each claim mails the reviewers: a person waits for answers before claiming more.
MAX_PENDING_CLAIMS = 5


def _log(affiliation: Affiliation, action: str, actor=None, reason: str = "") -> None:
    AffiliationLogEntry.objects.create(
        affiliation=affiliation, action=action, actor=actor, reason=reason
    )


def _verify(affiliation: Affiliation, *, by_email: bool, reviewer=None) -> None:
    affiliation.status = Status.VERIFIED
    affiliation.verified_by_email = by_email
    affiliation.decided_at = timezone.now()
    affiliation.decided_by = reviewer
    affiliation.save()
    _log(
        affiliation, Action.VERIFIED_BY_EMAIL if by_email else Action.APPROVED, reviewer
    )
    tasks.notify_affiliation_decision.enqueue(affiliation_id=affiliation.pk)


def _promote_next_primary(user: User) -> None:
    """After the primary affiliation ended: the oldest current one becomes primary."""
    if not user.affiliations.filter(primary=True).exists():
        following = user.affiliations.current().order_by("created_at").first()
        if following is not None:
            following.primary = True
            following.save(update_fields=["primary"])


@transaction.atomic
def affiliation_claim(
    *,
    user: User,
    function: str,
    organisation=None,
    proposed_organisation: str = "",
    work_email: str = "",
    public: bool = False,
    request=None,
) -> Affiliation:
    """Claim a function at an organisation of the directory (or a proposed one).

    With a work address at the organisation's e-mail domain the claim confirms
    itself: at once when the address is confirmed already, else when the person
    follows the link mailed to it. Otherwise it waits for a reviewer.
    """
    work_email = (work_email or "").strip().lower()
    affiliation = Affiliation(
        user=user,
        organisation=organisation,
        proposed_organisation=(proposed_organisation or "").strip(),
        function=(function or "").strip(),
        work_email=work_email,
        public=public,
        primary=not user.affiliations.current().exists(),
    )
    if not user.has_verified_email:
        raise ValidationError(
            _("Please confirm your e-mail address first: we answer your claim there.")
        )
    if user.affiliations.filter(status=Status.PENDING).count() >= MAX_PENDING_CLAIMS:
        raise ValidationError(
            _(
                "You have %(count)s claims waiting for review already. Please wait "
                "for their answer before you claim more."
            )
            % {"count": MAX_PENDING_CLAIMS}
        )
    if not affiliation.organisation and not affiliation.proposed_organisation:
        raise ValidationError(
            {
                "organisation": _(
                    "Please choose an organisation or name one that is missing."
                )
            }
        )
    if work_email and not (organisation and organisation.email_domain):
        raise ValidationError(
            {
                "work_email": _(
                    "The portal knows no e-mail domain of this organisation, so an "
                    "address cannot confirm your function. Leave the field empty: a "
                    "reviewer will confirm it instead."
                )
            }
        )
    if work_email and not organisation.matches_email(work_email):
        raise ValidationError(
            {
                "work_email": _(
                    "This address is not at the organisation’s e-mail domain. Leave "
                    "the field empty: a reviewer will confirm your function instead."
                )
            }
        )
    if (
        organisation
        and user.affiliations.current()
        .filter(organisation=organisation, function__iexact=affiliation.function)
        .exists()
    ):
        raise ValidationError(
            _("You have claimed this function at this organisation already.")
        )
    address = (
        EmailAddress.objects.filter(email__iexact=work_email).first()
        if work_email
        else None
    )
    if address is not None and address.user_id != user.pk:
        raise ValidationError(
            {"work_email": _("This address belongs to another account.")}
        )
    affiliation.full_clean()
    affiliation.save()
    _log(affiliation, Action.CLAIMED, user)
    if not work_email:
        # Without a work address the reviewers decide: they are told.
        tasks.notify_affiliation_claim.enqueue(affiliation_id=affiliation.pk)
    elif address is not None and address.verified:
        _verify(affiliation, by_email=True)
    else:
        if address is None:
            address = EmailAddress.objects.create(
                user=user, email=work_email, verified=False, primary=False
            )
        # allauth builds the link from the request; without one (the shell) the
        # person asks for the link on their e-mail page.
        if request is not None:
            address.send_confirmation(request)
    return affiliation


@transaction.atomic
def affiliations_confirm_email(*, email_address: EmailAddress) -> int:
    """A person confirmed an address: their waiting claims at its domain are verified.

    Called by the account adapter after allauth marked the address confirmed.
    """
    confirmed = 0
    pending = (
        Affiliation.objects.select_for_update(of=("self",))
        .filter(
            user_id=email_address.user_id,
            status=Status.PENDING,
            work_email__iexact=email_address.email,
        )
        .select_related("organisation")
    )
    for affiliation in pending:
        if affiliation.organisation and affiliation.organisation.matches_email(
            email_address.email
        ):
            _verify(affiliation, by_email=True)
            confirmed += 1
    return confirmed


def _reviewable(affiliation: Affiliation, reviewer: User) -> Affiliation:
    if (
        not Affiliation.objects.reviewable_by(reviewer)
        .filter(pk=affiliation.pk)
        .exists()
    ):
        raise PermissionDenied(_("You may not decide on this affiliation."))
    return Affiliation.objects.select_for_update().get(pk=affiliation.pk)


@transaction.atomic
def affiliation_approve(*, affiliation: Affiliation, reviewer: User) -> Affiliation:
    """Confirm a waiting claim; the person is told by e-mail."""
    affiliation = _reviewable(affiliation, reviewer)
    if affiliation.status != Status.PENDING:
        raise ValidationError(_("This claim has been decided already."))
    if affiliation.organisation is None:
        raise ValidationError(
            _(
                "Add the proposed organisation to the directory and choose it for "
                "this claim first."
            )
        )
    _verify(affiliation, by_email=False, reviewer=reviewer)
    return affiliation


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Please give a reason: the person is told it.")}
        )
    return reason


@transaction.atomic
def affiliation_decline(
    *, affiliation: Affiliation, reviewer: User, reason: str
) -> Affiliation:
    """Decline a waiting claim with a reason; the person is told it by e-mail."""
    reason = _clean_reason(reason)
    affiliation = _reviewable(affiliation, reviewer)
    if affiliation.status != Status.PENDING:
        raise ValidationError(_("This claim has been decided already."))
    affiliation.status = Status.DECLINED
    affiliation.decided_at = timezone.now()
    affiliation.decided_by = reviewer
    affiliation.reason = reason
    affiliation.primary = False
    affiliation.save()
    _log(affiliation, Action.DECLINED, reviewer, reason)
    _promote_next_primary(affiliation.user)
    tasks.notify_affiliation_decision.enqueue(affiliation_id=affiliation.pk)
    return affiliation


@transaction.atomic
def affiliation_revoke(
    *, affiliation: Affiliation, reviewer: User, reason: str
) -> Affiliation:
    """Staff take back a verified affiliation (with a reason, mailed)."""
    reason = _clean_reason(reason)
    if not reviewer.has_perm("accounts.review_affiliation"):
        raise PermissionDenied(_("Only staff may revoke an affiliation."))
    affiliation = Affiliation.objects.select_for_update().get(pk=affiliation.pk)
    if affiliation.status != Status.VERIFIED:
        raise ValidationError(_("Only a confirmed affiliation can be revoked."))
    affiliation.status = Status.REVOKED
    affiliation.decided_at = timezone.now()
    affiliation.decided_by = reviewer
    affiliation.reason = reason
    affiliation.primary = False
    affiliation.save()
    _log(affiliation, Action.REVOKED, reviewer, reason)
    _promote_next_primary(affiliation.user)
    tasks.notify_affiliation_decision.enqueue(affiliation_id=affiliation.pk)
    return affiliation


@transaction.atomic
def affiliation_end(*, affiliation: Affiliation, user: User) -> Affiliation:
    """The person left the job (or withdraws the claim): it is shown nowhere."""
    if affiliation.user_id != user.pk:
        raise PermissionDenied(_("You can only end your own affiliations."))
    affiliation = Affiliation.objects.select_for_update().get(pk=affiliation.pk)
    if not affiliation.is_current:
        raise ValidationError(_("This affiliation has ended already."))
    affiliation.status = Status.ENDED
    affiliation.ended_at = timezone.now()
    affiliation.primary = False
    affiliation.save()
    _log(affiliation, Action.ENDED, user)
    _promote_next_primary(user)
    return affiliation


@transaction.atomic
def affiliation_update(
    *, affiliation: Affiliation, user: User, public: bool, primary: bool
) -> Affiliation:
    """Whether it is shown publicly, and whether it is the one bylines show."""
    if affiliation.user_id != user.pk:
        raise PermissionDenied(_("You can only change your own affiliations."))
    if not affiliation.is_current:
        raise ValidationError(_("This affiliation has ended already."))
    affiliation.public = public
    if primary and not affiliation.primary:
        pagecache.update(user.affiliations.filter(primary=True), primary=False)
        affiliation.primary = True
    affiliation.save(update_fields=["public", "primary"])
    return affiliation
