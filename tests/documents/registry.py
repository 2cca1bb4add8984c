"""The document library in the quality gates: its page types and who may open what."""

from django.urls import reverse

from documents.models import Category, Document
from tests import factories
from tests.registry import PageType, UrlRule, everyone, once

ALL_STATES = {"state_he": True, "state_ni": True, "state_nw": True}


@once
def _library() -> dict[str, Document]:
    """A small library: a SREK in two versions, toolbox items, minutes, a draft."""
    older = factories.document(
        "Strategisches Regionales Entwicklungskonzept (SREK)",
        slug="srek-entwurf",
        category=Category.SREK,
        version_label="Entwurf",
        description="Der Entwurf zur Beteiligung.",
        pages=3,
        **ALL_STATES,
    )
    current = factories.document(
        "Strategisches Regionales Entwicklungskonzept (SREK)",
        slug="srek",
        category=Category.SREK,
        version_label="Fassung 2024",
        featured=True,
        replaces=older,
        description="Das SREK bündelt **Maßnahmen** und Projekte der Region.",
        pages=6,
        **ALL_STATES,
    )
    # News that name the SREK: its page lists them with their dates.
    factories.article("Das SREK ist beschlossen").related_documents.add(current)
    toolbox = [
        factories.document(
            f"Argumentationshilfe {topic}",
            slug=f"werkzeugkasten-{slug}",
            category=Category.TOOLBOX,
            description=f"Argumente zum Thema {topic} für die Planung.",
            state_he=True,
            state_nw=True,
        )
        for topic, slug in [("Gewerbeflächen", "gewerbe"), ("Mobilität", "mobil")]
    ]
    factories.document(
        "Protokoll Nachbarschaftsforum", slug="protokoll", category=Category.MINUTES
    )
    draft = factories.document(
        "Unveröffentlichter Entwurf",
        slug="entwurf",
        status=Document.Status.DRAFT,
        category=Category.OTHER,
    )
    return {"older": older, "current": current, "toolbox": toolbox[0], "draft": draft}


def list_url() -> str:
    _library()
    return reverse("documents:document-list")


def toolbox_url() -> str:
    _library()
    return reverse("documents:document-list") + "?kategorie=werkzeugkasten"


def detail_url() -> str:
    return _library()["current"].get_absolute_url()


def replaced_url() -> str:
    return _library()["older"].get_absolute_url()


def no_kwargs() -> dict:
    return {}


def library_kwargs() -> dict:
    _library()
    return {}


def published_kwargs() -> dict:
    return {"slug": _library()["current"].slug}


def draft_kwargs() -> dict:
    return {"slug": _library()["draft"].slug}


def home_with_srek() -> str:
    factories.home_content()
    _library()
    return "/"


PAGE_TYPES = [
    PageType("home with the SREK", home_with_srek),
    PageType("document list", list_url),
    PageType("document list: toolbox", toolbox_url),
    PageType("document detail", detail_url),
    PageType("document detail: replaced version", replaced_url),
]

# Drafts: editors (staff with document permissions) see them to check them; for
# everyone else they do not exist.
DRAFT = everyone(404, editor=200, admin=200)

URL_RULES = [
    UrlRule("documents:document-list", library_kwargs, everyone(200)),
    UrlRule("documents:document-detail", published_kwargs, everyone(200)),
    UrlRule("documents:document-detail", draft_kwargs, DRAFT),
    UrlRule("documents:document-download", published_kwargs, everyone(200)),
    UrlRule("documents:document-download", draft_kwargs, DRAFT),
    UrlRule("documents:handout-pdf", library_kwargs, everyone(200)),
    UrlRule("srek", library_kwargs, everyone(302)),
    # Without a published featured SREK there is nothing to redirect to.
    UrlRule("srek", no_kwargs, everyone(404)),
    UrlRule(
        "admin:documents_document_changelist",
        library_kwargs,
        everyone(302, editor=200, admin=200),
    ),
    UrlRule(
        "admin:documents_document_add", no_kwargs, everyone(302, editor=200, admin=200)
    ),
]
