"""The editor-kept pages in the quality gates."""

import datetime

from pages.services import archive_switch
from tests import factories
from tests.registry import PageType, UrlRule, everyone

# The pages of the URL map; each page type is one of them with realistic content.
SLUGS = {
    "projekt": "Projekt „(Wirtschafts-) Region der Mitte“",
    "region-gestalten": "…kurz erklärt: Region gestalten",
    "impressum": "Impressum",
    "datenschutz": "Datenschutzerklärung",
    "barrierefreiheit": "Erklärung zur Barrierefreiheit",
}


def page_url(slug: str):
    def setup() -> str:
        factories.operator()
        return factories.page(slug, title=SLUGS[slug]).get_absolute_url()

    return setup


def page_kwargs() -> dict:
    return {"slug": factories.page("impressum", title=SLUGS["impressum"]).slug}


def archived_topic_url() -> str:
    """A forum topic in archive mode: the banner, and the note instead of the reply
    form. Isolated: archive mode changes every other page too."""
    factories.operator()
    archive_switch(
        active=True,
        since=datetime.date(2024, 5, 31),
        banner="Vielen Dank an alle, die mitgemacht haben.",
        successor_name="Region Kassel-Land e.V.",
        successor_url="https://www.regionkasselland.de/",
    )
    return factories.forum_topic(replies=2).get_absolute_url()


def contact_form() -> str:
    factories.operator()
    return "/kontakt/?betreff=Barriere%20melden"


PAGE_TYPES = [
    *(PageType(f"page {slug}", page_url(slug)) for slug in SLUGS),
    PageType("archive mode: topic", archived_topic_url, isolated=True),
    PageType("contact form", contact_form, sets_cookie=True),
]

URL_RULES = [
    UrlRule("pages:contact", lambda: {}, everyone(200)),
    UrlRule("pages:page-detail", page_kwargs, everyone(200)),
    # A slug no page has is a 404, for everyone.
    UrlRule("pages:page-detail", lambda: {"slug": "gibt-es-nicht"}, everyone(404)),
]
