"""What the forums keep about a person, for their data export (Art. 15, 20 DSGVO)."""

from .models import (
    ForumSubscription,
    Membership,
    Post,
    Report,
    Topic,
    TopicSubscription,
)


def user_data(user) -> dict:
    """Topics, posts (with earlier versions), follows, memberships and reports."""
    posts = Post.objects.filter(author=user).select_related("topic__forum")
    return {
        "topics": [
            {
                "title": topic.title,
                "forum": topic.forum.name,
                "created_at": topic.created_at.isoformat(),
                "url": topic.get_absolute_url(),
            }
            for topic in Topic.objects.filter(author=user).select_related("forum")
        ],
        "posts": [
            {
                "topic": post.topic.title,
                "forum": post.topic.forum.name,
                "created_at": post.created_at.isoformat(),
                "edited_at": post.edited_at.isoformat() if post.edited_at else None,
                "text": post.body,
                "hidden": post.is_hidden,
                "earlier_versions": [
                    {"text": r.body, "replaced_at": r.created_at.isoformat()}
                    for r in post.revisions.all()
                ],
            }
            for post in posts.prefetch_related("revisions")
        ],
        "followed_topics": [
            {"topic": s.topic.title, "since": s.created_at.isoformat()}
            for s in TopicSubscription.objects.filter(user=user).select_related("topic")
        ],
        "followed_forums": [
            {"forum": s.forum.name, "since": s.created_at.isoformat()}
            for s in ForumSubscription.objects.filter(user=user).select_related("forum")
        ],
        "memberships": [
            {
                "forum": m.forum.name,
                "status": m.status,
                "reason": m.reason,
                "requested_at": m.requested_at.isoformat(),
                "decided_at": m.decided_at.isoformat() if m.decided_at else None,
                "message": m.decision_note,
            }
            for m in Membership.objects.filter(user=user).select_related("forum")
        ],
        "reports": [
            {
                "topic": r.post.topic.title,
                "reason": r.reason,
                "reported_at": r.created_at.isoformat(),
                "status": r.status,
            }
            for r in Report.objects.filter(reporter=user).select_related("post__topic")
        ],
    }
