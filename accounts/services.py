from importlib import import_module

from allauth.mfa.models import Authenticator
from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

from .models import Delivery, NotificationSettings, User


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
