"""Who may do what in a forum: decided here, and only here.

Views ask `forum_access(user, forum)` once per request; services ask it again before
they write, so no path around a view skips a rule. The QuerySet methods
`Forum.objects.readable_by()`, `Topic.objects.visible_to()` and
`Post.objects.visible_to()` apply the same rules to lists (and to search).

Outsiders of a closed forum get a 404, never a 403: they learn nothing about its topics.
"""

from functools import cached_property

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .models import Forum, Membership, Post, Topic


class ForumAccess:
    """One user's rights in one forum; each fact costs at most one query, once."""

    def __init__(self, user, forum: Forum):
        self.user = user
        self.forum = forum

    @cached_property
    def is_authenticated(self) -> bool:
        return bool(self.user.is_authenticated and self.user.is_active)

    @property
    def is_admin(self) -> bool:
        return self.is_authenticated and self.user.is_superuser

    @cached_property
    def _facts(self) -> dict:
        """What the user is here, in one query: moderator, verified, membership.
        Written out: the ORM takes longer to build it than the database to answer."""
        if not self.is_authenticated:
            return {"moderates": False, "verified": False, "membership": None}
        moderators = Forum.moderators.through._meta.db_table
        addresses = EmailAddress._meta.db_table
        memberships = Membership._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT EXISTS (SELECT 1 FROM {moderators}"  # noqa: S608 (table names)
                "  WHERE forum_id = %s AND user_id = %s),"
                f" EXISTS (SELECT 1 FROM {addresses} WHERE user_id = %s AND verified),"
                f" (SELECT id FROM {memberships}"
                "  WHERE forum_id = %s AND user_id = %s LIMIT 1)",
                [
                    self.forum.pk,
                    self.user.pk,
                    self.user.pk,
                    self.forum.pk,
                    self.user.pk,
                ],
            )
            moderates, verified, membership = cursor.fetchone()
        return {
            "moderates": bool(moderates),
            "verified": bool(verified),
            "membership": membership,
        }

    @cached_property
    def is_moderator(self) -> bool:
        """Moderators are assigned per forum; administrators moderate everywhere."""
        if not self.is_authenticated:
            return False
        return self.is_admin or self._facts["moderates"]

    @cached_property
    def membership(self) -> Membership | None:
        if self._facts["membership"] is None:
            return None
        return Membership.objects.filter(pk=self._facts["membership"]).first()

    @property
    def is_member(self) -> bool:
        return bool(
            self.membership and self.membership.status == Membership.Status.APPROVED
        )

    @cached_property
    def is_verified(self) -> bool:
        return self.is_authenticated and self._facts["verified"]

    @property
    def can_read(self) -> bool:
        if self.forum.read_access == Forum.ReadAccess.EVERYONE:
            return True
        return self.is_member or self.is_moderator

    @property
    def may_join(self) -> bool:
        """The forum needs a membership that this user does not have yet."""
        return self.forum.has_members and not (self.is_member or self.is_moderator)

    def post_refusal(self, topic: Topic | None = None) -> str | None:
        """Why the user may not write here (German, may contain a link), or None."""
        if not self.can_read:
            return _("This forum does not exist.")
        if not self.is_authenticated:
            back = topic.get_absolute_url() if topic else self.forum.get_absolute_url()
            return format_html(
                '{} <a href="{}?{}">{}</a>',
                _("Only signed-in users can write here."),
                reverse("account_login"),
                urlencode({"next": back}),
                _("Sign in"),
            )
        if not self.is_verified:
            return format_html(
                '{} <a href="{}">{}</a>',
                _("Please verify your e-mail address before you write here."),
                reverse("account_email"),
                _("Verify e-mail address"),
            )
        if (
            self.forum.post_access == Forum.PostAccess.MEMBERS
            and not self.is_member
            and not self.is_moderator
        ):
            return format_html(
                '{} <a href="{}">{}</a>',
                _("Only members of this forum can write here."),
                reverse("forums:membership-request", kwargs={"forum": self.forum.slug}),
                _("Ask to join"),
            )
        if topic is not None and topic.is_locked and not self.is_moderator:
            return _("This topic is locked: it takes no more replies.")
        if topic is not None and topic.is_hidden and not self.is_moderator:
            return _("This topic is hidden: it takes no more replies.")
        return None

    def can_post(self, topic: Topic | None = None) -> bool:
        return self.post_refusal(topic) is None

    def can_see_topic(self, topic: Topic) -> bool:
        return self.can_read and (not topic.is_hidden or self.is_moderator)

    def can_edit(self, post: Post) -> bool:
        """Authors edit their own posts while they may still write; moderators any."""
        return self.may_edit(
            author_id=post.author_id, is_hidden=post.is_hidden, topic=post.topic
        )

    def may_edit(self, *, author_id: int | None, is_hidden: bool, topic: Topic) -> bool:
        """`can_edit` for a post known only by these values (a page of posts is read
        as plain values when its rendered list comes from the cache)."""
        if self.is_moderator:
            return True
        return (
            self.is_authenticated
            and author_id == self.user.pk
            and not is_hidden
            and self.can_post(topic)
        )

    def can_follow(self) -> bool:
        return self.can_read and self.is_verified

    def can_report(self, post: Post) -> bool:
        """Signed-in readers report the posts they see, but not their own."""
        return (
            self.can_see_topic(post.topic)
            and self.is_authenticated
            and post.author_id != self.user.pk
            and (not post.is_hidden or self.is_moderator)
        )

    def can_see_versions(self, post: Post) -> bool:
        """A post's earlier versions: for its author and the forum's moderators."""
        return self.is_moderator or (
            self.is_authenticated and post.author_id == self.user.pk
        )


def forum_access(user, forum: Forum) -> ForumAccess:
    return ForumAccess(user, forum)


def readable_forum_or_404(user, forum: Forum) -> ForumAccess:
    access = forum_access(user, forum)
    if not access.can_read:
        raise Http404
    return access


def forum_or_404(user, slug: str) -> tuple[Forum, ForumAccess]:
    """The forum and the user's rights in it; 404 for whoever may not read it."""
    forum = get_object_or_404(Forum.objects.select_related("space"), slug=slug)
    return forum, readable_forum_or_404(user, forum)


def topic_or_404(user, pk: int) -> tuple[Topic, ForumAccess]:
    """The topic and the user's rights in its forum (wherever it lives now)."""
    topic = get_object_or_404(
        Topic.objects.select_related("forum__space", "author"), pk=pk
    )
    access = forum_access(user, topic.forum)
    if not access.can_see_topic(topic):
        raise Http404
    return topic, access


def post_or_404(user, pk: int) -> tuple[Post, ForumAccess]:
    post = get_object_or_404(
        Post.objects.select_related("topic__forum__space", "author"), pk=pk
    )
    access = forum_access(user, post.topic.forum)
    if not access.can_see_topic(post.topic):
        raise Http404
    return post, access


def require_moderator(access: ForumAccess) -> None:
    if not access.is_moderator:
        raise PermissionDenied(_("Only the moderators of this forum may do this."))


def readers(forum: Forum, users):
    """Narrow a user QuerySet to those who may read the forum (for notifications)."""
    users = users.filter(is_active=True)
    if forum.read_access == Forum.ReadAccess.EVERYONE:
        return users
    return users.filter(
        Q(is_superuser=True)
        | Exists(
            Membership.objects.filter(
                forum=forum, user=OuterRef("pk"), status=Membership.Status.APPROVED
            )
        )
        | Exists(
            Forum.moderators.through.objects.filter(forum=forum, user=OuterRef("pk"))
        )
    )
