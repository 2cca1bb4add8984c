"""Topics and their posts, and the earlier versions of posts."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from core import fulltext, markdown, rows
from core.states import STATE_FIELDS, StatesMixin
from core.text import german_slugify

from .. import quotes
from .forums import Forum
from .readers import TopicReadState

TOPICS_PER_PAGE = 25
POSTS_PER_PAGE = 20
MARKDOWN_HELP = _(
    "Markdown: **bold**, *italic*, [link text](https://example.org), lists with “- ”, "
    "quotes with “> ”. HTML and images are removed."
)


def validate_post_body(value: str) -> None:
    """Not empty, not longer than FORUM_POST_MAX_LENGTH, and something left to read."""
    text = (value or "").strip()
    if not text:
        raise ValidationError(_("Please write a text."), code="required")
    limit = settings.FORUM_POST_MAX_LENGTH
    if len(text) > limit:
        raise ValidationError(
            _(
                "The text is too long: at most %(limit)s characters are allowed, "
                "yours has %(length)s. Please shorten it or split it into two posts."
            ),
            code="max_length",
            params={
                "limit": number_format(limit, force_grouping=True),
                "length": number_format(len(text), force_grouping=True),
            },
        )
    if not strip_tags(markdown.render(text)).strip():
        raise ValidationError(
            _(
                "Nothing of this text would be visible: HTML and images are removed. "
                "Please write a text."
            ),
            code="empty",
        )


def _last_post_text() -> list[str]:
    """Lists show who wrote a topic's last post and when, never its text (nor its
    search vectors): those columns stay in the database."""
    shown = {"id", "topic", "author", "created_at", "is_hidden"}
    return [
        f"last_post__{field.name}"
        for field in Post._meta.concrete_fields
        if field.name not in shown
    ]


class TopicQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Topics of forums the user may read; hidden ones only for their moderators."""
        if not user.is_authenticated:
            return self.public()
        readable = self.filter(forum__in=Forum.objects.readable_by(user))
        if user.is_authenticated and user.is_superuser:
            return readable
        return readable.filter(
            Q(is_hidden=False) | Q(forum__in=Forum.objects.moderated_by(user))
        )

    def public(self):
        """What anonymous readers see: visible topics of forums open to everyone."""
        return self.filter(
            is_hidden=False, forum__read_access=Forum.ReadAccess.EVERYONE
        )

    def for_list(self):
        return self.select_related("author", "last_post__author").defer(
            *_last_post_text()
        )

    def recently_active(self, *, limit: int = 5):
        """The home page's "Aus den Foren": the latest active public topics."""
        return (
            self.public()
            .select_related("forum", "last_post__author")
            .defer(*_last_post_text())
            .order_by("-last_post_at", "-pk")[:limit]
        )

    def with_unread(self, user):
        """Mark each topic `is_unread` for a signed-in reader, in the same query.

        A topic is unread when it has a post after the last one the reader saw; topics
        whose last activity predates the account count as read.
        """
        if not user.is_authenticated:
            return self.annotate(is_unread=Value(False))
        sql, params = self._unread_sql(user, self.model._meta.db_table)
        # Table names and parameters.
        unread = RawSQL(sql, params, output_field=models.BooleanField())  # noqa: S611
        return self.annotate(is_unread=unread)

    def _unread_sql(self, user, topics: str) -> tuple[str, list]:
        # Written out: the ORM's Case/Subquery took longer to build than to run. No
        # marker counts as -1 (all unread) for recent topics, as read for older ones.
        markers = TopicReadState._meta.db_table
        # As the database stores it (SQLite: text), so that it compares.
        joined = connections[self.db].ops.adapt_datetimefield_value(user.date_joined)
        return (
            f"({topics}.last_post_id IS NOT NULL AND COALESCE("  # noqa: S608
            f" (SELECT marker.last_read_post_id FROM {markers} marker"
            f"  WHERE marker.topic_id = {topics}.id AND marker.user_id = %s),"
            f" CASE WHEN {topics}.last_post_at > %s THEN -1"
            f" ELSE {topics}.last_post_id END) < {topics}.last_post_id)",
            [user.pk, joined],
        )

    def page_marks(
        self, forum_id: int, user, *, hidden: bool, state: str, offset: int, limit: int
    ) -> list[tuple[int, bool]]:
        """(id, unread) of a page of a forum's topics for a signed-in reader, in the
        list's order (Topic's): with the hidden ones or not, of one state or all.
        Written out: the ORM takes four times as long to build it as the database
        to answer."""
        unread, params = self._unread_sql(user, "t")
        where = "t.forum_id = %s"
        if not hidden:
            where += " AND NOT t.is_hidden"
        if state:
            where += f' AND t."{STATE_FIELDS[state]}"'
        with rows.cursor(self.db) as cursor:
            cursor.execute(
                f"SELECT t.id, {unread} FROM {self.model._meta.db_table} t"  # noqa: S608
                f" WHERE {where}"
                " ORDER BY t.is_pinned DESC, t.last_post_at DESC, t.id DESC"
                " LIMIT %s OFFSET %s",
                [*params, forum_id, limit, offset],
            )
            return [(pk, bool(is_unread)) for pk, is_unread in cursor]


class Topic(StatesMixin):
    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="topics", verbose_name=_("forum")
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_topics",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(
        _("locked"), default=False, help_text=_("A locked topic takes no replies.")
    )
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    post_count = models.PositiveIntegerField(_("posts"), default=0, editable=False)
    last_post = models.ForeignKey(
        "Post",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("last post"),
    )
    last_post_at = models.DateTimeField(
        _("last activity"), default=timezone.now, editable=False
    )

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        # TopicQuerySet.page_marks writes it out too.
        ordering = ["-is_pinned", "-last_post_at", "-pk"]
        indexes = [
            models.Index(
                fields=["forum", "-is_pinned", "-last_post_at"],
                name="forums_topic_list_idx",
            ),
            models.Index(fields=["-last_post_at"], name="forums_topic_activity_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.slug = german_slugify(self.title) or "thema"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "forums:topic-detail",
            kwargs={"forum": self.forum.slug, "pk": self.pk, "slug": self.slug},
        )

    def url_kwargs(self) -> dict:
        return {"forum": self.forum.slug, "pk": self.pk, "slug": self.slug}


class PostQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Posts the user may read (search uses this): hidden ones only for moderators."""
        if not user.is_authenticated:
            return self.public()
        posts = self.filter(topic__in=Topic.objects.visible_to(user))
        if user.is_authenticated and user.is_superuser:
            return posts
        return posts.filter(
            Q(is_hidden=False) | Q(topic__forum__in=Forum.objects.moderated_by(user))
        )

    def public(self):
        return self.filter(is_hidden=False, topic__in=Topic.objects.public())

    def quoting(self, post_id: int):
        """The posts that quote this post (through the Quote button)."""
        return self.filter(quotes__source_id=post_id)

    def page_rows(self, topic_id: int, offset: int, limit: int) -> list[tuple]:
        """(id, author id, hidden) of a page of a topic's posts, in their order (by
        id). Written out: the ORM takes longer to build it than the database to
        answer."""
        with rows.cursor(self.db) as cursor:
            cursor.execute(
                f"SELECT id, author_id, is_hidden FROM {Post._meta.db_table}"  # noqa: S608
                " WHERE topic_id = %s ORDER BY id LIMIT %s OFFSET %s",
                [topic_id, limit, offset],
            )
            return [(pk, author, bool(hidden)) for pk, author, hidden in cursor]


PostManager = fulltext.manager_without_vectors(PostQuerySet)


class Post(models.Model):
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="posts", verbose_name=_("topic")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_posts",
        verbose_name=_("author"),
    )
    body = models.TextField(
        _("text"), help_text=MARKDOWN_HELP, validators=[validate_post_body]
    )
    # What every reader gets (pages, PDF, search): quotes of hidden or deleted posts
    # show a note instead of their text (quotes.py).
    body_html = models.TextField(editable=False, default="")
    # What the forum's moderators get instead, with those quotes' text; empty when
    # it is the same as body_html.
    moderator_html = models.TextField(editable=False, blank=True, default="")
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    edited_at = models.DateTimeField(_("last edited at"), null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    # Full-text search (search/): words, the topic title's words (on the opening
    # post only), and pairs of neighbouring words for quoted phrases. Filled by
    # PostgreSQL triggers (migration 0004), also when the topic's title changes;
    # empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False, serialize=False)
    title_vector = SearchVectorField(null=True, editable=False, serialize=False)
    phrase_vector = SearchVectorField(null=True, editable=False, serialize=False)

    objects = PostManager()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        # Posts are shown in the order they were written; ids grow with time.
        ordering = ["pk"]
        indexes = [
            # A topic's posts in order, and how many come before a post (its page).
            models.Index(fields=["topic", "id"], name="forums_post_topic_order_idx"),
        ]

    def __str__(self):
        return f"{self.topic} #{self.pk}"

    def save(self, *args, **kwargs):
        unavailable = self.unavailable_sources()
        self.body_html = markdown.render(quotes.public(self.body, unavailable))
        self.moderator_html = markdown.render(self.body) if unavailable else ""
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """A permalink that finds the post's page in its topic."""
        return reverse(
            "forums:post-detail", kwargs={"forum": self.topic.forum.slug, "pk": self.pk}
        )

    def unavailable_sources(self) -> set[int]:
        """The posts this one quotes that its readers may not read: hidden or gone."""
        named = quotes.sources(self.body)
        if not named:
            return set()
        shown = Post.objects.filter(pk__in=named, is_hidden=False)
        return named - set(shown.values_list("pk", flat=True))

    def public_body(self) -> str:
        """The Markdown source as readers may see it (for e-mails and quoting)."""
        return quotes.public(self.body, self.unavailable_sources())


class Quote(models.Model):
    """A post quotes another one: remembered when the post is written (from the
    links the Quote button writes, see quotes.py), so that the quoting posts are
    rendered again when the quoted one is hidden, shown again or deleted."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="quotes", verbose_name=_("post")
    )
    # Kept when the quoted post is deleted: its quotes then show the note.
    source = models.ForeignKey(
        Post,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=_("quoted post"),
    )

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "source"], name="forums_quote_unique"
            )
        ]

    def __str__(self):
        return f"{self.post_id} → {self.source_id}"


def render_quoting_posts(post_id: int) -> None:
    """Render again the posts that quote this one: it was hidden, shown or deleted."""
    for post in Post.objects.quoting(post_id).select_related("topic__forum"):
        post.save(update_fields=["body_html", "moderator_html"])


@receiver(post_delete, sender=Post)
def _render_quoting_posts_after_delete(sender, instance, **kwargs):
    # Any path: the admin, a topic or forum deleted with its posts. Posts deleted
    # together are gone by now, with their own quotes.
    render_quoting_posts(instance.pk)


class PostRevision(models.Model):
    """The text of a post before an edit: the edit history moderators see."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("post")
    )
    body = models.TextField(_("previous text"))
    title = models.CharField(_("previous title"), max_length=200, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("edited by"),
    )
    created_at = models.DateTimeField(_("edited at"), default=timezone.now)

    class Meta:
        verbose_name = _("post revision")
        verbose_name_plural = _("post revisions")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.post} ({self.created_at:%Y-%m-%d %H:%M})"
