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
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core import rows

from .models import Forum, ForumSubscription, Membership, Post, Space, Topic
from .models.readers import reading_of, reading_sql


class ForumAccess:
    """One user's rights in one forum; each fact costs at most one query, once, or
    none where the statement that found the forum read them too (`facts`)."""

    def __init__(self, user, forum: Forum, facts: tuple | None = None):
        self.user = user
        self.forum = forum
        if facts is not None and self.is_authenticated:
            self.__dict__["_facts"] = _facts_of(*facts)

    @cached_property
    def is_authenticated(self) -> bool:
        return bool(self.user.is_authenticated and self.user.is_active)

    @property
    def is_admin(self) -> bool:
        return self.is_authenticated and self.user.is_superuser

    @cached_property
    def _facts(self) -> dict:
        """What the user is here, in one query: moderator, verified, membership."""
        if not self.is_authenticated:
            return _facts_of(False, False, None)
        with rows.cursor() as cursor:
            cursor.execute(
                f"SELECT {facts_sql('here.forum', 'here.reader')}"  # noqa: S608
                " FROM (SELECT CAST(%s AS bigint) AS forum,"
                " CAST(%s AS bigint) AS reader) AS here",
                [self.forum.pk, self.user.pk],
            )
            return _facts_of(*cursor.fetchone())

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


def facts_sql(forum: str, reader: str) -> str:
    """What a user is in a forum as three SQL values (moderator, verified e-mail
    address, membership id), for the ids that the SQL expressions `forum` and `reader`
    give. Written out: the ORM takes longer to build it than the database to answer."""
    moderators = Forum.moderators.through._meta.db_table
    addresses = EmailAddress._meta.db_table
    memberships = Membership._meta.db_table
    return (
        f"EXISTS (SELECT 1 FROM {moderators}"  # noqa: S608 (names, expressions)
        f"  WHERE forum_id = {forum} AND user_id = {reader}),"
        f" EXISTS (SELECT 1 FROM {addresses} WHERE user_id = {reader} AND verified),"
        f" (SELECT id FROM {memberships}"
        f"  WHERE forum_id = {forum} AND user_id = {reader} LIMIT 1)"
    )


def _facts_of(moderates, verified, membership) -> dict:
    return {
        "moderates": bool(moderates),
        "verified": bool(verified),
        "membership": membership,
    }


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


def _row_or_404(select: str, tables: str, where: str, user, key) -> tuple:
    """The row of `SELECT <select> FROM <tables> WHERE <where>` for `key` (its one
    parameter), in which `here.reader` is the user's id (NULL when signed out); 404
    if there is none."""
    with rows.cursor() as cursor:
        cursor.execute(
            f"SELECT {select} FROM {tables}"  # noqa: S608 (names, expressions)
            " CROSS JOIN (SELECT CAST(%s AS bigint) AS reader) AS here"
            f" WHERE {where}",
            [user.pk if user.is_authenticated else None, key],
        )
        row = cursor.fetchone()
    if row is None:
        raise Http404
    return row


def forum_page(user, slug: str) -> tuple[Forum, ForumAccess, bool]:
    """A forum's page: the forum with its space, the user's rights there and whether
    they follow it, in one statement (404 if there is no such forum)."""
    row = _row_or_404(
        f"{rows.columns(Forum, 'f')}, {rows.columns(Space, 's')},"  # noqa: S608
        f" {facts_sql('f.id', 'here.reader')},"
        f" EXISTS (SELECT 1 FROM {ForumSubscription._meta.db_table}"
        "  WHERE forum_id = f.id AND user_id = here.reader)",
        f"{Forum._meta.db_table} f JOIN {Space._meta.db_table} s ON s.id = f.space_id",
        "f.slug = %s",
        user,
        slug,
    )
    forum, space, *facts, follows = rows.build(row, Forum, Space)
    rows.relate(forum, "space", space)
    return forum, ForumAccess(user, forum, facts), bool(follows)


def topic_page_or_404(user, pk: int) -> tuple[Topic, ForumAccess, dict]:
    """A topic's page: `topic_or_404` with the number of its posts (hidden ones too,
    `topic.posts_in_all`) and how far the user has read it (`reading_sql`), in one
    statement."""
    users = Topic.author.field.related_model
    row = _row_or_404(
        f"{rows.columns(Topic, 't')}, {rows.columns(Forum, 'f')},"  # noqa: S608
        f" {rows.columns(users, 'u')},"
        f" (SELECT COUNT(*) FROM {Post._meta.db_table} WHERE topic_id = t.id),"
        f" {facts_sql('t.forum_id', 'here.reader')},"
        f" {reading_sql('t.id', 'here.reader')}",
        f"{Topic._meta.db_table} t"
        f" JOIN {Forum._meta.db_table} f ON f.id = t.forum_id"
        f" LEFT JOIN {users._meta.db_table} u ON u.id = t.author_id",
        "t.id = %s",
        user,
        pk,
    )
    topic, forum, author, posts_in_all, *facts = rows.build(row, Topic, Forum, users)
    rows.relate(topic, "forum", forum)
    rows.relate(topic, "author", author)
    topic.posts_in_all = posts_in_all
    access = ForumAccess(user, forum, facts[:3])
    if not access.can_see_topic(topic):
        raise Http404
    return topic, access, reading_of(*facts[3:])


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
