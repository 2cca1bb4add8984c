import datetime

import pytest
from django.core import mail as django_mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.models import User
from core import mail
from events.services import registration_token
from forums.models import Membership, Post, Report, Topic
from pages.models import Archive
from pages.services import archive_switch
from tests import factories

pytestmark = pytest.mark.django_db

NOTE = "nichts Neues mehr senden"
BANNER = "Das Projekt ist abgeschlossen. Dieses Portal ist ein Archiv seit"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def switch_on(**fields) -> Archive:
    archive = factories.archive()
    if fields:
        Archive.objects.filter(pk=archive.pk).update(**fields)
        archive.refresh_from_db()
    return archive


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_banner_shows_on_every_page_only_in_archive_mode(client):
    article = factories.article("Abschlussbericht")
    factories.page("impressum", title="Impressum")
    paths = ["/", article.get_absolute_url(), "/impressum/", "/gibt-es-nicht/"]
    for path in paths:
        assert BANNER not in client.get(path).content.decode(), path
    switch_on()
    for path in paths:
        html = client.get(path).content.decode()
        assert BANNER in html and "31. Mai 2024" in html, path
        assert 'href="https://www.regionkasselland.de/"' in html, path
    archive_switch(active=False)
    for path in paths:
        assert BANNER not in client.get(path).content.decode(), path


def test_a_page_reads_the_operator_and_archive_mode_in_one_round_trip(
    client, monkeypatch
):
    """Both show on every page rendered: they are cached together, so that a page
    asks the cache once for them, not once each."""
    from pages.models import SITE_KEY

    factories.operator(name="Region Kassel-Land e.V.")
    factories.page("impressum", title="Impressum")
    switch_on()
    client.get("/")
    reads = []
    read_one, read_many = cache.get, cache.get_many
    monkeypatch.setattr(
        cache, "get", lambda key, *a: [reads.append(key), read_one(key, *a)][1]
    )
    monkeypatch.setattr(
        cache, "get_many", lambda keys: [reads.extend(keys), read_many(keys)][1]
    )

    html = client.get("/impressum/", {"neu": "1"}).content.decode()

    assert BANNER in html and "Region Kassel-Land e.V." in html
    assert [key for key in reads if key.startswith("pages:")] == [SITE_KEY]


def test_sign_up_is_a_note_and_a_post_to_it_is_refused(client):
    assert 'action="/konto/signup/"' in client.get("/konto/signup/").content.decode()
    switch_on()
    html = client.get("/konto/signup/").content.decode()
    assert NOTE in html and 'action="/konto/signup/"' not in html
    data = {
        "email": "neu@example.org",
        "password1": "Ein langes Passwort 42",
        "password2": "Ein langes Passwort 42",
    }
    response = client.post("/konto/signup/", data)
    assert response.status_code == 403
    assert NOTE in response.content.decode()
    assert not User.objects.filter(email="neu@example.org").exists()
    assert not django_mail.outbox


def test_forum_forms_are_notes_and_posts_to_them_are_refused():
    forum = factories.forum(members_post=True)
    topic = factories.forum_topic(forum, replies=1)
    client = signed_in(factories.forum_author(forum))
    stranger = signed_in(factories.user())
    kwargs = {"forum": forum.slug, "pk": topic.pk, "slug": topic.slug}
    detail = reverse("forums:topic-detail", kwargs=kwargs)
    reply = reverse("forums:topic-reply", kwargs=kwargs)
    create = reverse("forums:topic-create", kwargs={"forum": forum.slug})
    report = reverse(
        "forums:post-report", kwargs={"forum": forum.slug, "pk": topic.last_post.pk}
    )
    join = reverse("forums:membership-request", kwargs={"forum": forum.slug})
    assert f'action="{reply}"' in client.get(detail).content.decode()
    switch_on()
    for url in [detail, create, report, join, forum.get_absolute_url()]:
        html = (stranger if url == join else client).get(url).content.decode()
        assert NOTE in html, url
        assert 'method="post"' not in html.split('id="inhalt"')[1], url
    posts, memberships = Post.objects.count(), Membership.objects.count()
    attempts = [
        (reply, {"body": "Noch eine Antwort."}),
        (create, {"title": "Neues Thema", "body": "Text."}),
        (report, {"reason": "Werbung."}),
        (join, {"reason": "Ich plane mit."}),
        (reverse("forums:topic-follow", kwargs=kwargs), {}),
    ]
    for url, data in attempts:
        response = (stranger if url == join else client).post(url, data)
        assert response.status_code == 403, url
        assert NOTE in response.content.decode(), url
    assert Post.objects.count() == posts
    assert Topic.objects.count() == 1
    assert not Report.objects.exists()
    assert Membership.objects.count() == memberships


def test_event_registration_is_a_note_and_refused():
    event = factories.event("Regionalkonferenz", capacity=10)
    guest = reverse("events:guest-register", args=[event.slug])
    client = Client()
    switch_on()
    assert NOTE in client.get(event.get_absolute_url()).content.decode()
    assert NOTE in client.get(guest).content.decode()
    response = client.post(guest, {"name": "Anna", "email": "anna@example.org"})
    assert response.status_code == 403
    assert event.registrations.count() == 0
    member = signed_in(factories.user())
    response = member.post(reverse("events:register", args=[event.slug]))
    assert response.status_code == 403
    assert event.registrations.count() == 0


def test_newsletter_sign_up_is_a_note_and_unsubscribing_still_works(client):
    from django.utils import timezone

    from newsletter.models import Subscriber
    from newsletter.tokens import token

    switch_on()
    page = reverse("newsletter:subscribe")
    assert NOTE in client.get(page).content.decode()
    response = client.post(page, {"email": "neu@example.org"})
    assert response.status_code == 403
    assert not Subscriber.objects.filter(email="neu@example.org").exists()

    subscriber = Subscriber.objects.create(
        email="leser@example.org", confirmed_at=timezone.now()
    )
    link = reverse("newsletter:unsubscribe", args=[token(subscriber, "unsubscribe")])
    response = client.post(link)
    assert response.status_code in (200, 302)
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_the_contact_form_is_a_note_and_refused(client):
    from pages.models import ContactMessage

    factories.operator()
    switch_on()
    assert NOTE in client.get(reverse("pages:contact")).content.decode()
    response = client.post(
        reverse("pages:contact"),
        {
            "name": "Anna",
            "email": "anna@example.org",
            "subject": "Frage",
            "message": "Gibt es das Portal noch?",
        },
    )
    assert response.status_code == 403
    assert not ContactMessage.objects.exists()


def test_what_people_have_keeps_working_in_archive_mode(client):
    account = factories.user("anna@example.org")
    switch_on()
    response = client.post(
        "/konto/login/", {"login": "anna@example.org", "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    # The profile stays editable (a display name may be made anonymous).
    assert client.post(reverse("accounts:profile"), {}).status_code != 403
    response = client.post(reverse("accounts:data-export"))
    assert response.status_code == 200
    assert "anna@example.org" in response.content.decode()
    response = client.post(
        reverse("accounts:delete"), {"password": factories.PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=account.pk, is_active=True).exists()


def test_staff_still_write_in_archive_mode():
    forum = factories.forum()
    topic = factories.forum_topic(forum)
    staff = factories.editor()
    switch_on()
    kwargs = {"forum": forum.slug, "pk": topic.pk, "slug": topic.slug}
    client = signed_in(staff)
    page = client.get(reverse("forums:topic-detail", kwargs=kwargs)).content.decode()
    assert NOTE not in page
    response = client.post(
        reverse("forums:topic-reply", kwargs=kwargs), {"body": "Eine Korrektur."}
    )
    assert response.status_code == 302
    assert Post.objects.filter(body="Eine Korrektur.").exists()


def test_only_account_mail_and_the_final_notice_go_out_in_archive_mode():
    def outgoing():
        return [
            mail.message(
                to="anna@example.org",
                subject="Test",
                template="pages/email/final_notice.txt",
                context={"text": "Hallo", "archive": None},
            )
        ]

    assert mail.send_each(outgoing(), what="test") == 1
    switch_on()
    assert mail.send_each(outgoing(), what="test") == 0
    assert mail.send_each(outgoing(), what="test", category=mail.ACCOUNT) == 1
    assert mail.send_each(outgoing(), what="test", category=mail.FINAL_NOTICE) == 1
    assert len(django_mail.outbox) == 3
    with pytest.raises(ValueError):
        mail.send_each(outgoing(), what="test", category="newsletter-typo")


def test_followers_get_no_notification_in_archive_mode():
    forum = factories.forum()
    topic = factories.forum_topic(forum)
    follower = factories.user()
    from forums.models import TopicSubscription

    TopicSubscription.objects.create(user=follower, topic=topic)
    django_mail.outbox.clear()
    factories.forum_post(topic)
    assert [follower.email] in [m.to for m in django_mail.outbox]
    switch_on()
    django_mail.outbox.clear()
    factories.forum_post(topic)
    assert django_mail.outbox == []


def test_the_final_notice_is_previewed_then_sent_once_to_followers(
    django_capture_on_commit_callbacks,
):
    from forums.models import ForumSubscription, TopicSubscription

    forum = factories.forum()
    topic = factories.forum_topic(forum)
    follower, fan, stranger = factories.user(), factories.user(), factories.user()
    unverified = factories.user(verified=False)
    TopicSubscription.objects.create(user=follower, topic=topic)
    ForumSubscription.objects.create(user=follower, forum=forum)
    ForumSubscription.objects.create(user=fan, forum=forum)
    ForumSubscription.objects.create(user=unverified, forum=forum)
    archive = switch_on(
        notice_subject="Das Portal wird Archiv",
        notice_text="Danke für zweieinhalb Jahre Zusammenarbeit.",
    )
    client = signed_in(factories.admin())
    changelist = reverse("admin:pages_archive_changelist")
    action = {"action": "send_final_notice", "_selected_action": [archive.pk]}
    django_mail.outbox.clear()

    preview = client.post(changelist, action)
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Danke für zweieinhalb Jahre Zusammenarbeit." in html
    # The topic's author follows it from the start.
    expected = sorted([follower.email, fan.email, topic.author.email])
    assert f"{len(expected)} Personen" in html
    assert django_mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(changelist, {**action, "confirm": "yes"})
    assert response.status_code == 302
    assert sorted(m.to[0] for m in django_mail.outbox) == expected
    assert stranger.email not in [m.to[0] for m in django_mail.outbox]
    assert "Danke für zweieinhalb" in django_mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        client.post(changelist, {**action, "confirm": "yes"})
    assert len(django_mail.outbox) == len(expected)
    archive.refresh_from_db()
    assert archive.final_notice_sent_at is not None


def test_the_final_notice_needs_archive_mode():
    archive = switch_on(notice_subject="Ende", notice_text="Text.")
    archive_switch(active=False)
    client = signed_in(factories.admin())
    response = client.post(
        reverse("admin:pages_archive_changelist"),
        {"action": "send_final_notice", "_selected_action": [archive.pk]},
        follow=True,
    )
    assert "zuerst den Archivmodus ein" in response.content.decode()


def test_the_command_switches_archive_mode(client):
    factories.operator()
    call_command("archive", "on", "--text", "Danke.", "--since", "2024-05-31")
    archive = Archive.objects.get()
    assert archive.active and archive.since == datetime.date(2024, 5, 31)
    assert archive.successor_url  # from the operator
    assert BANNER in client.get("/").content.decode()
    call_command("archive", "off")
    assert not Archive.objects.get().active
    assert BANNER not in client.get("/").content.decode()


def test_switching_on_shows_the_banner_on_cached_pages(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    factories.page("impressum", title="Impressum")
    assert BANNER not in client.get("/impressum/").content.decode()
    switch_on()
    assert BANNER in client.get("/impressum/").content.decode()


def test_cancelling_a_registration_still_works_and_is_confirmed_in_archive_mode(
    django_capture_on_commit_callbacks,
):
    event = factories.event("Regionalkonferenz", capacity=10)
    registration = factories.registration(event, email="anna@example.org")
    switch_on()
    django_mail.outbox.clear()
    cancel = reverse(
        "events:registration-cancel",
        kwargs={"token": registration_token(registration, "cancel")},
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert Client().post(cancel).status_code in (200, 302)
    registration.refresh_from_db()
    assert registration.status == registration.Status.CANCELLED
    [confirmation] = django_mail.outbox
    assert confirmation.to == ["anna@example.org"]
