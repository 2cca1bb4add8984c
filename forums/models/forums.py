"""Spaces, forums and who belongs to a forum."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    Exists,
    OuterRef,
    Q,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import MODERATORS
from core import fulltext
from core.states import StatesMixin

# Paths below /foren/ that are not forums.
RESERVED_FORUM_SLUGS = {"abbestellen"}


def validate_forum_slug(value: str) -> None:
    if value in RESERVED_FORUM_SLUGS:
        raise ValidationError(
            _("This address is reserved. Please choose another one."),
            code="reserved",
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

    # Full-text search (search/) over name, description and the space's name and
    # description: filled by PostgreSQL triggers (migration 0007), also when the
    # space changes; empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False, serialize=False)
    title_vector = SearchVectorField(null=True, editable=False, serialize=False)
    phrase_vector = SearchVectorField(null=True, editable=False, serialize=False)

    objects = fulltext.manager_without_vectors(ForumQuerySet)()

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
