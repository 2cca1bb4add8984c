"""The forums' page types and URL rules for the quality gates.

Every forum URL is checked in an open forum (everyone reads, verified users post) and
in a closed one (only members read and post). MEMBER is made a member of the forum,
MODERATOR is assigned to it. Outsiders of a closed forum get 404 everywhere but on the
forum's own page, which tells them (signed in or not) whom it is for and how to join,
with a 403; readers who lack a right get 403; signed-out visitors are sent to sign in
(302).
"""

from django.urls import reverse

from forums import services, tokens
from forums.models import Membership, Report, TopicSubscription
from tests import factories
from tests.registry import MEMBER, MODERATOR, PageType, UrlRule, everyone


def _forum(*, user=None, role=None, closed=False, members_post=False):
    forum = factories.forum(closed=closed, members_post=members_post)
    if role == MEMBER:
        factories.forum_membership(forum=forum, user=user)
    elif role == MODERATOR:
        factories.forum_moderator(forum, user)
    return forum


def _topic(*, user=None, role=None, closed=False):
    forum = _forum(user=user, role=role, closed=closed)
    return factories.forum_topic(forum, replies=1, notify=False)


def forum_kwargs(closed=False, members_post=False):
    def setup(*, user=None, role=None):
        forum = _forum(user=user, role=role, closed=closed, members_post=members_post)
        return {"forum": forum.slug}

    return setup


def topic_kwargs(closed=False):
    def setup(*, user=None, role=None):
        return _topic(user=user, role=role, closed=closed).url_kwargs()

    return setup


def post_kwargs(closed=False):
    def setup(*, user=None, role=None):
        topic = _topic(user=user, role=role, closed=closed)
        # The latest post, by someone else than the role's user.
        return {"forum": topic.forum.slug, "pk": topic.last_post_id}

    return setup


def membership_kwargs(closed=False):
    def setup(*, user=None, role=None):
        forum = _forum(user=user, role=role, closed=closed, members_post=not closed)
        applicant = factories.user()
        membership = factories.forum_membership(
            forum=forum, user=applicant, status=Membership.Status.PENDING
        )
        return {"forum": forum.slug, "pk": membership.pk}

    return setup


def report_kwargs(closed=False):
    def setup(*, user=None, role=None):
        topic = _topic(user=user, role=role, closed=closed)
        report = Report.objects.create(
            post=topic.last_post, reporter=factories.user(), reason="Werbung."
        )
        return {"forum": topic.forum.slug, "pk": report.pk}

    return setup


def unsubscribe_kwargs(closed=False):
    def setup(*, user=None, role=None):
        topic = _topic(closed=closed)
        subscription = TopicSubscription.objects.get(topic=topic)
        return {"token": tokens.unsubscribe_token(subscription)}

    return setup


# Who gets what in an open forum and in a closed one, by kind of URL.
READ = everyone(200)
READ_CLOSED = everyone(404, member=200, moderator=200, admin=200)
MEMBERS_ONLY = everyone(403, member=200, moderator=200, admin=200)
REDIRECT = everyone(302)
REDIRECT_CLOSED = everyone(404, member=302, moderator=302, admin=302)
WRITE = everyone(200, anonymous=302, unverified=403)
WRITE_CLOSED = everyone(404, member=200, moderator=200, admin=200)
SEND = everyone(302, unverified=403)
SEND_CLOSED = everyone(404, member=302, moderator=302, admin=302)
MODERATE = everyone(403, anonymous=302, moderator=200, admin=200)
MODERATE_CLOSED = everyone(404, member=403, moderator=200, admin=200)
MODERATE_POST = everyone(403, anonymous=302, moderator=302, admin=302)
MODERATE_POST_CLOSED = everyone(404, member=403, moderator=302, admin=302)
JOIN = everyone(200, anonymous=302, member=302, moderator=302, admin=302)
REPLY = {"body": "Dem stimme ich zu, auch aus Sicht des Landkreises."}

URL_RULES = [
    UrlRule("forums:space-list", lambda: {}, READ),
    UrlRule("forums:unsubscribe", unsubscribe_kwargs(), READ),
    UrlRule("forums:unsubscribe", unsubscribe_kwargs(closed=True), READ),
    UrlRule("forums:forum-detail", forum_kwargs(), READ),
    UrlRule("forums:forum-detail", forum_kwargs(closed=True), MEMBERS_ONLY),
    UrlRule("forums:topic-create", forum_kwargs(), WRITE),
    UrlRule("forums:topic-create", forum_kwargs(closed=True), WRITE_CLOSED),
    UrlRule("forums:forum-follow", forum_kwargs(), REDIRECT, method="post"),
    UrlRule(
        "forums:forum-follow", forum_kwargs(closed=True), REDIRECT_CLOSED, method="post"
    ),
    UrlRule("forums:forum-unfollow", forum_kwargs(), REDIRECT, method="post"),
    UrlRule(
        "forums:forum-unfollow",
        forum_kwargs(closed=True),
        REDIRECT_CLOSED,
        method="post",
    ),
    # A forum open to all needs no membership; one where members write does.
    UrlRule("forums:membership-request", forum_kwargs(), everyone(404)),
    UrlRule("forums:membership-request", forum_kwargs(members_post=True), JOIN),
    UrlRule("forums:membership-request", forum_kwargs(closed=True), JOIN),
    UrlRule(
        "forums:membership-decide",
        membership_kwargs(),
        MODERATE_POST,
        method="post",
        data={"decision": "approve"},
    ),
    UrlRule(
        "forums:membership-decide",
        membership_kwargs(closed=True),
        MODERATE_POST_CLOSED,
        method="post",
        data={"decision": "decline"},
    ),
    UrlRule("forums:moderation", forum_kwargs(), MODERATE),
    UrlRule("forums:moderation", forum_kwargs(closed=True), MODERATE_CLOSED),
    UrlRule("forums:report-resolve", report_kwargs(), MODERATE_POST, method="post"),
    UrlRule(
        "forums:report-resolve",
        report_kwargs(closed=True),
        MODERATE_POST_CLOSED,
        method="post",
    ),
    UrlRule("forums:topic-detail", topic_kwargs(), READ),
    UrlRule("forums:topic-detail", topic_kwargs(closed=True), READ_CLOSED),
    UrlRule("forums:topic-pdf", topic_kwargs(), READ),
    UrlRule("forums:topic-pdf", topic_kwargs(closed=True), READ_CLOSED),
    # Feeds are read without signing in: public forums only, for everyone alike.
    UrlRule("forums:forum-feed", forum_kwargs(), everyone(200)),
    UrlRule("forums:forum-feed", forum_kwargs(closed=True), everyone(404)),
    UrlRule("forums:topic-feed", topic_kwargs(), everyone(200)),
    UrlRule("forums:topic-feed", topic_kwargs(closed=True), everyone(404)),
    UrlRule("forums:topic-reply", topic_kwargs(), WRITE),
    UrlRule("forums:topic-reply", topic_kwargs(closed=True), WRITE_CLOSED),
    UrlRule("forums:topic-reply", topic_kwargs(), SEND, method="post", data=REPLY),
    UrlRule(
        "forums:topic-reply",
        topic_kwargs(closed=True),
        SEND_CLOSED,
        method="post",
        data=REPLY,
    ),
    UrlRule("forums:topic-follow", topic_kwargs(), REDIRECT, method="post"),
    UrlRule(
        "forums:topic-follow", topic_kwargs(closed=True), REDIRECT_CLOSED, method="post"
    ),
    UrlRule("forums:topic-unfollow", topic_kwargs(), REDIRECT, method="post"),
    UrlRule(
        "forums:topic-unfollow",
        topic_kwargs(closed=True),
        REDIRECT_CLOSED,
        method="post",
    ),
    UrlRule("forums:topic-moderate", topic_kwargs(), MODERATE),
    UrlRule("forums:topic-moderate", topic_kwargs(closed=True), MODERATE_CLOSED),
    UrlRule("forums:post-detail", post_kwargs(), REDIRECT),
    UrlRule("forums:post-detail", post_kwargs(closed=True), REDIRECT_CLOSED),
    # Someone else's post: only moderators edit it.
    UrlRule("forums:post-edit", post_kwargs(), MODERATE),
    UrlRule("forums:post-edit", post_kwargs(closed=True), MODERATE_CLOSED),
    UrlRule("forums:post-report", post_kwargs(), everyone(200, anonymous=302)),
    UrlRule("forums:post-report", post_kwargs(closed=True), WRITE_CLOSED),
    UrlRule("forums:post-history", post_kwargs(), MODERATE),
    UrlRule("forums:post-history", post_kwargs(closed=True), MODERATE_CLOSED),
    UrlRule("forums:post-moderate", post_kwargs(), MODERATE),
    UrlRule("forums:post-moderate", post_kwargs(closed=True), MODERATE_CLOSED),
]


# --- page types ---------------------------------------------------------------


def _index_url():
    forum = factories.forum()
    factories.forum_topic(forum, replies=2, notify=False)
    factories.forum(closed=True)
    return reverse("forums:space-list")


def _forum_url():
    forum = factories.forum()
    for _ in range(3):
        factories.forum_topic(forum, replies=1, notify=False)
    topic = factories.forum_topic(forum, notify=False)
    services.topic_set_pinned(
        topic=topic,
        moderator=factories.forum_moderator(forum),
        pinned=True,
        reason="Wichtige Hinweise für alle.",
    )
    return forum.get_absolute_url()


def _topic_url():
    forum = factories.forum()
    topic = factories.forum_topic(
        forum,
        body="## Vorschlag\n\n- Lage und Größe\n- Breitband\n\n> Ein Zitat\n\n"
        "[Mehr dazu](https://www.regiondermitte.de)",
        replies=3,
        notify=False,
    )
    post = factories.forum_post(topic, body="Zweite Fassung.", notify=False)
    services.post_edit(post=post, editor=post.author, body="Überarbeitete Fassung.")
    return topic.get_absolute_url()


def _new_topic_url(*, user=None):
    return reverse("forums:topic-create", kwargs={"forum": factories.forum().slug})


def _moderation_url(*, user=None):
    forum = factories.forum(members_post=True)
    moderator = factories.forum_moderator(forum, user)
    topic = factories.forum_topic(forum, replies=2, notify=False)
    services.post_report(
        post=topic.last_post, reporter=factories.user(), reason="Das ist Werbung."
    )
    services.topic_set_locked(
        topic=topic, moderator=moderator, locked=True, reason="Erledigt."
    )
    factories.forum_membership(
        forum=forum, user=factories.user(), status=Membership.Status.PENDING
    )
    return reverse("forums:moderation", kwargs={"forum": forum.slug})


def _membership_url(*, user=None):
    forum = factories.forum(closed=True)
    return reverse("forums:membership-request", kwargs={"forum": forum.slug})


def _members_only_url(*, user=None):
    forum = factories.forum(closed=True)
    factories.forum_topic(forum, title="Nur für Mitglieder", notify=False)
    if user is not None:
        factories.forum_membership(
            forum=forum, user=user, status=Membership.Status.PENDING
        )
    return forum.get_absolute_url()


def _unsubscribe_url():
    topic = factories.forum_topic(notify=False)
    subscription = TopicSubscription.objects.get(topic=topic)
    return reverse(
        "forums:unsubscribe", kwargs={"token": tokens.unsubscribe_token(subscription)}
    )


PAGE_TYPES = [
    PageType("forums: index", _index_url),
    PageType("forums: topic list", _forum_url),
    PageType("forums: topic", _topic_url),
    PageType("forums: new topic", _new_topic_url, signed_out=False),
    PageType("forums: moderation", _moderation_url, signed_out=False),
    PageType("forums: membership request", _membership_url, signed_out=False),
    PageType("forums: closed forum, for outsiders", _members_only_url, status=403),
    # One-click (RFC 8058): its form needs no CSRF token, so no cookie either.
    PageType("forums: unsubscribe", _unsubscribe_url),
]
