import logging
import re
import smtplib

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from forums import services, tasks, tokens
from forums.models import ForumSubscription, Membership, Post, TopicSubscription
from tests import factories

pytestmark = pytest.mark.django_db


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def recipients(mailoutbox) -> set[str]:
    return {address for message in mailoutbox for address in message.to}


def unsubscribe_path(message) -> str:
    return re.search(r"https?://[^/]+(/foren/abbestellen/[^/]+/)", message.body)[1]


def test_the_html_part_of_a_notification_has_only_absolute_links(mailoutbox, settings):
    settings.SITE_URL = "https://portal.example.org"
    forum = factories.forum()
    topic = factories.forum_topic(forum)
    mailoutbox.clear()

    factories.forum_post(
        topic, body="Siehe [das SREK](/dokumente/srek/) und [hier](https://a.example)."
    )

    [message] = mailoutbox  # to the topic's author, who follows it
    hrefs = re.findall(r'href="([^"]*)"', message.alternatives[0][0])
    assert "https://portal.example.org/dokumente/srek/" in hrefs
    assert "https://a.example" in hrefs
    assert not [href for href in hrefs if href.startswith("/")]


def test_a_reply_emails_followers_of_the_topic_and_the_forum_but_not_its_author(
    mailoutbox,
):
    forum = factories.forum()
    topic = factories.forum_topic(forum)
    topic_follower, forum_follower, replier = (factories.user() for _ in range(3))
    services.topic_follow(topic=topic, user=topic_follower)
    services.forum_follow(forum=forum, user=forum_follower)
    services.topic_follow(topic=topic, user=replier)
    bystander = factories.user()
    mailoutbox.clear()

    post = factories.forum_post(topic, author=replier, body="Wir sind dabei!")

    assert recipients(mailoutbox) == {
        topic.author.email,  # authors follow their topics
        topic_follower.email,
        forum_follower.email,
    }
    assert bystander.email not in recipients(mailoutbox)
    message = next(m for m in mailoutbox if m.to == [topic_follower.email])
    assert message.subject == f"[Region der Mitte] Neue Antwort: {topic.title}"
    assert "Wir sind dabei!" in message.body
    assert replier.public_name in message.body
    assert f"/foren/{forum.slug}/beitrag/{post.pk}/" in message.body
    assert "weil Sie diesem Thema folgen" in message.body
    assert message.extra_headers["List-Unsubscribe"] == (
        f"<http://127.0.0.1:8000{unsubscribe_path(message)}>"
    )


def test_a_new_topic_emails_the_followers_of_the_forum(mailoutbox):
    forum = factories.forum()
    follower = factories.user()
    services.forum_follow(forum=forum, user=follower)
    topic = factories.forum_topic(forum, title="Gemeinsame Buslinien")
    assert recipients(mailoutbox) == {follower.email}
    assert mailoutbox[0].subject == (
        f"[Region der Mitte] Neues Thema in „{forum.name}“: Gemeinsame Buslinien"
    )
    assert "weil Sie diesem Forum folgen" in mailoutbox[0].body
    assert topic.title in mailoutbox[0].body


def test_followers_who_may_no_longer_read_a_closed_forum_get_no_email(mailoutbox):
    forum = factories.forum(closed=True)
    topic = factories.forum_topic(forum)
    member, former_member = factories.user(), factories.user()
    for user in (member, former_member):
        factories.forum_membership(forum=forum, user=user)
        services.forum_follow(forum=forum, user=user)
    Membership.objects.filter(user=former_member).update(
        status=Membership.Status.DECLINED
    )
    mailoutbox.clear()
    factories.forum_post(topic)
    assert former_member.email not in recipients(mailoutbox)
    assert member.email in recipients(mailoutbox)
    # A moderator of the forum reads it, as does an administrator.
    admin = factories.admin()
    moderator = factories.forum_moderator(forum)
    ForumSubscription.objects.create(user=admin, forum=forum)
    ForumSubscription.objects.create(user=moderator, forum=forum)
    mailoutbox.clear()
    factories.forum_post(topic)
    assert {admin.email, moderator.email} <= recipients(mailoutbox)


def test_a_follower_whose_forum_became_closed_gets_no_email(mailoutbox):
    forum = factories.forum()
    topic = factories.forum_topic(forum)
    follower = factories.user()
    services.topic_follow(topic=topic, user=follower)
    forum.read_access = forum.ReadAccess.MEMBERS
    forum.post_access = forum.PostAccess.MEMBERS
    forum.save()
    mailoutbox.clear()
    factories.forum_post(topic, author=factories.forum_moderator(forum))
    assert follower.email not in recipients(mailoutbox)


def test_addresses_that_are_not_verified_get_no_email(mailoutbox):
    topic = factories.forum_topic()
    unverified = factories.user(verified=False)
    TopicSubscription.objects.create(topic=topic, user=unverified)
    mailoutbox.clear()
    factories.forum_post(topic)
    assert unverified.email not in recipients(mailoutbox)


def test_hidden_posts_and_topics_send_nothing(mailoutbox):
    topic = factories.forum_topic(notify=False)
    post = factories.forum_post(topic, notify=False)
    services.post_set_hidden(
        post=post,
        moderator=factories.forum_moderator(topic.forum),
        hidden=True,
        reason="Werbung.",
    )
    mailoutbox.clear()
    assert tasks.notify_followers.call(post_id=post.pk) == 0
    assert mailoutbox == []


def test_unverified_users_cannot_follow(signed_in):
    topic = factories.forum_topic()
    user = factories.user(verified=False)
    url = reverse("forums:topic-follow", kwargs=topic.url_kwargs())
    response = signed_in(user).post(url, follow=True)
    assert "Bitte bestätigen Sie Ihre E-Mail-Adresse" in response.content.decode()
    assert not TopicSubscription.objects.filter(user=user).exists()


def test_following_and_unfollowing_through_the_pages(signed_in):
    forum = factories.forum()
    topic = factories.forum_topic(forum)
    user = factories.user()
    client = signed_in(user)
    response = client.post(reverse("forums:topic-follow", kwargs=topic.url_kwargs()))
    assert response["Location"] == topic.get_absolute_url()
    assert TopicSubscription.objects.filter(user=user, topic=topic).exists()
    assert "Nicht mehr folgen" in client.get(topic.get_absolute_url()).content.decode()
    client.post(reverse("forums:topic-unfollow", kwargs=topic.url_kwargs()))
    assert not TopicSubscription.objects.filter(user=user, topic=topic).exists()
    client.post(reverse("forums:forum-follow", kwargs={"forum": forum.slug}))
    assert ForumSubscription.objects.filter(user=user, forum=forum).exists()
    client.post(reverse("forums:forum-unfollow", kwargs={"forum": forum.slug}))
    assert not ForumSubscription.objects.filter(user=user, forum=forum).exists()


def test_following_redirects_only_within_the_site(signed_in):
    topic = factories.forum_topic()
    url = reverse("forums:topic-follow", kwargs=topic.url_kwargs())
    response = signed_in(factories.user()).post(url, {"next": "https://evil.example/"})
    assert response["Location"] == topic.get_absolute_url()


def test_the_unsubscribe_link_works_signed_out_after_one_confirmation(
    client, mailoutbox
):
    topic = factories.forum_topic()
    follower = factories.user()
    services.topic_follow(topic=topic, user=follower)
    mailoutbox.clear()
    factories.forum_post(topic)
    message = next(m for m in mailoutbox if m.to == [follower.email])
    path = unsubscribe_path(message)

    page = client.get(path)
    assert page.status_code == 200
    assert "Keine E-Mails mehr zu neuen Beiträgen im Thema" in page.content.decode()
    # Opening the link (a mail scanner does) unsubscribes nobody.
    assert TopicSubscription.objects.filter(user=follower, topic=topic).exists()

    done = client.post(path)
    assert done.status_code == 200
    assert "Sie erhalten keine E-Mails mehr" in done.content.decode()
    assert not TopicSubscription.objects.filter(user=follower, topic=topic).exists()
    # The topic author still follows; nothing else was touched.
    assert TopicSubscription.objects.filter(topic=topic).count() == 1
    mailoutbox.clear()
    factories.forum_post(topic)
    assert follower.email not in recipients(mailoutbox)
    # The link stays harmless afterwards.
    assert client.get(path).status_code == 200


def test_a_forum_subscription_is_ended_by_its_own_link(client, mailoutbox):
    forum = factories.forum()
    follower = factories.user()
    services.forum_follow(forum=forum, user=follower)
    factories.forum_topic(forum)
    client.post(unsubscribe_path(mailoutbox[-1]))
    assert not ForumSubscription.objects.filter(user=follower).exists()


@pytest.mark.parametrize(
    "token", ["nonsense", "WyJ0IiwxXQ:1tampered:signature", "a" * 300]
)
def test_a_tampered_unsubscribe_token_is_refused(client, token):
    subscription = TopicSubscription.objects.create(
        topic=factories.forum_topic(), user=factories.user()
    )
    response = client.post(reverse("forums:unsubscribe", kwargs={"token": token}))
    assert response.status_code == 404
    assert "Dieser Link ist ungültig." in response.content.decode()
    assert TopicSubscription.objects.filter(pk=subscription.pk).exists()


def test_a_token_for_one_subscription_cannot_end_another():
    topic = factories.forum_topic()
    mine = TopicSubscription.objects.get(topic=topic)
    token = tokens.unsubscribe_token(mine)
    valid, found = tokens.subscription_for_token(token)
    assert valid and found == mine
    forum_subscription = ForumSubscription.objects.create(
        forum=topic.forum, user=factories.user()
    )
    assert tokens.unsubscribe_token(forum_subscription) != token


def test_a_failing_mail_server_is_logged_and_does_not_fail_the_post(
    signed_in, settings, caplog
):
    topic = factories.forum_topic()
    services.topic_follow(topic=topic, user=factories.user())
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    with caplog.at_level(logging.ERROR, logger="forums.tasks"):
        response = signed_in(factories.user()).post(
            reverse("forums:topic-reply", kwargs=topic.url_kwargs()),
            {"body": "Trotzdem veröffentlicht."},
        )
    assert response.status_code == 302
    assert Post.objects.filter(body="Trotzdem veröffentlicht.").exists()
    assert "could not be sent" in caplog.text


def test_a_mail_server_that_cannot_be_reached_is_logged(settings, caplog):
    class Unreachable(BaseEmailBackend):
        def open(self):
            raise ConnectionRefusedError("no mail server")

    topic = factories.forum_topic()
    services.topic_follow(topic=topic, user=factories.user())
    settings.EMAIL_BACKEND = f"{__name__}.Unreachable"
    globals()["Unreachable"] = Unreachable
    with caplog.at_level(logging.ERROR, logger="forums.tasks"):
        post = factories.forum_post(topic)
    assert post.pk
    assert "cannot reach the mail server" in caplog.text
