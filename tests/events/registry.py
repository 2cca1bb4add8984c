"""Events in the quality gates: every page type and URL of /veranstaltungen/ and the
organisers' admin views."""

from django.core import mail

from events import services
from events.models import Event
from tests import factories
from tests.registry import MEMBER, PageType, UrlRule, everyone, once


@once
def _events():
    """Upcoming and past events across spaces, formats and states; one nearly full."""
    neighbours = factories.event_space("nachbarschaftsforum")
    business = factories.event_space("unternehmensforum")
    nearly_full = factories.event(
        "Nachbarschaftsforum: Gemeinsam mobil",
        space=neighbours,
        capacity=3,
        state_he=True,
        state_nw=True,
        accessibility="Barrierefrei zugänglich, Induktionsschleife.",
        description="## Programm\n\n- Begrüßung\n- Werkstatt in drei Gruppen",
        ask_organisation=Event.Ask.OPTIONAL,
    )
    for _ in range(2):
        factories.registration(nearly_full)
    factories.event(
        "Unternehmensforum: Energie",
        days=30,
        format=Event.Format.HYBRID,
        space=business,
        state_ni=False,
        state_he=True,
    )
    cancelled = factories.event("Abgesagtes Treffen", days=40)
    services.event_cancel(event=cancelled, reason="Die Halle ist gesperrt.")
    past = factories.past_event(
        "Fachforum Gewerbe in Beverungen",
        space=neighbours,
        summary="Ein **digitaler Gewerbeflächenpool** wurde vorgeschlagen.",
    )
    past.documents.add(
        factories.document("Protokoll Fachforum", category="protokoll"),
        factories.document("Folien Fachforum", category="praesentation"),
    )
    past.recap_article = factories.article("Bericht aus Beverungen")
    services.event_save(event=past)
    factories.event("Entwurf einer Veranstaltung", slug="entwurf", status="draft")
    mail.outbox.clear()
    return nearly_full, past


@once
def _members_event(*, user=None, role=None):
    forum = factories.forum(members_post=True)
    event = factories.event(
        "Fachforum Mobilität (nur Mitglieder)",
        access=Event.Access.MEMBERS,
        forum=forum,
        space=forum.space,
        format=Event.Format.ONLINE,
    )
    if role == MEMBER:
        factories.forum_membership(forum=forum, user=user)
    return event


@once
def _few():
    """For the permission matrix (run once per role): one of each kind, cheaply."""
    upcoming = factories.event("Nachbarschaftsforum", capacity=2)
    factories.registration(upcoming)
    past = factories.past_event("Fachforum", summary="Ergebnisse.")
    factories.event("Entwurf", slug="entwurf-kurz", status="draft")
    mail.outbox.clear()
    return upcoming, past


def no_kwargs():
    _few()
    return {}


def upcoming_kwargs():
    return {"slug": _few()[0].slug}


def past_kwargs():
    return {"slug": _few()[1].slug}


def draft_kwargs():
    _few()
    return {"slug": "entwurf-kurz"}


def members_kwargs(*, user=None, role=None):
    return {"slug": _members_event(user=user, role=role).slug}


def _token(purpose: str):
    def setup():
        event = _few()[0]
        registration = services.registration_request(
            event=event, name="Gast", email="gast@example.org"
        )
        return {"token": services.registration_token(registration, purpose)}

    return setup


def admin_kwargs():
    return {"pk": _few()[0].pk}


READ = everyone(200)
EDITORS_ONLY = everyone(404, editor=200, admin=200)
# One click: signed-in people are registered and sent back to the page (302),
# signed-out ones to the login (302); either way a redirect.
ONE_CLICK = everyone(302)
GUEST_FORM = everyone(
    200, unverified=302, user=302, member=302, moderator=302, editor=302, admin=302
)
ORGANISERS = everyone(302, editor=200, admin=200)

URL_RULES = [
    UrlRule("events:event-list", no_kwargs, READ),
    UrlRule("events:event-archive", no_kwargs, READ),
    UrlRule("events:calendar", no_kwargs, READ),
    UrlRule("events:feed-rss", no_kwargs, READ),
    UrlRule("events:feed-atom", no_kwargs, READ),
    UrlRule("events:event-detail", upcoming_kwargs, READ),
    UrlRule("events:event-detail", past_kwargs, READ),
    UrlRule("events:event-detail", draft_kwargs, EDITORS_ONLY),
    UrlRule("events:event-calendar", upcoming_kwargs, READ),
    UrlRule("events:event-calendar", draft_kwargs, everyone(404)),
    UrlRule("events:guest-register", upcoming_kwargs, GUEST_FORM),
    UrlRule(
        "events:guest-register", draft_kwargs, everyone(404, editor=302, admin=302)
    ),
    UrlRule("events:register", upcoming_kwargs, ONE_CLICK, method="post"),
    UrlRule("events:register", members_kwargs, ONE_CLICK, method="post"),
    UrlRule(
        "events:register",
        draft_kwargs,
        everyone(404, editor=302, admin=302),
        method="post",
    ),
    UrlRule("events:unregister", upcoming_kwargs, ONE_CLICK, method="post"),
    # Only one's own registration is cancelled: without one, back to the event (or
    # to the login); the page that asks is a page type below.
    UrlRule("events:unregister", upcoming_kwargs, everyone(302)),
    UrlRule("events:registration-confirm", _token("confirm"), READ),
    UrlRule("events:registration-confirm", _token("cancel"), everyone(404)),
    UrlRule("events:registration-cancel", _token("cancel"), READ),
    UrlRule("events:registration-cancel", _token("confirm"), everyone(404)),
    UrlRule("admin:events_event_participants_csv", admin_kwargs, ORGANISERS),
    UrlRule("admin:events_event_signin_pdf", admin_kwargs, ORGANISERS),
    UrlRule("admin:events_event_message", admin_kwargs, ORGANISERS),
]


# --- page types ---------------------------------------------------------------


def list_page():
    _events()
    return "/veranstaltungen/"


def filtered_list_page():
    _events()
    return "/veranstaltungen/?bereich=nachbarschaftsforum&land=HE&format=vor-ort"


def archive_page():
    _events()
    return "/veranstaltungen/archiv/"


def upcoming_page():
    return _events()[0].get_absolute_url()


def past_page():
    return _events()[1].get_absolute_url()


def members_page(*, user=None):
    return _members_event().get_absolute_url()


def guest_form_page():
    return f"{_events()[0].get_absolute_url()}anmelden/"


def hybrid_form_page():
    """A hybrid event's form: "on site or online" as radio buttons in a fieldset."""
    _events()
    hybrid = Event.objects.get(format=Event.Format.HYBRID, status="published")
    return f"{hybrid.get_absolute_url()}anmelden/"


def confirm_page():
    return _url("events:registration-confirm", _token("confirm")())


def cancel_page():
    return _url("events:registration-cancel", _token("cancel")())


def unregister_page(*, user=None):
    event = factories.event("Werkstatt Radverkehr", capacity=20)
    factories.registration(event, user=user)
    return _url("events:unregister", {"slug": event.slug})


def invalid_cancel_page():
    return _url("events:registration-cancel", {"token": "xyz"})


def _url(name, kwargs):
    from django.urls import reverse

    return reverse(name, kwargs=kwargs)


PAGE_TYPES = [
    PageType("events list", list_page),
    PageType("events list, filtered", filtered_list_page),
    PageType("events archive", archive_page),
    PageType("event, upcoming with registration", upcoming_page),
    PageType("event, past with documentation", past_page),
    PageType("event, members only", members_page),
    PageType(
        "event registration form", guest_form_page, signed_in=False, sets_cookie=True
    ),
    PageType(
        "event registration form, hybrid",
        hybrid_form_page,
        signed_in=False,
        sets_cookie=True,
    ),
    PageType("event registration confirm", confirm_page, sets_cookie=True),
    PageType("event registration cancel", cancel_page, sets_cookie=True),
    PageType(
        "event registration cancel, invalid link", invalid_cancel_page, status=404
    ),
    PageType(
        "event registration cancel, signed in",
        unregister_page,
        signed_out=False,
        sets_cookie=True,
    ),
]
