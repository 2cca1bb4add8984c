"""Discussion spaces: a space holds forums, a forum holds topics, a topic holds posts.

Counts and last activity are stored on Topic and Forum by the services whenever
something is written, so list pages never aggregate per request. Who may read, post
and moderate is decided in `permissions.py` and in the QuerySet methods here, which
use the same rules.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    Case,
    Exists,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from accounts.roles import MODERATORS
from core import markdown
from core.states import StatesMixin
from core.text import german_slugify

TOPICS_PER_PAGE = 25
POSTS_PER_PAGE = 20
# Paths below /foren/ that are not forums.
RESERVED_FORUM_SLUGS = {"abbestellen"}

MARKDOWN_HELP = _(
    "Markdown: **bold**, *italic*, [link text](https://example.org), lists with “- ”, "
    "quotes with “> ”. HTML and images are removed."
)


def validate_forum_slug(value: str) -> None:
    if value in RESERVED_FORUM_SLUGS:
        raise ValidationError(
            _("This address is reserved. Please choose another one."),
            code="reserved",
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


class Space(models.Model):
    """One of the project's three discussion spaces, shown as a section of /foren/."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("anchor"),
        unique=True,
        help_text=_("The space is the section /foren/#<anchor> of the forum index."),
    )
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Smaller numbers come first.")
    )

    class Meta:
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('forums:space-list')}#{self.slug}"


class ForumQuerySet(models.QuerySet):
    def readable_by(self, user):
        """Forums whose topics the user may see: open ones, and closed ones they belong to."""
        if not user.is_authenticated:
            return self.filter(read_access=Forum.ReadAccess.EVERYONE)
        if user.is_superuser:
            return self.all()
        return self.filter(
            Q(read_access=Forum.ReadAccess.EVERYONE)
            | Exists(
                Membership.objects.filter(
                    forum=OuterRef("pk"),
                    user=user,
                    status=Membership.Status.APPROVED,
                )
            )
            | Exists(
                Forum.moderators.through.objects.filter(forum=OuterRef("pk"), user=user)
            )
        )

    def moderated_by(self, user):
        """Forums the user moderates: those assigned to them; administrators all."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(
            Exists(
                Forum.moderators.through.objects.filter(forum=OuterRef("pk"), user=user)
            )
        )

    def public(self):
        """Forums anonymous readers see: for the sitemap and the home page."""
        return self.filter(read_access=Forum.ReadAccess.EVERYONE)

    def for_index(self):
        return self.select_related(
            "space", "last_post__author", "last_post__topic"
        ).order_by("space__order", "order", "name")


class Forum(StatesMixin):
    class ReadAccess(models.TextChoices):
        EVERYONE = "everyone", _("Everyone")
        MEMBERS = "members", _("Members only")

    class PostAccess(models.TextChoices):
        VERIFIED = "verified", _("Everyone with a verified e-mail address")
        MEMBERS = "members", _("Members only")

    space = models.ForeignKey(
        Space, on_delete=models.PROTECT, related_name="forums", verbose_name=_("space")
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("address"),
        max_length=80,
        unique=True,
        validators=[validate_forum_slug],
        help_text=_("The forum is served at /foren/<address>/."),
    )
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Smaller numbers come first.")
    )
    read_access = models.CharField(
        _("who may read"),
        max_length=10,
        choices=ReadAccess.choices,
        default=ReadAccess.EVERYONE,
        help_text=_("A closed forum is invisible to everyone who is not a member."),
    )
    post_access = models.CharField(
        _("who may post"),
        max_length=10,
        choices=PostAccess.choices,
        default=PostAccess.VERIFIED,
    )
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="moderated_forums",
        limit_choices_to={"groups__name": MODERATORS},
        verbose_name=_("moderators"),
        help_text=_("Users of the group Moderation who look after this forum."),
    )
    topic_count = models.PositiveIntegerField(_("topics"), default=0, editable=False)
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
    last_post_at = models.DateTimeField(_("last activity"), null=True, editable=False)

    objects = ForumQuerySet.as_manager()

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        if (
            self.read_access == self.ReadAccess.MEMBERS
            and self.post_access != self.PostAccess.MEMBERS
        ):
            raise ValidationError(
                {
                    "post_access": _(
                        "In a forum that only members may read, only members may post."
                    )
                }
            )

    def get_absolute_url(self):
        return reverse("forums:forum-detail", kwargs={"forum": self.slug})

    @property
    def is_closed(self) -> bool:
        """Only members read it; to everyone else its topics do not exist."""
        return self.read_access == self.ReadAccess.MEMBERS

    @property
    def has_members(self) -> bool:
        """Reading or posting needs a membership that moderators approve."""
        return self.is_closed or self.post_access == self.PostAccess.MEMBERS


class Membership(models.Model):
    """A user's request to join a forum that needs membership, and its answer."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Requested")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    forum = models.ForeignKey(
        Forum,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("forum"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="forum_memberships",
        verbose_name=_("user"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    reason = models.TextField(_("reason for the request"), max_length=1000)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_note = models.TextField(_("message to the applicant"), blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "user"], name="forums_membership_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.forum}"


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
        last_read = TopicReadState.objects.filter(
            user=user, topic=OuterRef("pk")
        ).values("last_read_post_id")[:1]
        return self.annotate(
            last_read_post_id=Subquery(last_read),
            is_unread=Case(
                When(last_post__isnull=True, then=Value(False)),
                When(
                    last_read_post_id__isnull=True,
                    last_post_at__gt=user.date_joined,
                    then=Value(True),
                ),
                When(last_read_post_id__lt=models.F("last_post_id"), then=Value(True)),
                default=Value(False),
                output_field=models.BooleanField(),
            ),
        )


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
        posts = self.filter(topic__in=Topic.objects.visible_to(user))
        if user.is_authenticated and user.is_superuser:
            return posts
        return posts.filter(
            Q(is_hidden=False) | Q(topic__forum__in=Forum.objects.moderated_by(user))
        )

    def public(self):
        return self.filter(is_hidden=False, topic__in=Topic.objects.public())


class PostManager(models.Manager.from_queryset(PostQuerySet)):
    def get_queryset(self):
        # The search vectors are PostgreSQL's to read (search/); loading them with
        # every post would only cost time.
        return (
            super()
            .get_queryset()
            .defer("search_vector", "title_vector", "phrase_vector")
        )


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
    body_html = models.TextField(editable=False, default="")
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
        self.body_html = markdown.render(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """A permalink that finds the post's page in its topic."""
        return reverse(
            "forums:post-detail", kwargs={"forum": self.topic.forum.slug, "pk": self.pk}
        )


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


class Report(models.Model):
    """A reader's report of a post; moderators of the forum resolve it."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="reports", verbose_name=_("post")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_reports",
        verbose_name=_("reported by"),
    )
    reason = models.TextField(_("reason"), max_length=1000)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    resolution = models.TextField(_("note on the resolution"), blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=Q(status="open"),
                name="forums_report_one_open_per_reader",
            )
        ]

    def __str__(self):
        return f"{self.post} ({self.get_status_display()})"


class ModerationLog(models.Model):
    """Who did what, when and why: every moderation action leaves a row."""

    class Action(models.TextChoices):
        PIN = "pin", _("Topic pinned")
        UNPIN = "unpin", _("Topic unpinned")
        LOCK = "lock", _("Topic locked")
        UNLOCK = "unlock", _("Topic unlocked")
        HIDE_TOPIC = "hide_topic", _("Topic hidden")
        UNHIDE_TOPIC = "unhide_topic", _("Topic shown again")
        MOVE_TOPIC = "move_topic", _("Topic moved")
        HIDE_POST = "hide_post", _("Post hidden")
        UNHIDE_POST = "unhide_post", _("Post shown again")
        EDIT_POST = "edit_post", _("Post edited by a moderator")
        RESOLVE_REPORT = "resolve_report", _("Report resolved")
        APPROVE_MEMBER = "approve_member", _("Membership approved")
        DECLINE_MEMBER = "decline_member", _("Membership declined")

    forum = models.ForeignKey(
        Forum,
        on_delete=models.CASCADE,
        related_name="moderation_log",
        verbose_name=_("forum"),
    )
    target_forum = models.ForeignKey(
        Forum,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moved to"),
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("topic"),
    )
    post = models.ForeignKey(
        Post,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("post"),
    )
    affected_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("affected user"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderator"),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    subject = models.CharField(
        _("subject"),
        max_length=200,
        help_text=_("The topic title or user at the time of the action."),
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.subject}"


class TopicSubscription(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="forum_topic_subscriptions",
        verbose_name=_("user"),
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("topic"),
    )
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("topic subscription")
        verbose_name_plural = _("topic subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "topic"], name="forums_topicsubscription_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.topic}"


class ForumSubscription(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="forum_subscriptions",
        verbose_name=_("user"),
    )
    forum = models.ForeignKey(
        Forum,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("forum"),
    )
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("forum subscription")
        verbose_name_plural = _("forum subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "forum"], name="forums_forumsubscription_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.forum}"


class TopicReadState(models.Model):
    """How far a signed-in reader has read a topic: the newest post id they saw."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.CASCADE,
        related_name="read_states",
        verbose_name=_("topic"),
    )
    last_read_post_id = models.PositiveBigIntegerField(_("last post read"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("read state")
        verbose_name_plural = _("read states")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "topic"], name="forums_topicreadstate_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.topic}"
