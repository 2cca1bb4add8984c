"""Discussion spaces: a space holds forums, a forum holds topics, a topic holds posts.

Counts and last activity are stored on Topic and Forum by the services whenever
something is written, so list pages never aggregate per request. Who may read, post
and moderate is decided in `permissions.py` and in the QuerySet methods here, which
use the same rules.
"""

from .forums import RESERVED_FORUM_SLUGS, Forum, Membership, Space, validate_forum_slug
from .moderation import ModerationLog, Report
from .posts import (
    MARKDOWN_HELP,
    POSTS_PER_PAGE,
    TOPICS_PER_PAGE,
    Post,
    PostRevision,
    Quote,
    Topic,
    render_quoting_posts,
    validate_post_body,
)
from .readers import ForumSubscription, TopicReadState, TopicSubscription

__all__ = [
    "MARKDOWN_HELP",
    "POSTS_PER_PAGE",
    "RESERVED_FORUM_SLUGS",
    "TOPICS_PER_PAGE",
    "Forum",
    "ForumSubscription",
    "Membership",
    "ModerationLog",
    "Post",
    "PostRevision",
    "Quote",
    "Report",
    "Space",
    "Topic",
    "TopicReadState",
    "TopicSubscription",
    "render_quoting_posts",
    "validate_forum_slug",
    "validate_post_body",
]
