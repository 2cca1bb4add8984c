"""What the search covers: one kind per searchable model.

The apps know nothing of search; search reads them. Who may see what is never decided
here: every kind starts from its app's own QuerySet method (`published()`,
`visible_to(user)`), the same rule the app's pages use.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.contrib.postgres.search import SearchVectorField
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Func,
    Model,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Left
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from contacts.models import Person
from core.states import STATE_FIELDS, State
from documents.models import Document, Passage
from forums.models import POSTS_PER_PAGE, Post
from news.models import Article

from .snippets import Highlighter, collapse, plain_text

# On SQLite a document's snippet is looked for in the start of its text: the page
# needs a passage, not the whole of a 300-page PDF.
DOCUMENT_SNIPPET_SOURCE = 200_000
_STATE_FIELDS = ("state_he", "state_ni", "state_nw")


@dataclass
class Hit:
    """One result as the page shows it."""

    title: SafeString
    url: str
    snippet: SafeString
    # What the state badges are read from (the item, or a post's topic).
    states_of: object
    date: date | datetime | None = None
    details: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Kind:
    slug: str  # the value of ?typ=
    label: Promise  # a heading: "Nachrichten"
    singular: Promise  # one hit: "Nachricht"
    model: type[Model]
    visible: Callable[..., QuerySet]  # (user) -> what the user may see
    newest_first: tuple[str, ...]
    # For the simpler match on SQLite: where a hit's title and text are.
    title_lookups: tuple[str, ...]
    text_lookups: tuple[str, ...]
    # The columns and relations of a hit (given the prepared queries; None on
    # SQLite).
    display: Callable[[QuerySet, Any], QuerySet]
    hit: Callable[[Model, Highlighter], Hit]
    browse_route: str  # the app's own list, offered when nothing is found
    browse_label: Promise
    state_path: str = ""  # where the state columns are, seen from the model
    # Narrows to the rows that match on PostgreSQL (given the prepared queries);
    # the default reads the row's own vectors.
    full_text_match: Callable[[QuerySet, Any], QuerySet] | None = None

    def filter_state(self, queryset: QuerySet, state: str) -> QuerySet:
        return queryset.filter(
            **{f"{self.state_path}{STATE_FIELDS[State(state)]}": True}
        )

    def matches(self, queryset: QuerySet, prepared) -> QuerySet:
        if self.full_text_match is not None:
            return self.full_text_match(queryset, prepared)
        return queryset.filter(prepared.condition())


# --- news -------------------------------------------------------------------


def _articles(queryset, prepared):
    return queryset.select_related("category").only(
        "title",
        "slug",
        "teaser",
        "body_html",
        "published_at",
        *_STATE_FIELDS,
        "category__name",
    )


def _article_hit(article, highlighter):
    return Hit(
        title=highlighter.mark(article.title),
        url=article.get_absolute_url(),
        snippet=highlighter.snippet(
            f"{article.teaser} {plain_text(article.body_html)}"
        ),
        states_of=article,
        date=article.published_at,
        details=[article.category.name],
    )


NEWS = Kind(
    slug="nachrichten",
    label=_("News articles"),
    singular=_("News article"),
    model=Article,
    visible=lambda user: Article.objects.published(),
    newest_first=("-published_at", "-pk"),
    title_lookups=("title",),
    text_lookups=("title", "teaser", "body"),
    display=_articles,
    hit=_article_hit,
    browse_route="news:article-list",
    browse_label=_("News"),
)


# --- documents --------------------------------------------------------------


class OwnText(Func):
    """The part of a passage's vector that comes from its own text (weight C), not
    from the document's title and description that every passage carries."""

    template = "ts_filter(%(expressions)s, '{c}')"
    output_field = SearchVectorField()


def _document_match(queryset, prepared):
    # A document matches when one of its passages does (see documents.Passage).
    passages = Passage.objects.filter(prepared.condition(), document=OuterRef("pk"))
    return queryset.filter(Exists(passages))


def _documents(queryset, prepared):
    queryset = queryset.only(
        "title",
        "slug",
        "description_html",
        "category",
        "published_on",
        "version_label",
        *_STATE_FIELDS,
    )
    if prepared is None:
        return queryset.annotate(snippet_source=Left("text", DOCUMENT_SNIPPET_SOURCE))
    # The first passage whose own text has the words; else the first that matches
    # by the title or description.
    passage = (
        Passage.objects.filter(prepared.condition(), document=OuterRef("pk"))
        .alias(own=OwnText(F("search_vector")))
        .order_by(
            Case(When(own=prepared.rank, then=Value(0)), default=Value(1)), "number"
        )
        .values("text")[:1]
    )
    return queryset.annotate(snippet_source=Subquery(passage))


def _document_hit(document, highlighter):
    description = plain_text(document.description_html)
    text = f"{description} {document.snippet_source or ''}"
    details = [document.get_category_display()]
    if document.version_label:
        details.append(document.version_label)
    return Hit(
        title=highlighter.mark(document.title),
        url=document.get_absolute_url(),
        snippet=highlighter.snippet(text),
        states_of=document,
        date=document.published_on,
        details=details,
    )


DOCUMENTS = Kind(
    slug="dokumente",
    label=_("Documents"),
    singular=_("Document"),
    model=Document,
    # Current versions and replaced ones: a reader may look for an older edition.
    visible=lambda user: Document.objects.published(),
    newest_first=("-published_on", "-pk"),
    title_lookups=("title",),
    text_lookups=("title", "description", "text"),
    display=_documents,
    hit=_document_hit,
    full_text_match=_document_match,
    browse_route="documents:document-list",
    browse_label=_("Documents"),
)


# --- forums -----------------------------------------------------------------


def _posts(queryset, prepared):
    # Which page of its topic a post is on: the posts before it, as the topic page
    # counts them (hidden ones keep their place there).
    before = (
        Post.objects.filter(topic_id=OuterRef("topic_id"), pk__lt=OuterRef("pk"))
        .order_by()
        .values("topic_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        queryset.select_related("topic__forum")
        .only(
            "body_html",
            "created_at",
            "topic__title",
            "topic__slug",
            *(f"topic__{name}" for name in _STATE_FIELDS),
            "topic__forum__slug",
            "topic__forum__name",
        )
        .annotate(posts_before=Subquery(before))
    )


def _post_hit(post, highlighter):
    topic = post.topic
    before = post.posts_before or 0
    page = before // POSTS_PER_PAGE + 1
    query = f"?seite={page}" if page > 1 else ""
    details = [topic.forum.name]
    return Hit(
        title=highlighter.mark(topic.title),
        url=f"{topic.get_absolute_url()}{query}#beitrag-{post.pk}",
        snippet=highlighter.snippet(plain_text(post.body_html)),
        states_of=topic,
        date=post.created_at,
        details=details,
    )


POSTS = Kind(
    slug="forenbeitraege",
    label=_("Forum posts"),
    singular=_("Forum post"),
    model=Post,
    # No hidden posts, no hidden topics, no closed forums for outsiders.
    visible=lambda user: Post.objects.visible_to(user),
    # Post ids grow with time: the primary key is the cheapest order.
    newest_first=("-pk",),
    title_lookups=("topic__title",),
    text_lookups=("topic__title", "body"),
    display=_posts,
    hit=_post_hit,
    browse_route="forums:space-list",
    browse_label=_("Forums"),
    state_path="topic__",
)


# --- contacts ---------------------------------------------------------------


def _persons(queryset, prepared):
    return (
        queryset.select_related("organisation")
        .prefetch_related("topics")
        .only(
            "name",
            "slug",
            "function",
            *_STATE_FIELDS,
            "organisation__name",
            "organisation__city",
        )
    )


def _person_hit(person, highlighter):
    topics = ", ".join(topic.name for topic in person.topics.all())
    parts = [person.function, person.organisation.name, topics]
    return Hit(
        title=highlighter.mark(person.name),
        url=person.get_absolute_url(),
        snippet=highlighter.snippet(collapse(" · ".join(p for p in parts if p))),
        states_of=person,
    )


PERSONS = Kind(
    slug="ansprechpersonen",
    label=_("Contact persons"),
    singular=_("Contact person"),
    model=Person,
    visible=lambda user: Person.objects.published(),
    newest_first=("-pk",),
    title_lookups=("name",),
    text_lookups=(
        "name",
        "function",
        "organisation__name",
        "organisation__city",
        "topics__name",
    ),
    display=_persons,
    hit=_person_hit,
    browse_route="contacts:person-list",
    browse_label=_("Contacts"),
)


KINDS = (NEWS, DOCUMENTS, POSTS, PERSONS)
KINDS_BY_SLUG = {kind.slug: kind for kind in KINDS}
