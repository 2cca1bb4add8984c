"""What the accounts keep about a person, for their data export (Art. 15, 20 DSGVO)."""

from .models import NotificationSettings
from .services import profile_data, second_factor_data


def user_data(user) -> dict:
    return {
        "profile": profile_data(user),
        "two_factor_authentication": second_factor_data(user),
        "notification_settings": _notifications(user),
    }


def _notifications(user) -> dict:
    prefs = NotificationSettings.objects.for_user(user)
    return {
        "paused": prefs.paused,
        "posts": prefs.posts,
        "moderation": prefs.moderation,
        "moderator_tasks": prefs.moderator_tasks,
    }
