"""What the events keep about a person: their data export (Art. 15, 20 DSGVO), and
what happens to their registrations when they delete their account."""

from .models import Registration
from .services import registrations_release


def user_data(user) -> dict:
    """Their registrations with what they answered."""
    return {
        "registrations": [
            {
                "event": registration.event.title,
                "starts_at": registration.event.starts_at.isoformat(),
                "url": registration.event.get_absolute_url(),
                "status": registration.status,
                "attendance": registration.attendance,
                "name": registration.name,
                "email": registration.email,
                "organisation": registration.organisation,
                "function": registration.function,
                "dietary_needs": registration.dietary_needs,
                "accessibility_needs": registration.accessibility_needs,
                "registered_at": registration.created_at.isoformat(),
                "cancelled_at": (
                    registration.cancelled_at.isoformat()
                    if registration.cancelled_at
                    else None
                ),
            }
            for registration in Registration.objects.filter(user=user)
            .select_related("event")
            .order_by("created_at")
        ]
    }


def before_user_delete(user) -> None:
    """Their seats go to the waiting list before their registrations go."""
    registrations_release(user=user)
