"""Who may register for an event, and who may manage one: decided here, and only here.

Members-only events follow the forum's membership: approved members, the forum's
moderators and administrators may register. Organisers are editors (model
permission) and the staff accounts named on the event.
"""

from django.utils.translation import gettext as _

from forums.models import Forum, Membership

from .models import Event


def is_forum_member(user, forum: Forum) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return (
        Membership.objects.filter(
            forum=forum, user=user, status=Membership.Status.APPROVED
        ).exists()
        or forum.moderators.filter(pk=user.pk).exists()
    )


def may_register(user, event: Event) -> tuple[bool, str]:
    """Whether this person (None or anonymous: a guest) may register, and if not, why."""
    signed_in = bool(user and user.is_authenticated)
    if event.is_members_only:
        if not signed_in:
            return False, _(
                "Only members of the forum “%(forum)s” can register. Please sign in."
            ) % {"forum": event.forum.name}
        if not is_forum_member(user, event.forum):
            return False, _(
                "Only members of the forum “%(forum)s” can register. You can ask to "
                "join the forum."
            ) % {"forum": event.forum.name}
    if signed_in and not user.has_verified_email:
        return False, _(
            "Please confirm your e-mail address first (see the mail we sent you); "
            "then you can register with one click."
        )
    return True, ""


def can_manage(user, event: Event | None = None) -> bool:
    """Editors manage every event; a staff organiser the events naming them."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if user.has_perm("events.change_event"):
        return True
    if event is None:
        return user.organised_events.exists()
    return event.staff_organisers.filter(pk=user.pk).exists()


def managed_events(user):
    if user.has_perm("events.change_event"):
        return Event.objects.all()
    return Event.objects.filter(staff_organisers=user)
