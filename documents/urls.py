from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.DocumentListView.as_view(), name="document-list"),
    path("werkzeugkasten/handout.pdf", views.handout_pdf, name="handout-pdf"),
    path("<slug:slug>/", views.DocumentDetailView.as_view(), name="document-detail"),
    path("<slug:slug>/download/", views.document_download, name="document-download"),
]
