from django.urls import path

from . import views

app_name = "contacts"
urlpatterns = [
    path("", views.PersonListView.as_view(), name="person-list"),
    path("verzeichnis.pdf", views.directory_pdf, name="directory-pdf"),
    path(
        "organisationen/<slug:slug>/",
        views.OrganisationDetailView.as_view(),
        name="organisation-detail",
    ),
    path(
        "organisationen/<slug:slug>/vcard/",
        views.organisation_vcard,
        name="organisation-vcard",
    ),
    path("<slug:slug>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("<slug:slug>/vcard/", views.person_vcard, name="person-vcard"),
]
