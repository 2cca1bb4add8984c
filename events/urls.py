from django.urls import path

from . import feeds, views

app_name = "events"
urlpatterns = [
    path("", views.EventListView.as_view(), name="event-list"),
    path("archiv/", views.EventArchiveView.as_view(), name="event-archive"),
    path("kalender.ics", views.calendar_all, name="calendar"),
    path("feed/", feeds.UpcomingEventsFeed(), name="feed-rss"),
    path("feed/atom/", feeds.UpcomingEventsAtomFeed(), name="feed-atom"),
    path(
        "anmeldung/<str:token>/bestaetigen/",
        views.confirm,
        name="registration-confirm",
    ),
    path("anmeldung/<str:token>/abmelden/", views.cancel, name="registration-cancel"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="event-detail"),
    path("<slug:slug>/kalender.ics", views.calendar_event, name="event-calendar"),
    path("<slug:slug>/anmelden/", views.guest_register, name="guest-register"),
    path("<slug:slug>/teilnehmen/", views.register, name="register"),
    path("<slug:slug>/absagen/", views.unregister, name="unregister"),
]
