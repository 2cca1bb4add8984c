"""What a change in the forums makes stale (core/pagecache.py).

A reply renews its topic's pages, its forum's list, the forum index (and with it the
home page's forum block, a fragment of its own) and search results; nothing of news,
documents or contacts, nor the rest of the home page, nor the parts of its pages that
a reply does not change (the topic's argument cards, the forum's moderators).
"""

from core import pagecache
from core.pagecache import EVENTS, FORUMS, HOME, SEARCH, SITEMAP

from .models import (
    Forum,
    ForumSubscription,
    Membership,
    ModerationLog,
    Post,
    PostRevision,
    Quote,
    Report,
    Space,
    Topic,
    TopicReadState,
    TopicSubscription,
)

INDEX = "forums:index"
# The argument cards shown under every topic (templates/forums/topic_detail.html):
# renewed by a change of a topic, not by a reply; a card's own change renews
# everything (the toolbox declares nothing).
CARDS = "forums:cards"
# Fields the counters of forums.services.counters write after every post.
COUNTERS = frozenset({"topic_count", "post_count", "last_post", "last_post_at"})


def topic_group(pk) -> str:
    return f"forums:topic:{pk}"


def forum_group(pk) -> str:
    return f"forums:forum:{pk}"


def _forum(forum, fields):
    if fields and fields <= COUNTERS:
        return [forum_group(forum.pk)]
    # Its name and rules show on its topics' pages, its name on its events' pages.
    return [forum_group(forum.pk), FORUMS, EVENTS, SITEMAP]


pagecache.renews(Space, FORUMS, EVENTS, INDEX, HOME, SEARCH, SITEMAP)
pagecache.renews(Forum, INDEX, SEARCH, per=_forum)


def _topic(topic, fields):
    groups = [topic_group(topic.pk), forum_group(topic.forum_id)]
    if fields and fields <= COUNTERS:
        return groups  # a reply
    return [*groups, CARDS]


pagecache.renews(Topic, INDEX, SEARCH, SITEMAP, per=_topic)
pagecache.renews(
    Post,
    INDEX,
    SEARCH,
    per=lambda post, fields: [
        topic_group(post.topic_id),
        forum_group(post.topic.forum_id),
    ],
)
# A membership changes what its member sees of the forum's page (its lists are
# fragments kept per reader's view of them); renewed to be sure.
pagecache.renews(Membership, per=lambda row, fields: [forum_group(row.forum_id)])
# Written with their post, whose change renews the topic; shown to no one else.
for model in (
    Quote,
    PostRevision,
    Report,
    ModerationLog,
    TopicReadState,
    TopicSubscription,
    ForumSubscription,
):
    pagecache.renews(model)
