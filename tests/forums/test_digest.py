"""Daily and weekly summaries: what the reader may read, grouped, newest first, never
a post twice (across instant mails and summaries), nothing when nothing is new."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from accounts.models import NotificationSettings
from accounts.services import notification_settings_save
from forums import digest, services
from forums.models import Membership, Post
from tests import factories

pytestmark = pytest.mark.django_db

BERLIN = digest.BERLIN


def choose(user, posts="daily", **more):
    choices = {"paused": False, "moderation": "instant", "moderator_tasks": "instant"}
    choices.update(more)
    return notification_settings_save(user=user, posts=posts, **choices)


def to(mailoutbox, user):
    return [m for m in mailoutbox if m.to == [user.email]]


def later(minutes=1):
    return timezone.now() + datetime.timedelta(minutes=minutes)


def test_a_daily_summary_holds_the_new_posts_once_and_no_instant_mail(mailoutbox):
    reader = factories.user()
    topic = factories.forum_topic(title="Radweg an der Weser")
    services.topic_follow(topic=topic, user=reader)
    choose(reader)
    mailoutbox.clear()
    first = factories.forum_post(topic, body="Erste **Antwort**.")
    second = factories.forum_post(topic, body="Zweite Antwort.")
    assert to(mailoutbox, reader) == []  # no instant mail

    assert digest.send_digests("daily", now=later()) == 1
    [summary] = to(mailoutbox, reader)
    assert "Zusammenfassung" in summary.subject
    assert "2 neue Beiträge" in summary.subject
    assert summary.body.index("Zweite Antwort.") < summary.body.index("Erste Antwort.")
    assert "**" not in summary.body
    assert f"/beitrag/{first.pk}/" in summary.body
    assert f"/beitrag/{second.pk}/" in summary.body
    assert summary.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    html = summary.alternatives[0][0]
    assert "Radweg an der Weser" in html

    # The next round: nothing new, nothing sent; the same posts never again.
    mailoutbox.clear()
    assert digest.send_digests("daily", now=later(2)) == 0
    third = factories.forum_post(topic, body="Dritte Antwort.")
    Post.objects.filter(pk=third.pk).update(created_at=later(3))
    digest.send_digests("daily", now=later(4))
    [again] = to(mailoutbox, reader)
    assert "Dritte Antwort." in again.body
    assert "Erste Antwort." not in again.body


def test_switching_to_a_summary_does_not_repeat_what_came_instantly(mailoutbox):
    reader = factories.user()
    topic = factories.forum_topic()
    services.topic_follow(topic=topic, user=reader)
    factories.forum_post(topic, body="Kam sofort.")
    assert len(to(mailoutbox, reader)) == 1
    choose(reader)
    mailoutbox.clear()
    assert digest.send_digests("daily", now=later()) == 0
    assert to(mailoutbox, reader) == []


def test_grouped_by_space_and_forum_and_only_what_the_reader_may_read(mailoutbox):
    reader = factories.user()
    open_forum = factories.forum(name="Mobilität")
    closed = factories.forum(closed=True, name="Vorstand intern")
    factories.forum_membership(forum=closed, user=reader)
    for forum in (open_forum, closed):
        services.forum_follow(forum=forum, user=reader)
    choose(reader)
    factories.forum_post(factories.forum_topic(open_forum), body="Offen.")
    factories.forum_post(factories.forum_topic(closed), body="Vor dem Austritt.")
    Membership.objects.filter(user=reader).update(status=Membership.Status.DECLINED)
    factories.forum_post(factories.forum_topic(closed), body="Nach dem Austritt.")
    own = factories.forum_post(factories.forum_topic(open_forum), author=reader)
    mailoutbox.clear()
    digest.send_digests("daily", now=later())
    [summary] = to(mailoutbox, reader)
    assert "Mobilität" in summary.body
    assert "Offen." in summary.body
    # A reader who lost access gets nothing more from the closed forum.
    assert "Vor dem Austritt." not in summary.body
    assert "Nach dem Austritt." not in summary.body
    assert "Vorstand intern" not in summary.body
    assert f"/beitrag/{own.pk}/" not in summary.body
    assert open_forum.space.name.upper() in summary.body


def test_paused_readers_and_weekly_readers_get_no_daily_summary(mailoutbox):
    paused, weekly = factories.user(), factories.user()
    topic = factories.forum_topic()
    for user in (paused, weekly):
        services.topic_follow(topic=topic, user=user)
    choose(paused, paused=True)
    choose(weekly, posts="weekly")
    factories.forum_post(topic)
    mailoutbox.clear()
    digest.send_digests("daily", now=later())
    assert mailoutbox == []
    digest.send_digests("weekly", now=later())
    assert [m.to for m in mailoutbox] == [[weekly.email]]


def test_one_click_on_a_summary_ends_the_summaries_only(mailoutbox):
    reader = factories.user()
    topic = factories.forum_topic()
    services.topic_follow(topic=topic, user=reader)
    choose(reader)
    factories.forum_post(topic)
    digest.send_digests("daily", now=later())
    [summary] = to(mailoutbox, reader)
    url = re.match(r"<([^>]+)>", summary.extra_headers["List-Unsubscribe"])[1]
    path = url.split("://", 1)[1].split("/", 1)[1]
    response = Client(enforce_csrf_checks=True).post(
        f"/{path}",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert NotificationSettings.objects.get(user=reader).posts == "off"
    assert reader.forum_topic_subscriptions.filter(topic=topic).exists()


def test_the_round_runs_at_seven_german_time_across_daylight_saving():
    # The night the clocks go forward (29 March 2026) and back (25 October 2026).
    spring = datetime.datetime(2026, 3, 28, 12, 0, tzinfo=BERLIN)
    autumn = datetime.datetime(2026, 10, 24, 12, 0, tzinfo=BERLIN)
    for before in (spring, autumn):
        run = digest.next_run(before)
        assert run.astimezone(BERLIN).time() == datetime.time(7, 0)
        assert run.astimezone(BERLIN).date() == before.date() + datetime.timedelta(1)
    assert digest.next_run(spring).utcoffset() == datetime.timedelta(hours=2)
    assert digest.next_run(autumn).utcoffset() == datetime.timedelta(hours=1)
    monday = datetime.datetime(2026, 12, 7, 7, 0, tzinfo=BERLIN)
    assert digest.frequencies_due(monday) == ["daily", "weekly"]
    assert digest.frequencies_due(monday + datetime.timedelta(days=1)) == ["daily"]


def test_the_command_sends_the_summaries(mailoutbox):
    reader = factories.user()
    topic = factories.forum_topic()
    services.topic_follow(topic=topic, user=reader)
    choose(reader, posts="weekly")
    factories.forum_post(topic)
    mailoutbox.clear()
    call_command("send_digests", "--frequency", "weekly")
    assert [m.to for m in mailoutbox] == [[reader.email]]
