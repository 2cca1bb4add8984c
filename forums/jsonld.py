"""A topic as a schema.org `DiscussionForumPosting`.

Only what every reader of the page sees: title, author's public name, dates, how many
answers; never the text of a hidden post (the page's own text is not repeated).
"""

from django.utils.translation import gettext as _

from .models import Topic


def topic(topic: Topic, *, request, url: str) -> dict:
    data = {
        "@type": "DiscussionForumPosting",
        "headline": topic.title,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": "de",
        "datePublished": topic.created_at.isoformat(),
        "dateModified": topic.last_post_at.isoformat(),
        "author": {
            "@type": "Person",
            "name": topic.author.public_name if topic.author else _("deleted account"),
        },
        "isPartOf": {
            "@type": "WebPage",
            "name": topic.forum.name,
            "url": request.build_absolute_uri(topic.forum.get_absolute_url()),
        },
        "interactionStatistic": {
            "@type": "InteractionCounter",
            "interactionType": "https://schema.org/CommentAction",
            "userInteractionCount": max(topic.post_count - 1, 0),
        },
    }
    return data
