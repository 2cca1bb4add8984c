from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("profil/", views.ProfileUpdateView.as_view(), name="profile"),
    path("daten/", views.DataView.as_view(), name="data"),
    path("daten/herunterladen/", views.data_export, name="data-export"),
    path("loeschen/", views.account_delete, name="delete"),
]
