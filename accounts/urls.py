from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("profil/", views.ProfileUpdateView.as_view(), name="profile"),
    path("zugehoerigkeiten/", views.AffiliationListView.as_view(), name="affiliations"),
    path(
        "zugehoerigkeiten/<int:pk>/",
        views.affiliation_settings,
        name="affiliation-settings",
    ),
    path(
        "zugehoerigkeiten/<int:pk>/beenden/",
        views.affiliation_end_view,
        name="affiliation-end",
    ),
    path(
        "zugehoerigkeiten/pruefen/",
        views.AffiliationReviewListView.as_view(),
        name="affiliation-review-list",
    ),
    path(
        "zugehoerigkeiten/<int:pk>/pruefen/",
        views.AffiliationReviewView.as_view(),
        name="affiliation-review",
    ),
    path("daten/", views.DataView.as_view(), name="data"),
    path("daten/herunterladen/", views.data_export, name="data-export"),
    path("loeschen/", views.account_delete, name="delete"),
]
