"""Writes in the forums, by what a person does: posting, moderation, membership,
following, reading (read markers); `counters` keeps the stored counts.

Each function checks the rules of `permissions.py` again before it writes (a view
is not the only caller), keeps the counts and last activity on Topic and Forum
current, and hands e-mail to the background tasks in `tasks.py`. Rows of the forum
are locked first, so concurrent posts cannot leave the counts wrong.
"""

from .counters import forum_refresh_counters
from .following import (
    forum_follow,
    forum_unfollow,
    topic_follow,
    topic_unfollow,
    unsubscribe,
)
from .membership import membership_decide, membership_request
from .moderation import (
    post_report,
    post_set_hidden,
    report_resolve,
    topic_move,
    topic_set_hidden,
    topic_set_locked,
    topic_set_pinned,
)
from .posting import TooFast, is_first_post, post_create, post_edit, topic_create
from .reading import topic_mark_read

__all__ = [
    "TooFast",
    "forum_follow",
    "forum_refresh_counters",
    "forum_unfollow",
    "is_first_post",
    "membership_decide",
    "membership_request",
    "post_create",
    "post_edit",
    "post_report",
    "post_set_hidden",
    "report_resolve",
    "topic_create",
    "topic_follow",
    "topic_mark_read",
    "topic_move",
    "topic_set_hidden",
    "topic_set_locked",
    "topic_set_pinned",
    "topic_unfollow",
    "unsubscribe",
]
