from django.urls import include, path

from . import views

app_name = "forums"

topic_patterns = [
    path("", views.topic_detail, name="topic-detail"),
    path("antworten/", views.topic_reply, name="topic-reply"),
    path("pdf/", views.topic_pdf, name="topic-pdf"),
    path("folgen/", views.topic_follow, name="topic-follow"),
    path("folgen/beenden/", views.topic_unfollow, name="topic-unfollow"),
    path("moderieren/", views.topic_moderate, name="topic-moderate"),
]

post_patterns = [
    path("", views.post_detail, name="post-detail"),
    path("bearbeiten/", views.post_edit, name="post-edit"),
    path("melden/", views.post_report, name="post-report"),
    path("verlauf/", views.post_history, name="post-history"),
    path("moderieren/", views.post_moderate, name="post-moderate"),
]

forum_patterns = [
    path("", views.forum_detail, name="forum-detail"),
    path("neu/", views.topic_create, name="topic-create"),
    path("folgen/", views.forum_follow, name="forum-follow"),
    path("folgen/beenden/", views.forum_unfollow, name="forum-unfollow"),
    path("mitgliedschaft/", views.membership_request, name="membership-request"),
    path("mitgliedschaft/<int:pk>/", views.membership_decide, name="membership-decide"),
    path("moderation/", views.moderation, name="moderation"),
    path(
        "moderation/meldungen/<int:pk>/",
        views.report_resolve,
        name="report-resolve",
    ),
    path("beitrag/<int:pk>/", include(post_patterns)),
    path("<int:pk>-<slug:slug>/", include(topic_patterns)),
]

urlpatterns = [
    path("", views.space_list, name="space-list"),
    # Before the forums: "abbestellen" is a reserved forum address.
    path("abbestellen/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("<slug:forum>/", include(forum_patterns)),
]
