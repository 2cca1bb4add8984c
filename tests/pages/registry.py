"""The editor-kept pages in the quality gates."""

from tests import factories
from tests.registry import PageType, UrlRule, everyone

# The pages of the URL map; each page type is one of them with realistic content.
SLUGS = {
    "projekt": "Projekt „(Wirtschafts-) Region der Mitte“",
    "region-gestalten": "…kurz erklärt: Region gestalten",
    "impressum": "Impressum",
    "datenschutz": "Datenschutzerklärung",
    "barrierefreiheit": "Erklärung zur Barrierefreiheit",
    "leichte-sprache": "Leichte Sprache",
}
# The project page carries a text in Leichte Sprache: its block is checked too.
EASY_TEXT = {
    "projekt": "Das Projekt heißt: Region der Mitte.\nEs hat im November 2021 angefangen."
    "\n\n- Hessen\n- Niedersachsen\n- Nordrhein-Westfalen",
}


def page_url(slug: str):
    def setup() -> str:
        factories.operator()
        easy_text = EASY_TEXT.get(slug, "")
        page = factories.page(slug, title=SLUGS[slug], easy_text=easy_text)
        return page.get_absolute_url()

    return setup


def page_kwargs() -> dict:
    return {"slug": factories.page("impressum", title=SLUGS["impressum"]).slug}


def archived_topic_url() -> str:
    """A forum topic in archive mode: the banner, and the note instead of the reply
    form. Isolated: archive mode changes every other page too."""
    factories.operator()
    factories.archive()
    return factories.forum_topic(replies=2).get_absolute_url()


def contact_form() -> str:
    factories.operator()
    return "/kontakt/?betreff=Barriere%20melden"


def sign_language_videos() -> str:
    factories.operator()
    for position, title in enumerate(
        ["Was bietet das Portal?", "So finden Sie sich zurecht"], start=1
    ):
        factories.sign_language_video(title, position=position)
    return "/gebaerdensprache/"


def sign_language_without_videos() -> str:
    factories.operator()
    return "/gebaerdensprache/"


PAGE_TYPES = [
    *(PageType(f"page {slug}", page_url(slug)) for slug in SLUGS),
    PageType("archive mode: topic", archived_topic_url, isolated=True),
    PageType("contact form", contact_form, sets_cookie=True),
    PageType("sign language videos", sign_language_videos),
    # No video at all: a database of its own, as the shared one has videos.
    PageType(
        "sign language without videos", sign_language_without_videos, isolated=True
    ),
]

URL_RULES = [
    UrlRule("pages:contact", lambda: {}, everyone(200)),
    UrlRule("pages:page-detail", page_kwargs, everyone(200)),
    # A slug no page has is a 404, for everyone.
    UrlRule("pages:page-detail", lambda: {"slug": "gibt-es-nicht"}, everyone(404)),
    UrlRule("pages:sign-language", lambda: {}, everyone(200)),
]
