from django.urls import path

from . import views

app_name = "pages"
urlpatterns = [
    path("kontakt/", views.contact, name="contact"),
    path("gebaerdensprache/", views.SignLanguageView.as_view(), name="sign-language"),
    path("<slug:slug>/", views.PageDetailView.as_view(), name="page-detail"),
]
