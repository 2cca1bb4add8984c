"""What the Werkzeugkasten keeps about a person, for their data export (Art. 15, 20 DSGVO)."""

from .models import ArgumentCard


def user_data(user) -> dict:
    """The cards they drafted from a forum topic."""
    return {
        "drafted_cards": [
            {
                "title": card.title,
                "url": card.get_absolute_url(),
                "published": card.is_published,
                "created_at": card.created_at.isoformat(),
            }
            for card in ArgumentCard.objects.filter(drafted_by=user)
            .only("title", "slug", "is_published", "created_at")
            .order_by("created_at")
        ]
    }
