from django.urls import path

from . import feeds, views

app_name = "toolbox"
urlpatterns = [
    path("", views.CardListView.as_view(), name="card-list"),
    path("pdf/", views.handout_pdf, name="handout-pdf"),
    path("feed/", feeds.AgreedCardsFeed(), name="feed-rss"),
    path("aus-thema/<int:pk>/", views.card_from_topic, name="card-from-topic"),
    path("<slug:slug>/", views.CardDetailView.as_view(), name="card-detail"),
    path("<slug:slug>/pdf/", views.card_pdf, name="card-pdf"),
    path(
        "<slug:slug>/fassung/<int:number>/",
        views.CardVersionView.as_view(),
        name="card-version",
    ),
]
