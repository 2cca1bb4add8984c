"""Who may do what in the Werkzeugkasten: decided here.

Readers see published cards (`ArgumentCard.objects.visible_to`); editors see every
card; a moderator of a forum drafts a card from one of its topics, and sees the cards
they drafted until an editor publishes them.
"""

from forums.permissions import forum_access


def may_draft_from(user, topic) -> bool:
    return forum_access(user, topic.forum).is_moderator
