"""Membership of forums that need it: asking to join, and the moderators' answer."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import tasks
from ..models import Forum, Membership, ModerationLog
from ..permissions import forum_access
from .moderation import ensure_moderator, log_action


@transaction.atomic
def membership_request(*, forum: Forum, user, reason: str) -> Membership:
    """Ask to join a forum that needs membership; its moderators decide."""
    access = forum_access(user, forum)
    if not access.is_verified:
        raise PermissionDenied(_("Please verify your e-mail address first."))
    if not access.may_join:
        raise ValidationError(_("You can already read and write in this forum."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Please tell the moderators briefly why you want to join.")}
        )
    membership = access.membership
    if membership is not None and membership.status == Membership.Status.PENDING:
        raise ValidationError(
            _("You have asked to join already; the moderators will answer soon.")
        )
    if membership is None:
        membership = Membership(forum=forum, user=user)
    membership.status = Membership.Status.PENDING
    membership.reason = reason
    membership.requested_at = timezone.now()
    membership.decided_at = None
    membership.decided_by = None
    membership.decision_note = ""
    membership.full_clean()
    membership.save()
    tasks.notify_membership_request.enqueue(membership_id=membership.pk)
    return membership


@transaction.atomic
def membership_decide(
    *, membership: Membership, moderator, approve: bool, note: str = ""
) -> Membership:
    """Approve or decline a request; the applicant gets an e-mail either way."""
    ensure_moderator(moderator, membership.forum)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != Membership.Status.PENDING:
        raise ValidationError(_("This request has been answered already."))
    note = (note or "").strip()
    membership.status = (
        Membership.Status.APPROVED if approve else Membership.Status.DECLINED
    )
    membership.decided_at = timezone.now()
    membership.decided_by = moderator
    membership.decision_note = note
    membership.save()
    Action = ModerationLog.Action
    log_action(
        forum=membership.forum,
        actor=moderator,
        action=Action.APPROVE_MEMBER if approve else Action.DECLINE_MEMBER,
        reason=note,
        affected_user=membership.user,
        subject=str(membership.user.public_name),
        notify=False,
    )
    tasks.notify_membership_decision.enqueue(membership_id=membership.pk)
    return membership
