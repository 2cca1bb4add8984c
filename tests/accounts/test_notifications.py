"""`/konto/benachrichtigungen/`: what one follows, how each kind of mail comes, and
the switch that pauses all of it (as the Datenschutz page promises)."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import NotificationSettings
from forums import services
from forums.models import ForumSubscription, TopicSubscription
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/konto/benachrichtigungen/"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def save(client, **choices):
    data = {"posts": "instant", "moderation": "instant", "moderator_tasks": "instant"}
    data.update(choices)
    return client.post(URL, data, follow=True)


def test_the_page_lists_what_one_follows_and_ends_it(django_assert_max_num_queries):
    user = factories.user()
    topic = factories.forum_topic(title="Radweg Beverungen")
    forum = factories.forum(name="Mobilität")
    services.topic_follow(topic=topic, user=user)
    services.forum_follow(forum=forum, user=user)
    for _ in range(3):
        services.topic_follow(topic=factories.forum_topic(), user=user)
    client = signed_in(user)
    with django_assert_max_num_queries(12):
        page = client.get(URL).content.decode()
    assert "Radweg Beverungen" in page
    assert "Mobilität" in page
    unfollow = reverse("forums:topic-unfollow", kwargs=topic.url_kwargs())
    assert unfollow in page
    response = client.post(unfollow, {"next": URL})
    assert response["Location"] == URL
    assert not TopicSubscription.objects.filter(user=user, topic=topic).exists()
    assert ForumSubscription.objects.filter(user=user, forum=forum).exists()


def test_signed_out_visitors_are_sent_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


@pytest.mark.parametrize(
    "choices", [{"posts": "off"}, {"posts": "daily"}, {"paused": "on"}]
)
def test_no_instant_mail_unless_chosen(mailoutbox, choices):
    user = factories.user()
    topic = factories.forum_topic()
    services.topic_follow(topic=topic, user=user)
    response = save(signed_in(user), **choices)
    assert "Ihre Benachrichtigungen sind gespeichert." in response.content.decode()
    mailoutbox.clear()
    factories.forum_post(topic)
    assert user.email not in {a for m in mailoutbox for a in m.to}
    # Back to "sofort": the next reply comes.
    save(signed_in(user))
    factories.forum_post(topic)
    assert user.email in {a for m in mailoutbox for a in m.to}


def test_moderators_can_switch_off_reports(mailoutbox):
    forum = factories.forum()
    moderator = factories.forum_moderator(forum)
    post = factories.forum_post(factories.forum_topic(forum))
    save(signed_in(moderator), moderator_tasks="off")
    mailoutbox.clear()
    services.post_report(post=post, reporter=factories.user(), reason="Werbung.")
    assert moderator.email not in {a for m in mailoutbox for a in m.to}


def test_a_choice_outside_the_list_is_refused_in_german():
    user = factories.user()
    response = save(signed_in(user), posts="hourly")
    assert response.status_code == 200
    assert "Bitte eine gültige Auswahl treffen" in response.content.decode()
    assert not NotificationSettings.objects.filter(user=user).exists()


def test_the_data_export_has_the_notification_settings():
    user = factories.user()
    client = signed_in(user)
    save(client, posts="weekly", paused="on")
    data = json.loads(client.post(reverse("accounts:data-export")).content)
    assert data["accounts"]["notification_settings"] == {
        "paused": True,
        "posts": "weekly",
        "moderation": "instant",
        "moderator_tasks": "instant",
    }
