"""Issue 15's "done when", through the pages and the mails in Django's outbox: a new
member follows a topic, gets an instant mail whose links point to the served
address, switches to the daily summary, gets one, and ends it with the one POST a
mail program sends from `List-Unsubscribe`; a visitor subscribes to the newsletter,
confirms, gets the issue an editor sends from the admin, and unsubscribes."""

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import NotificationSettings
from forums import digest
from forums.models import TopicSubscription
from newsletter.models import Issue, Subscriber
from tests import factories

pytestmark = pytest.mark.django_db

SERVED = "http://127.0.0.1:8123"
URL = re.compile(r"https?://[^\s<>\"')]+")


@pytest.fixture(autouse=True)
def _served(settings):
    settings.SITE_URL = SERVED


def own_links(message) -> list[str]:
    parts = [message.body, *(html for html, _mime in message.alternatives)]
    parts.append(message.extra_headers.get("List-Unsubscribe", ""))
    return [link for part in parts for link in URL.findall(part)]


def one_click(message) -> int:
    url = re.match(r"<([^>]+)>", message.extra_headers["List-Unsubscribe"])[1]
    assert (
        message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    )
    response = Client(enforce_csrf_checks=True).post(
        urlsplit(url).path,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    return response.status_code


def test_a_member_from_sign_up_to_one_click_unsubscribe(client, mailoutbox):
    client.post(
        reverse("account_signup"),
        {
            "email": "neu@example.org",
            "password1": factories.PASSWORD,
            "password2": factories.PASSWORD,
        },
    )
    confirm = re.search(r"https?://\S+/konto/confirm-email/\S+/", mailoutbox[0].body)
    client.post(urlsplit(confirm[0]).path)
    topic = factories.forum_topic(title="Breitband im Solling")
    client.post(reverse("forums:topic-follow", kwargs=topic.url_kwargs()))
    assert TopicSubscription.objects.filter(topic=topic).count() == 2  # + author

    mailoutbox.clear()
    factories.forum_post(topic, body="Der Ausbau beginnt im **Mai**.")
    [instant] = [m for m in mailoutbox if m.to == ["neu@example.org"]]
    links = own_links(instant)
    assert links and {
        f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" for u in links
    } == {SERVED}
    assert instant.body.startswith("Guten Tag,")  # no display name yet

    page = client.get("/konto/benachrichtigungen/").content.decode()
    assert "Breitband im Solling" in page
    client.post(
        "/konto/benachrichtigungen/",
        {"posts": "daily", "moderation": "instant", "moderator_tasks": "instant"},
    )
    mailoutbox.clear()
    factories.forum_post(topic, body="Termine folgen.")
    assert not [m for m in mailoutbox if m.to == ["neu@example.org"]]
    digest.send_digests("daily", now=timezone.now())
    [summary] = [m for m in mailoutbox if m.to == ["neu@example.org"]]
    assert "Termine folgen." in summary.body
    assert all(link.startswith(SERVED) for link in own_links(summary))

    assert one_click(summary) == 200
    assert (
        NotificationSettings.objects.get(user__email="neu@example.org").posts == "off"
    )


def test_a_visitor_from_newsletter_subscription_to_one_click_unsubscribe(
    client, mailoutbox
):
    client.post("/newsletter/", {"email": "besuch@example.org", "states": ["NW"]})
    [confirmation] = mailoutbox
    assert all(link.startswith(SERVED) for link in own_links(confirmation))
    path = urlsplit(URL.search(confirmation.body)[0]).path
    Client().post(path)
    assert Subscriber.objects.get().is_confirmed

    editor = factories.editor()
    admin = Client()
    admin.force_login(editor)
    admin.post(
        reverse("admin:newsletter_issue_add"),
        {
            "subject": "Sommer in der Region",
            "body": "Neues aus *NRW*.",
            "state_nw": "on",
        },
    )
    issue = Issue.objects.get()
    mailoutbox.clear()
    admin.post(reverse("admin:newsletter_issue_send", args=[issue.pk]))
    [received] = mailoutbox
    assert received.to == ["besuch@example.org"]
    assert all(link.startswith(SERVED) for link in own_links(received))
    assert one_click(received) == 200
    assert not Subscriber.objects.exists()
