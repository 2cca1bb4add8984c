"""Forum pages and endpoints, by what a person does: reading, posting, moderation,
membership, following. `base.py` holds what they share.

Rules come from `permissions.py`: whoever may not read a forum gets a 404 for
everything in it; a reader who lacks a right (moderation, posting) gets a 403 page
that says why, or the sign-in page when not signed in. Every state change is a POST.
Forms that fail keep everything that was typed.
"""

from .following import follow, unsubscribe
from .membership import MembershipRequestView, membership_decide
from .moderation import (
    ModerationDeskView,
    PostModerateView,
    PostReportView,
    TopicModerateView,
    report_resolve,
)
from .posting import PostEditView, TopicCreateView, TopicReplyView
from .reading import (
    ForumDetailView,
    PostHistoryView,
    SpaceListView,
    TopicDetailView,
    post_detail,
    topic_pdf,
)

__all__ = [
    "ForumDetailView",
    "MembershipRequestView",
    "ModerationDeskView",
    "PostEditView",
    "PostHistoryView",
    "PostModerateView",
    "PostReportView",
    "SpaceListView",
    "TopicCreateView",
    "TopicDetailView",
    "TopicModerateView",
    "TopicReplyView",
    "follow",
    "membership_decide",
    "post_detail",
    "report_resolve",
    "topic_pdf",
    "unsubscribe",
]
