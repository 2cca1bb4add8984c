from django.urls import path

from . import views

app_name = "newsletter"
urlpatterns = [
    path("", views.SubscribeView.as_view(), name="subscribe"),
    path("bestaetigen/<str:token>/", views.confirm, name="confirm"),
    path("abbestellen/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("archiv/", views.IssueListView.as_view(), name="issue-list"),
    path("archiv/<int:pk>/", views.IssueDetailView.as_view(), name="issue-detail"),
]
