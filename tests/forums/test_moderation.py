import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from forums import services
from forums.models import Membership, ModerationLog, Report, Topic
from tests import factories

pytestmark = pytest.mark.django_db

Action = ModerationLog.Action


def moderate_url(topic):
    return reverse("forums:topic-moderate", kwargs=topic.url_kwargs())


@pytest.mark.parametrize(
    ("action", "field", "logged", "subject"),
    [
        ("pin", "is_pinned", Action.PIN, "Moderation: Thema angeheftet"),
        ("lock", "is_locked", Action.LOCK, "Moderation: Thema geschlossen"),
        ("hide", "is_hidden", Action.HIDE_TOPIC, "Moderation: Thema ausgeblendet"),
    ],
)
def test_moderators_pin_lock_and_hide_with_a_reason_logged_and_told_to_the_author(
    signed_in, mailoutbox, action, field, logged, subject
):
    topic = factories.forum_topic()
    moderator = factories.forum_moderator(topic.forum)
    mailoutbox.clear()
    response = signed_in(moderator).post(
        moderate_url(topic), {"action": action, "reason": "Wegen der Hausregeln."}
    )
    assert response.status_code == 302
    topic.refresh_from_db()
    assert getattr(topic, field) is True
    entry = ModerationLog.objects.get()
    assert (entry.action, entry.actor, entry.reason, entry.topic) == (
        logged,
        moderator,
        "Wegen der Hausregeln.",
        topic,
    )
    assert entry.affected_user == topic.author
    [message] = mailoutbox
    assert message.to == [topic.author.email]
    assert message.subject == f"[Region der Mitte] {subject}"
    assert "Warum: Wegen der Hausregeln." in message.body
    # And undone, again with a reason.
    undo = {"pin": "unpin", "lock": "unlock", "hide": "unhide"}[action]
    signed_in(moderator).post(moderate_url(topic), {"action": undo, "reason": "Ok."})
    topic.refresh_from_db()
    assert getattr(topic, field) is False
    assert ModerationLog.objects.count() == 2


def test_a_moderation_action_without_a_reason_is_refused(signed_in):
    topic = factories.forum_topic()
    moderator = factories.forum_moderator(topic.forum)
    response = signed_in(moderator).post(
        moderate_url(topic), {"action": "lock", "reason": "   "}
    )
    assert response.status_code == 200
    assert "Bitte geben Sie einen Grund an." in response.content.decode()
    topic.refresh_from_db()
    assert not topic.is_locked
    with pytest.raises(ValidationError):
        services.topic_set_locked(
            topic=topic, moderator=moderator, locked=True, reason=""
        )
    assert not ModerationLog.objects.exists()


def test_moderators_of_another_forum_cannot_moderate_here(signed_in):
    topic = factories.forum_topic()
    elsewhere = factories.forum_moderator(factories.forum())
    response = signed_in(elsewhere).post(
        moderate_url(topic), {"action": "lock", "reason": "Test"}
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.topic_set_locked(
            topic=topic, moderator=elsewhere, locked=True, reason="Test"
        )


def test_a_hidden_topic_is_gone_for_readers_and_shown_to_moderators_with_reason(
    client, signed_in
):
    forum = factories.forum()
    topic = factories.forum_topic(forum, title="Verstecktes Thema")
    moderator = factories.forum_moderator(forum)
    services.topic_set_hidden(
        topic=topic, moderator=moderator, hidden=True, reason="Doppelt angelegt."
    )
    assert client.get(topic.get_absolute_url()).status_code == 404
    assert (
        "Verstecktes Thema" not in client.get(forum.get_absolute_url()).content.decode()
    )
    assert signed_in(topic.author).get(topic.get_absolute_url()).status_code == 404
    page = signed_in(moderator).get(topic.get_absolute_url()).content.decode()
    assert "Doppelt angelegt." in page
    assert (
        "Verstecktes Thema"
        in signed_in(moderator).get(forum.get_absolute_url()).content.decode()
    )
    forum.refresh_from_db()
    assert forum.topic_count == 0


def test_a_moved_topic_follows_to_its_new_forum_and_old_links_redirect(
    signed_in, mailoutbox
):
    source, target = factories.forum(), factories.forum()
    topic = factories.forum_topic(source, replies=2)
    moderator = factories.forum_moderator(source)
    client = signed_in(moderator)
    old_url = topic.get_absolute_url()
    # Only forums the moderator moderates are offered.
    response = client.post(
        moderate_url(topic),
        {"action": "move", "target_forum": target.pk, "reason": "Passt besser."},
    )
    assert response.status_code == 200
    assert Topic.objects.get(pk=topic.pk).forum == source
    factories.forum_moderator(target, moderator)
    mailoutbox.clear()
    response = client.post(
        moderate_url(topic),
        {"action": "move", "target_forum": target.pk, "reason": "Passt besser."},
    )
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.forum == target
    source.refresh_from_db()
    target.refresh_from_db()
    assert (source.topic_count, source.post_count) == (0, 0)
    assert (target.topic_count, target.post_count) == (1, 3)
    redirect = client.get(old_url)
    assert (redirect.status_code, redirect["Location"]) == (
        301,
        topic.get_absolute_url(),
    )
    entry = ModerationLog.objects.get(action=Action.MOVE_TOPIC)
    assert (entry.forum, entry.target_forum) == (source, target)
    assert "Passt besser." in mailoutbox[0].body
    # Both forums' desks show the move.
    for forum in (source, target):
        page = client.get(reverse("forums:moderation", kwargs={"forum": forum.slug}))
        assert "Thema verschoben" in page.content.decode()


def test_a_hidden_post_is_replaced_by_a_note_and_its_author_is_told(
    client, signed_in, mailoutbox
):
    topic = factories.forum_topic(replies=1)
    post = topic.last_post
    moderator = factories.forum_moderator(topic.forum)
    mailoutbox.clear()
    url = reverse(
        "forums:post-moderate", kwargs={"forum": topic.forum.slug, "pk": post.pk}
    )
    response = signed_in(moderator).post(url, {"reason": "Persönlicher Angriff."})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.is_hidden and post.hidden_reason == "Persönlicher Angriff."
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "Dieser Beitrag wurde von der Moderation ausgeblendet." in page
    assert "Antwort Nummer 1" not in page
    assert "Persönlicher Angriff." not in page
    moderator_page = signed_in(moderator).get(topic.get_absolute_url()).content.decode()
    assert "Antwort Nummer 1" in moderator_page
    assert "Persönlicher Angriff." in moderator_page
    assert [m.to for m in mailoutbox] == [[post.author.email]]
    assert "Persönlicher Angriff." in mailoutbox[0].body
    topic.refresh_from_db()
    assert topic.post_count == 1
    # Shown again, with a reason.
    signed_in(moderator).post(url, {"reason": "Missverständnis."})
    post.refresh_from_db()
    assert not post.is_hidden
    assert ModerationLog.objects.filter(action=Action.UNHIDE_POST).exists()


def test_readers_report_posts_and_moderators_resolve_them_from_the_queue(
    signed_in, mailoutbox
):
    forum = factories.forum()
    moderator = factories.forum_moderator(forum)
    topic = factories.forum_topic(forum, replies=1)
    post = topic.last_post
    reporter = factories.user()
    mailoutbox.clear()
    url = reverse("forums:post-report", kwargs={"forum": forum.slug, "pk": post.pk})
    response = signed_in(reporter).post(url, {"reason": "Das ist Werbung."})
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.reporter, report.status) == (reporter, Report.Status.OPEN)
    assert [m.to for m in mailoutbox] == [[moderator.email]]
    # Twice is once.
    response = signed_in(reporter).post(url, {"reason": "Immer noch Werbung."})
    assert "bereits gemeldet" in response.content.decode()
    assert Report.objects.count() == 1
    # The author does not learn who reported.
    desk = reverse("forums:moderation", kwargs={"forum": forum.slug})
    page = signed_in(moderator).get(desk).content.decode()
    assert "Das ist Werbung." in page and reporter.public_name in page
    assert signed_in(post.author).get(desk).status_code == 403
    resolve = reverse(
        "forums:report-resolve", kwargs={"forum": forum.slug, "pk": report.pk}
    )
    signed_in(moderator).post(resolve, {"note": "Kein Verstoß."})
    report.refresh_from_db()
    assert (report.status, report.resolved_by, report.resolution) == (
        Report.Status.RESOLVED,
        moderator,
        "Kein Verstoß.",
    )
    page = signed_in(moderator).get(desk).content.decode()
    assert "Keine offenen Meldungen." in page
    assert "Meldung erledigt" in page


def test_authors_are_not_offered_to_report_their_own_posts(signed_in):
    topic = factories.forum_topic(replies=1)
    own, other = topic.posts.order_by("pk")
    author = signed_in(own.author)

    def report_url(post):
        kwargs = {"forum": topic.forum.slug, "pk": post.pk}
        return reverse("forums:post-report", kwargs=kwargs)

    page = author.get(topic.get_absolute_url()).content.decode()
    assert report_url(own) not in page
    assert report_url(other) in page
    assert author.get(report_url(own)).status_code == 403
    response = author.post(report_url(own), {"reason": "Test."})
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.post_report(post=own, reporter=own.author, reason="Test.")
    assert not Report.objects.exists()


def test_the_report_page_of_a_hidden_post_shows_readers_nothing_of_it(signed_in):
    topic = factories.forum_topic(replies=1)
    post = topic.last_post
    moderator = factories.forum_moderator(topic.forum)
    services.post_set_hidden(
        post=post, moderator=moderator, hidden=True, reason="Beleidigend."
    )
    url = reverse(
        "forums:post-report", kwargs={"forum": topic.forum.slug, "pk": post.pk}
    )
    response = signed_in(factories.user()).get(url)
    assert response.status_code == 404
    assert b"Antwort Nummer 1" not in response.content
    page = signed_in(moderator).get(url).content.decode()
    assert "Antwort Nummer 1" in page and "Beleidigend." in page


def test_a_report_needs_a_reason(signed_in):
    topic = factories.forum_topic()
    post = topic.posts.get()
    url = reverse(
        "forums:post-report", kwargs={"forum": topic.forum.slug, "pk": post.pk}
    )
    response = signed_in(factories.user()).post(url, {"reason": " "})
    assert "Bitte schreiben Sie der Moderation" in response.content.decode()
    assert not Report.objects.exists()


def test_a_closed_forum_is_joined_by_request_and_approval(
    client, signed_in, mailoutbox
):
    forum = factories.forum(closed=True)
    topic = factories.forum_topic(forum, title="Nur für Mitglieder")
    moderator = factories.forum_moderator(forum)
    applicant = factories.user()
    applicant_client = signed_in(applicant)
    assert applicant_client.get(topic.get_absolute_url()).status_code == 404
    url = reverse("forums:membership-request", kwargs={"forum": forum.slug})
    mailoutbox.clear()
    response = applicant_client.post(url, {"reason": "Ich leite einen Betrieb."})
    assert response.status_code == 302
    membership = Membership.objects.get(user=applicant)
    assert membership.status == Membership.Status.PENDING
    assert [m.to for m in mailoutbox] == [[moderator.email]]
    assert "Ich leite einen Betrieb." in mailoutbox[0].body
    assert "beantragt" in applicant_client.get(url).content.decode()

    desk = reverse("forums:moderation", kwargs={"forum": forum.slug})
    assert "Ich leite einen Betrieb." in signed_in(moderator).get(desk).content.decode()
    mailoutbox.clear()
    decide = reverse(
        "forums:membership-decide", kwargs={"forum": forum.slug, "pk": membership.pk}
    )
    signed_in(moderator).post(decide, {"decision": "approve", "note": "Willkommen!"})
    membership.refresh_from_db()
    assert membership.status == Membership.Status.APPROVED
    [message] = mailoutbox
    assert message.to == [applicant.email]
    assert "Sie sind jetzt Mitglied" in message.body and "Willkommen!" in message.body
    assert applicant_client.get(topic.get_absolute_url()).status_code == 200
    assert ModerationLog.objects.filter(action=Action.APPROVE_MEMBER).exists()
    # Deciding twice is refused.
    with pytest.raises(ValidationError):
        services.membership_decide(
            membership=membership, moderator=moderator, approve=False
        )


def test_a_declined_request_is_told_and_the_forum_stays_closed(signed_in, mailoutbox):
    forum = factories.forum(closed=True)
    topic = factories.forum_topic(forum)
    moderator = factories.forum_moderator(forum)
    applicant = factories.user()
    membership = services.membership_request(
        forum=forum, user=applicant, reason="Neugier."
    )
    mailoutbox.clear()
    services.membership_decide(
        membership=membership, moderator=moderator, approve=False, note="Nur Betriebe."
    )
    [message] = mailoutbox
    assert message.to == [applicant.email]
    assert "abgelehnt" in message.body and "Nur Betriebe." in message.body
    assert signed_in(applicant).get(topic.get_absolute_url()).status_code == 404
    # They may ask again.
    url = reverse("forums:membership-request", kwargs={"forum": forum.slug})
    assert "erneut anfragen" in signed_in(applicant).get(url).content.decode()
    services.membership_request(
        forum=forum, user=applicant, reason="Jetzt mit Betrieb."
    )
    membership.refresh_from_db()
    assert membership.status == Membership.Status.PENDING


def test_unverified_users_cannot_ask_to_join(signed_in):
    forum = factories.forum(closed=True)
    user = factories.user(verified=False)
    url = reverse("forums:membership-request", kwargs={"forum": forum.slug})
    page = signed_in(user).get(url).content.decode()
    assert "Bitte bestätigen Sie Ihre E-Mail-Adresse" in page
    signed_in(user).post(url, {"reason": "Bitte."})
    assert not Membership.objects.exists()


def test_the_moderation_log_is_in_the_admin_for_administrators_and_read_only(client):
    topic = factories.forum_topic()
    services.topic_set_pinned(
        topic=topic,
        moderator=factories.forum_moderator(topic.forum),
        pinned=True,
        reason="Wichtig.",
    )
    client.force_login(factories.admin())
    page = client.get(reverse("admin:forums_moderationlog_changelist"))
    assert page.status_code == 200
    assert "Wichtig." in page.content.decode()
    entry = ModerationLog.objects.get()
    delete = reverse("admin:forums_moderationlog_delete", args=[entry.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert ModerationLog.objects.exists()


def test_forum_moderators_are_chosen_from_the_group_moderation(client):
    from forums.admin import ForumAdmin
    from forums.models import Forum

    moderator, plain = factories.moderator(), factories.user()
    field = Forum._meta.get_field("moderators")
    choices = field.formfield().queryset.complex_filter(
        field.remote_field.limit_choices_to
    )
    assert moderator in choices and plain not in choices
    assert ForumAdmin.filter_horizontal == ["moderators"]
