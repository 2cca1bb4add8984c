"""What the search covers: one kind per searchable model.

The apps know nothing of search; search reads them. Who may see what is never decided
here: every kind starts from its app's own QuerySet method (`published()`,
`visible_to(user)`), the same rule the app's pages use.

A new app adds a kind in a few lines: its model, the QuerySet of what a reader may
see, the fields and hit of a result, and what its text is (for the SQLite index)
with the models whose saves change it. On PostgreSQL the table gets its vectors
from a migration that calls `core.fulltext.WeightedVector` (see news/migrations/
0003_article_search.py); computing them in the query costs tens of microseconds a
row, for every row a search checks.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import connection
from django.db.models import (
    Model,
    OuterRef,
    QuerySet,
    Subquery,
)
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from contacts.models import Organisation, Person
from contacts.models import Topic as ContactTopic
from core import rows
from core.states import STATE_FIELDS, State
from documents.models import Document, Passage
from events.models import Event
from forums.models import POSTS_PER_PAGE, Forum, Post, Space, Topic
from news.models import Article
from toolbox.models import ArgumentCard, StateSection

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
    html: SafeString = SafeString("")  # the list item (search/markup.py)


@dataclass(frozen=True)
class Kind:
    slug: str  # the value of ?typ=
    label: Promise  # a heading: "Nachrichten"
    singular: Promise  # one hit: "Nachricht"
    model: type[Model]
    # (user, now) -> what the user may see at the time `now`: a rule that depends
    # on the time takes it from `now`, never from the clock (see
    # engine._anonymous_candidates).
    visible: Callable[..., QuerySet]
    newest_first: tuple[str, ...]
    code: int  # the kind's number in the SQLite index (never reused)
    # The SQLite index: every item (with what its text reads), its (title, text),
    # and the models whose saves change that text, each with the items it changes.
    index_rows: Callable[[], QuerySet]
    index_text: Callable[[Model], tuple[str, str]]
    renewals: tuple[tuple[type[Model], Callable[[Model], Any]], ...]
    # What a hit shows: the fields of the item and of the rows it points to, read
    # in the statement that ranks the hits (see `rows`).
    shown: rows.Join
    hit: Callable[[Model, Highlighter], Hit]
    browse_route: str  # the app's own list, offered when nothing is found
    browse_label: Promise
    state_path: str = ""  # where the state columns are, seen from the model
    # On PostgreSQL: a table whose rows are matched instead, and its column that
    # points to this kind's row (documents: their passages).
    match_through: tuple[str, str] | None = None
    # Values a hit shows that are computed in that statement, as (name, SQL,
    # parameters), given the prepared queries (None on SQLite) and the item's alias.
    computed: Callable[[Any, str], list[tuple[str, str, list]]] | None = None

    def rows(self, source: str, params: list, prepared, *, order: str = "") -> list:
        """The items whose ids the statement `source` selects (as `id`), with what
        their hits show, in one statement (ordered by `order`, over `source`'s
        columns); each as (item, the rest of `source`'s columns)."""
        table = self.model._meta.db_table
        computed = self.computed(prepared, "t") if self.computed else []
        columns = [self.shown.columns("t"), *(sql for _, sql, _ in computed)]
        # Names from the registry; values are parameters (the computed ones' first).
        sql = (
            f"SELECT {', '.join(columns)}, source.* FROM ({source}) source"  # noqa: S608
            f" JOIN {table} t ON t.id = source.id{self.shown.joins('t')}"
            + (f" ORDER BY {order}" if order else "")
        )
        found = []
        with connection.cursor() as cursor:
            cursor.execute(sql, [*(p for _, _, ps in computed for p in ps), *params])
            for row in cursor.fetchall():
                item, *rest = self.shown.build(row)
                for (name, _, _), value in zip(computed, rest, strict=False):
                    setattr(item, name, value)
                found.append((item, rest[len(computed) :]))
        return found

    def filter_state(self, queryset: QuerySet, state: str) -> QuerySet:
        return queryset.filter(
            **{f"{self.state_path}{STATE_FIELDS[State(state)]}": True}
        )


# --- news -------------------------------------------------------------------


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
    visible=lambda user, now: Article.objects.published(now),
    newest_first=("-published_at", "-pk"),
    code=1,
    index_rows=lambda: Article.objects.only("title", "teaser", "body_html"),
    index_text=lambda a: (a.title, f"{a.teaser} {plain_text(a.body_html)}"),
    renewals=((Article, lambda article: [article.pk]),),
    shown=rows.Join(
        Article,
        ("title", "slug", "teaser", "body_html", "published_at", *_STATE_FIELDS),
        related=(("category", ("name",)),),
    ),
    hit=_article_hit,
    browse_route="news:article-list",
    browse_label=_("News"),
)


# --- documents --------------------------------------------------------------


def _document_snippet(prepared, alias):
    """The text a document's snippet is looked for in: on PostgreSQL its first
    passage whose own text (weight C, not the title and description that every
    passage carries) has the words, else its first that matches; on SQLite the
    start of its text."""
    if prepared is None:
        sql = f"substr({alias}.text, 1, {DOCUMENT_SNIPPET_SOURCE})"
        return [("snippet_source", sql, [])]
    condition, params = prepared.where(lambda column: f"p.{column}")
    sql = (
        f"(SELECT p.text FROM {Passage._meta.db_table} p"  # noqa: S608
        f" WHERE p.document_id = {alias}.id AND {condition}"
        f" ORDER BY CASE WHEN ts_filter(p.search_vector, '{{c}}') @@ {prepared.rank.sql}"
        " THEN 0 ELSE 1 END, p.number LIMIT 1)"
    )
    return [("snippet_source", sql, [*params, *prepared.rank.sql_params])]


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
    # Current versions only: older ones stay reachable from the document's page.
    visible=lambda user, now: Document.objects.published(now).current(now),
    newest_first=("-published_on", "-pk"),
    code=2,
    index_rows=lambda: Document.objects.only("title", "description_html", "text"),
    index_text=lambda d: (d.title, f"{plain_text(d.description_html)} {d.text}"),
    renewals=((Document, lambda document: [document.pk]),),
    shown=rows.Join(
        Document,
        (
            "title",
            "slug",
            "description_html",
            "category",
            "published_on",
            "version_label",
            *_STATE_FIELDS,
        ),
    ),
    computed=_document_snippet,
    hit=_document_hit,
    # A document matches when one of its passages does (see documents.Passage).
    match_through=("documents_passage", "document_id"),
    browse_route="documents:document-list",
    browse_label=_("Documents"),
)


# --- forums -----------------------------------------------------------------


def _posts_before(prepared, alias):
    """Which page of its topic a post is on: the posts before it, as the topic page
    counts them (hidden ones keep their place there)."""
    sql = (
        f"(SELECT count(*) FROM {Post._meta.db_table} before"  # noqa: S608
        f" WHERE before.topic_id = {alias}.topic_id AND before.id < {alias}.id)"
    )
    return [("posts_before", sql, [])]


def _posts_to_index():
    first = Post.objects.filter(topic=OuterRef("topic")).order_by("pk").values("pk")
    return (
        Post.objects.select_related("topic")
        .only("body_html", "topic__title")
        .annotate(opening_id=Subquery(first[:1]))
    )


def _post_text(post):
    # As on PostgreSQL: the topic's title is the title of its opening post, and
    # part of the text of every reply.
    body = plain_text(post.body_html)
    if post.opening_id == post.pk:
        return post.topic.title, body
    return "", f"{post.topic.title} {body}"


def _post_renewal(post):
    # A post written or deleted; when the opening post goes, the next one opens
    # the topic (and carries its title).
    first = Post.objects.filter(topic_id=post.topic_id).order_by("pk").first()
    return [post.pk] + ([first.pk] if first is not None else [])


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
    visible=lambda user, now: Post.objects.visible_to(user),
    # Post ids grow with time: the primary key is the cheapest order.
    newest_first=("-pk",),
    code=3,
    index_rows=_posts_to_index,
    index_text=_post_text,
    renewals=(
        (Post, _post_renewal),
        (Topic, lambda topic: Post.objects.filter(topic=topic).values("pk")),
    ),
    shown=rows.Join(
        Post,
        ("body_html", "created_at", "topic"),
        related=(
            ("topic", ("title", "slug", *_STATE_FIELDS, "forum")),
            ("topic__forum", ("slug", "name")),
        ),
    ),
    computed=_posts_before,
    hit=_post_hit,
    browse_route="forums:space-list",
    browse_label=_("Forums"),
    state_path="topic__",
)


def _forum_hit(forum, highlighter):
    return Hit(
        title=highlighter.mark(forum.name),
        url=forum.get_absolute_url(),
        snippet=highlighter.snippet(forum.description),
        states_of=forum,
        details=[forum.space.name],
    )


FORUMS = Kind(
    slug="foren",
    label=_("Forums"),
    singular=_("Forum"),
    model=Forum,
    # Every forum is listed on the forum index, closed ones too (their topics are
    # for members).
    visible=lambda user, now: Forum.objects.all(),
    newest_first=("order", "pk"),
    code=5,
    index_rows=lambda: Forum.objects.select_related("space"),
    index_text=lambda forum: (
        forum.name,
        f"{forum.description} {forum.space.name} {forum.space.description}",
    ),
    renewals=(
        (Forum, lambda forum: [forum.pk]),
        (Space, lambda space: space.forums.values("pk")),
    ),
    shown=rows.Join(
        Forum,
        ("name", "slug", "description", *_STATE_FIELDS, "space"),
        related=(("space", ("name",)),),
    ),
    hit=_forum_hit,
    browse_route="forums:space-list",
    browse_label=_("Forums"),
)


# --- contacts ---------------------------------------------------------------


def _person_text(person):
    topics = " ".join(topic.name for topic in person.topics.all())
    organisation = person.organisation
    return (
        person.name,
        f"{person.function} {topics} {organisation.name} {organisation.city}",
    )


def _person_topics(prepared, alias):
    """A person's topics by name, read in the statement that ranks the hits (through
    the ORM, a query more took as long as the statement)."""
    through, topics = Person.topics.through._meta.db_table, ContactTopic._meta.db_table
    # Names from the models; no parameters.
    of_person = (
        f"FROM {through} p JOIN {topics} c ON c.id = p.topic_id"  # noqa: S608
        f" WHERE p.person_id = {alias}.id"
    )
    if prepared is None:  # SQLite's group_concat keeps the order of its rows
        names = f"(SELECT c.name {of_person} ORDER BY c.name)"
        sql = f"(SELECT group_concat(name, ', ') FROM {names})"  # noqa: S608
    else:
        sql = f"(SELECT string_agg(c.name, ', ' ORDER BY c.name) {of_person})"
    return [("topic_names", sql, [])]


def _person_hit(person, highlighter):
    parts = [person.function, person.organisation.name, person.topic_names]
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
    visible=lambda user, now: Person.objects.published(),
    newest_first=("-pk",),
    code=4,
    index_rows=lambda: Person.objects.select_related("organisation").prefetch_related(
        "topics"
    ),
    index_text=_person_text,
    renewals=(
        (Person, lambda person: [person.pk]),
        (Organisation, lambda organisation: organisation.persons.values("pk")),
        (ContactTopic, lambda topic: topic.persons.values("pk")),
    ),
    shown=rows.Join(
        Person,
        ("name", "slug", "function", *_STATE_FIELDS, "organisation"),
        related=(("organisation", ("name", "city")),),
    ),
    computed=_person_topics,
    hit=_person_hit,
    browse_route="contacts:person-list",
    browse_label=_("Contacts"),
)


# --- events -----------------------------------------------------------------


def _event_hit(event, highlighter):
    details = [event.get_format_display()]
    if event.venue_name and event.format != Event.Format.ONLINE:
        details.append(event.venue_name)
    if event.status == Event.Status.CANCELLED:
        details.append(str(_("Cancelled")))
    return Hit(
        title=highlighter.mark(event.title),
        url=event.get_absolute_url(),
        snippet=highlighter.snippet(
            f"{event.teaser} {plain_text(event.description_html)}"
        ),
        states_of=event,
        date=event.starts_at,
        details=details,
    )


EVENTS = Kind(
    slug="veranstaltungen",
    label=_("Events"),
    singular=_("Event"),
    model=Event,
    # Published and cancelled events; drafts for those who may preview them.
    visible=lambda user, now: Event.objects.visible_to(user),
    newest_first=("-starts_at", "-pk"),
    code=6,
    index_rows=lambda: Event.objects.all(),
    index_text=lambda event: (
        event.title,
        f"{event.teaser} {event.description} {event.venue_name} {event.summary}",
    ),
    renewals=((Event, lambda event: [event.pk]),),
    shown=rows.Join(
        Event,
        (
            "title",
            "slug",
            "teaser",
            "description_html",
            "starts_at",
            "status",
            "format",
            "venue_name",
            *_STATE_FIELDS,
        ),
    ),
    hit=_event_hit,
    browse_route="events:event-list",
    browse_label=_("Events"),
)


# --- toolbox ----------------------------------------------------------------


def _card_text(card):
    sections = " ".join(
        f"{s.authority} {plain_text(s.basis_html)} {plain_text(s.differences_html)} "
        f"{plain_text(s.action_html)}"
        for s in card.sections.all()
    )
    return (
        card.title,
        f"{card.question} {plain_text(card.argument_html)} "
        f"{plain_text(card.reasoning_html)} {sections}",
    )


def _card_hit(card, highlighter):
    return Hit(
        title=highlighter.mark(card.title),
        url=card.get_absolute_url(),
        snippet=highlighter.snippet(
            f"{card.question} {plain_text(card.argument_html)}"
        ),
        states_of=card,
        date=card.updated_at,
        details=[card.get_topic_display(), card.get_status_display()],
    )


CARDS = Kind(
    slug="werkzeugkasten",
    label=_("Argument cards"),
    singular=_("Argument card"),
    model=ArgumentCard,
    visible=lambda user, now: ArgumentCard.objects.published(),
    newest_first=("-updated_at", "-pk"),
    code=7,
    index_rows=lambda: ArgumentCard.objects.prefetch_related("sections"),
    index_text=_card_text,
    renewals=(
        (ArgumentCard, lambda card: [card.pk]),
        (StateSection, lambda section: [section.card_id]),
    ),
    shown=rows.Join(
        ArgumentCard,
        (
            "title",
            "slug",
            "topic",
            "question",
            "argument_html",
            "status",
            "updated_at",
            *_STATE_FIELDS,
        ),
    ),
    hit=_card_hit,
    browse_route="toolbox:card-list",
    browse_label=_("Toolbox"),
)


KINDS = (NEWS, DOCUMENTS, POSTS, EVENTS, FORUMS, PERSONS, CARDS)
KINDS_BY_SLUG = {kind.slug: kind for kind in KINDS}


def _browse(kinds) -> tuple[tuple[str, Promise], ...]:
    routes: dict[str, Promise] = {}
    for kind in kinds:
        routes.setdefault(kind.browse_route, kind.browse_label)
    return tuple(routes.items())


# The apps' own lists offered when nothing is found, as (route, label), in the kinds'
# order: each once, as forum posts and forums both lead to the forum index.
BROWSE = _browse(KINDS)
