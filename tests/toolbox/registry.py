"""The Werkzeugkasten in the quality gates: its page types and who may open what."""

import datetime

from django.urls import reverse

from tests import factories
from tests.registry import MODERATOR, PageType, UrlRule, everyone, once
from toolbox import services


@once
def _cards():
    """Cards across topics, states and stages of agreement; one draft, one
    withdrawn after its first version."""
    forum = factories.forum(name="Fachforum Mobilität", slug="fachforum-mobilitaet")
    topic = factories.forum_topic(
        forum, title="Bus über die Landesgrenze", notify=False
    )
    document = factories.document("Argumentationshilfe Mobilität", slug="wz-mobil")
    agreed = factories.argument_card(
        "Buslinien über die Landesgrenze",
        slug="buslinien",
        topic="mobilitaet",
        status="abgestimmt",
        agreed_on=datetime.date(2025, 3, 12),
        agreed_by=forum,
        reasoning="Drei Verbünde treffen in der Region zusammen.",
        forum_topics=[topic],
        events=[factories.event("Fachforum Mobilität online")],
        contacts=[factories.contact_person("Mobilitätsplanung Kreis Höxter")],
        document_sources=[{"document": document, "pages": "2", "note": "Kapitel 1"}],
        citations=[
            {
                "title": "Landes-Raumordnungsprogramm Niedersachsen",
                "publisher": "Land Niedersachsen",
                "year": 2022,
                "url": "https://www.mooris-niedersachsen.de/",
            }
        ],
    )
    factories.argument_card(
        "Gewerbegebiete gemeinsam",
        slug="gewerbegebiete",
        topic="gewerbeflaechen",
        status="in-abstimmung",
        states=("HE", "NW"),
    )
    factories.argument_card(
        "Leerstandskataster", slug="leerstand", topic="siedlungsentwicklung"
    )
    factories.argument_card("Entwurf einer Karte", slug="entwurf", publish=False)
    withdrawn = factories.argument_card("Zurückgezogen", slug="zurueckgezogen")
    services.card_withdraw(card=withdrawn)
    return agreed


def no_kwargs():
    _cards()
    return {}


def card_kwargs():
    return {"slug": _cards().slug}


def draft_kwargs():
    _cards()
    return {"slug": "entwurf"}


def version_kwargs():
    return {"slug": _cards().slug, "number": 1}


def withdrawn_version_kwargs():
    _cards()
    return {"slug": "zurueckgezogen", "number": 1}


def topic_kwargs(*, user=None, role=None):
    forum = factories.forum()
    topic = factories.forum_topic(forum, notify=False)
    if role == MODERATOR:
        factories.forum_moderator(forum, user)
    return {"pk": topic.pk}


def admin_kwargs():
    return {"object_id": _cards().pk}


READ = everyone(200)
EDITORS_ONLY = everyone(404, editor=200, admin=200)
ADMIN_PAGE = everyone(302, editor=200, admin=200)

URL_RULES = [
    UrlRule("toolbox:card-list", no_kwargs, READ),
    UrlRule("toolbox:handout-pdf", no_kwargs, READ),
    UrlRule("toolbox:feed-rss", no_kwargs, READ),
    UrlRule("toolbox:card-detail", card_kwargs, READ),
    UrlRule("toolbox:card-detail", draft_kwargs, EDITORS_ONLY),
    UrlRule("toolbox:card-pdf", card_kwargs, READ),
    UrlRule("toolbox:card-pdf", draft_kwargs, EDITORS_ONLY),
    UrlRule("toolbox:card-version", version_kwargs, READ),
    UrlRule("toolbox:card-version", withdrawn_version_kwargs, EDITORS_ONLY),
    # A forum's moderators draft a card from its topic (302 to the admin or the
    # card); anonymous readers are sent to the login (302); nobody else learns it.
    UrlRule(
        "toolbox:card-from-topic",
        topic_kwargs,
        everyone(404, anonymous=302, moderator=302, admin=302),
        method="post",
    ),
    UrlRule("admin:toolbox_argumentcard_changelist", no_kwargs, ADMIN_PAGE),
    UrlRule("admin:toolbox_argumentcard_change", admin_kwargs, ADMIN_PAGE),
]


# --- page types ---------------------------------------------------------------


def list_page():
    _cards()
    return reverse("toolbox:card-list")


def filtered_list_page():
    _cards()
    return reverse("toolbox:card-list") + "?land=NI&thema=mobilitaet"


def card_page():
    return _cards().get_absolute_url() + "?land=HE"


def forum_topic_page():
    """The forum topic a card came from lists the card."""
    return _cards().forum_topics.get().get_absolute_url()


def version_page():
    return reverse("toolbox:card-version", kwargs=version_kwargs())


PAGE_TYPES = [
    PageType("toolbox list", list_page),
    PageType("toolbox list, for one state and topic", filtered_list_page),
    PageType("toolbox card", card_page),
    PageType("toolbox card version", version_page),
    PageType("toolbox: forum topic with its argument card", forum_topic_page),
]
