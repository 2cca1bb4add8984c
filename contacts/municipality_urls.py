"""/wer-ist-zustaendig/: the contacts app's answer by municipality, under its own
address (and namespace) beside the directory's /ansprechpersonen/."""

from django.urls import path

from . import views

app_name = "municipalities"
urlpatterns = [
    path("", views.municipality_search, name="search"),
    path("<slug:slug>/", views.MunicipalityDetailView.as_view(), name="detail"),
    path("<slug:slug>/pdf/", views.municipality_pdf, name="pdf"),
]
