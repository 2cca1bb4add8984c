"""News in the quality gates: every page type and URL of /aktuelles/."""

import datetime

from django.utils import timezone

from tests import factories
from tests.registry import (
    ADMIN,
    ANON,
    EDITOR,
    MEMBER,
    MODERATOR,
    ROLES,
    UNVERIFIED,
    USER,
    PageType,
    UrlRule,
    once,
)

EVERYONE = dict.fromkeys(ROLES, 200)
NOBODY = dict.fromkeys(ROLES, 404)
# Drafts and scheduled articles: the editors preview them, everyone else gets a 404.
EDITORS_ONLY = {
    **dict.fromkeys([ANON, UNVERIFIED, USER, MEMBER, MODERATOR], 404),
    EDITOR: 200,
    ADMIN: 200,
}


@once
def _news():
    """A few articles across categories, states and years; one with an image."""
    project = factories.news_category("Projekt")
    event = factories.news_category("Veranstaltung")
    factories.article(
        "Laden Sie das SREK herunter",
        category=project,
        featured=True,
        state_he=True,
        state_ni=True,
        state_nw=True,
    )
    pictured = factories.article(
        "Digitaler Auftakt mit mehr als 35 Teilnehmenden",
        category=event,
        state_he=True,
        state_ni=True,
        state_nw=True,
        published_at=datetime.datetime(2022, 3, 31, 9, tzinfo=datetime.UTC),
        body="## Atlas der Region\n\nEin **erster Blick** auf die [Daten](/dokumente/).",
        image=factories.image_upload(size=(1600, 900)),
        image_alt="Schematische Karte der drei Länder",
    )
    plain = factories.article(
        "Nachbarschaftsforum in Uslar",
        category=event,
        state_ni=True,
        published_at=datetime.datetime(2022, 12, 7, 9, tzinfo=datetime.UTC),
    )
    plain.related_documents.add(factories.document("SREK"))
    factories.draft("Unternehmensforum (Entwurf)", slug="entwurf")
    factories.article(
        "Geplante Nachricht",
        slug="geplant",
        published_at=timezone.now() + datetime.timedelta(days=7),
    )
    return pictured, plain


def list_page():
    _news()
    return "/aktuelles/"


def filtered_list_page():
    _news()
    return "/aktuelles/?kategorie=veranstaltung&land=NI&jahr=2022"


def article_page():
    return _news()[1].get_absolute_url()


def article_with_image_page():
    return _news()[0].get_absolute_url()


def published_kwargs():
    return {"slug": _news()[1].slug}


def draft_kwargs():
    _news()
    return {"slug": "entwurf"}


def scheduled_kwargs():
    _news()
    return {"slug": "geplant"}


def no_kwargs():
    _news()
    return {}


PAGE_TYPES = [
    PageType("news list", list_page),
    PageType("news list, filtered", filtered_list_page),
    PageType("news article", article_page),
    PageType("news article with image", article_with_image_page),
]

URL_RULES = [
    UrlRule("news:article-list", no_kwargs, EVERYONE),
    UrlRule("news:article-detail", published_kwargs, EVERYONE),
    UrlRule("news:article-detail", draft_kwargs, EDITORS_ONLY),
    UrlRule("news:article-detail", scheduled_kwargs, EDITORS_ONLY),
    UrlRule("news:article-pdf", published_kwargs, EVERYONE),
    UrlRule("news:article-pdf", draft_kwargs, NOBODY),
    UrlRule("news:article-pdf", scheduled_kwargs, NOBODY),
    UrlRule("news:feed-rss", no_kwargs, EVERYONE),
    UrlRule("news:feed-atom", no_kwargs, EVERYONE),
]
