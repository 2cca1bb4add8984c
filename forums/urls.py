from django.urls import include, path

from . import feeds, views

app_name = "forums"

topic_patterns = [
    path("", views.TopicDetailView.as_view(), name="topic-detail"),
    path("antworten/", views.TopicReplyView.as_view(), name="topic-reply"),
    path("pdf/", views.topic_pdf, name="topic-pdf"),
    path("feed/", feeds.TopicPostsFeed(), name="topic-feed"),
    path("folgen/", views.follow, {"following": True}, name="topic-follow"),
    path("folgen/beenden/", views.follow, {"following": False}, name="topic-unfollow"),
    path("moderieren/", views.TopicModerateView.as_view(), name="topic-moderate"),
]

post_patterns = [
    path("", views.post_detail, name="post-detail"),
    path("bearbeiten/", views.PostEditView.as_view(), name="post-edit"),
    path("melden/", views.PostReportView.as_view(), name="post-report"),
    path("verlauf/", views.PostHistoryView.as_view(), name="post-history"),
    path("moderieren/", views.PostModerateView.as_view(), name="post-moderate"),
]

forum_patterns = [
    path("", views.ForumDetailView.as_view(), name="forum-detail"),
    path("neu/", views.TopicCreateView.as_view(), name="topic-create"),
    path("feed/", feeds.ForumTopicsFeed(), name="forum-feed"),
    path("folgen/", views.follow, {"following": True}, name="forum-follow"),
    path("folgen/beenden/", views.follow, {"following": False}, name="forum-unfollow"),
    path(
        "mitgliedschaft/",
        views.MembershipRequestView.as_view(),
        name="membership-request",
    ),
    path("mitgliedschaft/<int:pk>/", views.membership_decide, name="membership-decide"),
    path("moderation/", views.ModerationDeskView.as_view(), name="moderation"),
    path(
        "moderation/meldungen/<int:pk>/",
        views.report_resolve,
        name="report-resolve",
    ),
    path("beitrag/<int:pk>/", include(post_patterns)),
    path("<int:pk>-<slug:slug>/", include(topic_patterns)),
]

urlpatterns = [
    path("", views.SpaceListView.as_view(), name="space-list"),
    # Before the forums: "abbestellen" is a reserved forum address.
    path("abbestellen/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("<slug:forum>/", include(forum_patterns)),
]
