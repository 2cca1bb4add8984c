from django.urls import path

from . import feeds, views

app_name = "news"
urlpatterns = [
    path("", views.ArticleListView.as_view(), name="article-list"),
    path("feed/", feeds.LatestArticlesFeed(), name="feed-rss"),
    path("feed/atom/", feeds.LatestArticlesAtomFeed(), name="feed-atom"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="article-detail"),
    path("<slug:slug>/pdf/", views.article_pdf, name="article-pdf"),
]
