"""Notification mail as it leaves the portal: links to the configured address only,
text and HTML, a greeting, Markdown as text, the site's Message-ID, and the one-click
unsubscribe of RFC 8058."""

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client

from forums import services
from forums.models import TopicSubscription
from tests import factories

pytestmark = pytest.mark.django_db

SITE = "https://portal.example.org"
URL = re.compile(r"https?://[^\s<>\"')]+")


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def html_of(message) -> str:
    (html, mime), *_ = message.alternatives
    assert mime == "text/html"
    return html


def reply_mail(mailoutbox, *, follower=None, body="Wir sind **dabei**!"):
    topic = factories.forum_topic()
    follower = follower or factories.user()
    services.topic_follow(topic=topic, user=follower)
    mailoutbox.clear()
    factories.forum_post(topic, body=body)
    return next(m for m in mailoutbox if m.to == [follower.email])


def test_every_link_of_a_notification_points_to_the_configured_address(mailoutbox):
    message = reply_mail(
        mailoutbox, body="Siehe [Protokoll](/dokumente/) und https://example.com/x"
    )
    parts = [message.body, html_of(message), message.extra_headers["List-Unsubscribe"]]
    links = [link for part in parts for link in URL.findall(part)]
    own = [link for link in links if "example.com" not in link]
    assert len(own) >= 5  # post, unsubscribe, settings, in text, HTML and header
    assert {urlsplit(link).netloc for link in own} == {"portal.example.org"}
    # A site-relative link in the post is made absolute in the text part too.
    assert f"Protokoll ({SITE}/dokumente/)" in message.body


def test_a_notification_has_a_text_and_an_accessible_html_part(mailoutbox):
    message = reply_mail(mailoutbox)
    html = html_of(message)
    assert '<html lang="de">' in html
    assert "<title>" in html
    assert "<strong>dabei</strong>" in html
    assert "<img" not in html
    assert "<style" not in html  # inlined by css-inline
    assert 'style="' in html
    # The text part is readable text, not Markdown.
    assert "Wir sind dabei!" in message.body
    assert "**" not in message.body


def test_markdown_becomes_plain_text_with_lists_quotes_and_links(mailoutbox):
    from core.mail import plain_text
    from core.markdown import render

    text = plain_text(
        render(
            "> Zitat\n\nErster Absatz mit [Link](https://a.example/).\n\n- eins\n- zwei"
        )
    )
    assert text == (
        "> Zitat\n\nErster Absatz mit Link (https://a.example/).\n\n- eins\n- zwei"
    )


def test_greeting_by_display_name_or_neutral(mailoutbox):
    named = reply_mail(mailoutbox, follower=factories.user(display_name="Anna Berg"))
    assert named.body.startswith("Guten Tag Anna Berg,")
    anonymous = reply_mail(mailoutbox, follower=factories.user(display_name=""))
    assert anonymous.body.startswith("Guten Tag,\n")
    assert "Mitglied" not in anonymous.body.splitlines()[0]


def test_headers_message_id_auto_submitted_and_one_click(mailoutbox):
    message = reply_mail(mailoutbox)
    headers = message.message()
    assert headers["Message-ID"].endswith("@portal.example.org>")
    assert headers["Auto-Submitted"] == "auto-generated"
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers["List-Unsubscribe"].startswith(f"<{SITE}/foren/abbestellen/")


def test_a_mailto_unsubscribe_only_where_an_inbound_address_is_set(
    mailoutbox, settings
):
    assert "mailto:" not in reply_mail(mailoutbox).extra_headers["List-Unsubscribe"]
    settings.MAIL_UNSUBSCRIBE_ADDRESS = "abbestellen@portal.example.org"
    header = reply_mail(mailoutbox).extra_headers["List-Unsubscribe"]
    assert header.startswith(f"<{SITE}/")
    assert ", <mailto:abbestellen@portal.example.org?subject=" in header


def one_click_path(message) -> str:
    url = re.match(r"<([^>]+)>", message.extra_headers["List-Unsubscribe"])[1]
    assert url.startswith(SITE)
    return url.removeprefix(SITE)


def test_one_click_post_ends_exactly_that_subscription_without_csrf(mailoutbox):
    follower = factories.user()
    other_topic = factories.forum_topic()
    services.topic_follow(topic=other_topic, user=follower)
    message = reply_mail(mailoutbox, follower=follower)
    bystander_message = reply_mail(mailoutbox)
    client = Client(enforce_csrf_checks=True)  # as a mail program: no session
    response = client.post(
        one_click_path(message),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    remaining = TopicSubscription.objects.filter(user=follower)
    assert [s.topic for s in remaining] == [other_topic]
    # The other reader's subscription to their topic is untouched.
    assert TopicSubscription.objects.filter(
        user__email=bystander_message.to[0]
    ).exists()


def test_the_get_asks_first_and_ends_nothing(client, mailoutbox):
    message = reply_mail(mailoutbox)
    response = client.get(one_click_path(message))
    page = response.content.decode()
    assert "Keine E-Mails mehr" in page
    assert "<button" in page
    assert "csrfmiddlewaretoken" not in page
    assert not response.cookies
    assert TopicSubscription.objects.filter(user__email=message.to[0]).exists()


def test_a_token_cannot_be_turned_against_another_subscription(mailoutbox):
    from django.core import signing

    from forums.tokens import UNSUBSCRIBE_SALT, subscription_for_token

    message = reply_mail(mailoutbox)
    victim = reply_mail(mailoutbox)
    victim_subscription = TopicSubscription.objects.get(user__email=victim.to[0])
    token = one_click_path(message).split("/")[-2]
    kind, _pk, owner = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    # Only the signing key makes tokens; a forged one with the victim's row and the
    # attacker's owner is refused even when signed (as if the key had leaked once).
    forged = signing.dumps([kind, victim_subscription.pk, owner], salt=UNSUBSCRIBE_SALT)
    assert subscription_for_token(forged) == (True, None)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert Client().post(f"/foren/abbestellen/{tampered}/").status_code == 404
    assert TopicSubscription.objects.filter(pk=victim_subscription.pk).exists()


def test_every_forum_notification_carries_a_one_click_link_for_its_kind(mailoutbox):
    from accounts.models import NotificationSettings

    forum = factories.forum()
    moderator = factories.forum_moderator(forum)
    post = factories.forum_post(factories.forum_topic(forum))
    mailoutbox.clear()
    services.post_report(post=post, reporter=factories.user(), reason="Werbung.")
    [report] = [m for m in mailoutbox if m.to == [moderator.email]]
    assert report.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert one_click_path(report) in report.body
    assert "/konto/benachrichtigungen/" in report.body
    response = Client(enforce_csrf_checks=True).post(
        one_click_path(report),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    prefs = NotificationSettings.objects.get(user=moderator)
    assert (prefs.moderator_tasks, prefs.moderation, prefs.posts) == (
        "off",
        "instant",
        "instant",
    )
    mailoutbox.clear()
    services.post_report(post=post, reporter=factories.user(), reason="Noch mal.")
    assert not [m for m in mailoutbox if m.to == [moderator.email]]
    # The same link again: it ends nothing more, and says so.
    page = Client().get(one_click_path(report)).content.decode()
    assert "keine E-Mails mehr" in page or "Keine E-Mails mehr" in page
