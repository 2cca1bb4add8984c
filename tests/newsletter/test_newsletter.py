"""The newsletter: double opt-in that tells nobody who is subscribed, issues sent once
per recipient with a working one-click unsubscribe, the archive, and the admin."""

import datetime
import json
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsletter import services, tasks
from newsletter.models import Delivery, Issue, Subscriber
from tests import factories

pytestmark = pytest.mark.django_db

SITE = "https://portal.example.org"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def link(message, path: str) -> str:
    found = re.search(rf"{re.escape(SITE)}({re.escape(path)}[^\s]+/)", message.body)
    assert found, message.body
    return found[1]


def subscribe(client, email, states=()):
    return client.post(
        "/newsletter/", {"email": email, "states": list(states)}, follow=True
    )


def confirmed(email="leserin@example.org", **states) -> Subscriber:
    subscriber = Subscriber.objects.create(
        email=email, confirmed_at=timezone.now(), **states
    )
    return subscriber


def test_subscribing_takes_a_confirmation_by_link(client, mailoutbox):
    response = subscribe(client, "Leserin@Example.org", states=["HE", "NI"])
    assert "Bestätigungslink" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "leserin@example.org"
    assert subscriber.states == ["HE", "NI"]
    assert not subscriber.is_confirmed
    [message] = mailoutbox
    assert message.to == ["leserin@example.org"]
    assert message.body.startswith("Guten Tag,")
    assert "List-Unsubscribe" not in message.extra_headers
    path = link(message, "/newsletter/bestaetigen/")
    # Opening the link (as a mail scanner does) confirms nothing; the button does.
    assert "Ja, bestätigen" in client.get(path).content.decode()
    assert not Subscriber.objects.get().is_confirmed
    response = Client(enforce_csrf_checks=True).post(path)
    assert "ist bestätigt" in response.content.decode()
    assert Subscriber.objects.get().is_confirmed
    # Twice is harmless.
    Client().post(path)
    assert Subscriber.objects.count() == 1


def test_the_form_says_the_same_whether_or_not_the_address_is_subscribed(
    client, mailoutbox
):
    confirmed("bekannt@example.org", state_nw=True)
    known = subscribe(client, "bekannt@example.org", states=["HE"]).content.decode()
    unknown = subscribe(client, "neu@example.org").content.decode()
    strip = lambda html, email: re.sub(  # noqa: E731
        r'name="csrfmiddlewaretoken" value="[^"]+"', "", html.replace(email, "X")
    )
    assert strip(known, "bekannt@example.org") == strip(unknown, "neu@example.org")
    # The confirmed subscriber gets no mail and their choice is not changed by others.
    assert [m.to for m in mailoutbox] == [["neu@example.org"]]
    assert Subscriber.objects.get(email="bekannt@example.org").states == ["NW"]


def test_a_bad_address_gets_a_german_message_and_keeps_what_was_typed(client):
    response = subscribe(client, "kein-at-zeichen", states=["NW"])
    html = response.content.decode()
    assert "gültige E-Mail-Adresse" in html
    assert 'value="kein-at-zeichen"' in html
    assert (
        'value="NW" checked' in html
        or 'checked value="NW"' in html
        or (re.search(r'value="NW"[^>]*checked', html))
    )
    assert not Subscriber.objects.exists()


def test_opening_the_link_again_says_the_subscription_is_already_confirmed(
    client, mailoutbox
):
    subscribe(client, "doppelt@example.org")
    path = link(mailoutbox[0], "/newsletter/bestaetigen/")
    Client().post(path)
    assert Subscriber.objects.get().is_confirmed
    page = client.get(path).content.decode()
    assert "Ja, bestätigen" not in page
    assert f'action="{path}"' not in page
    assert "Ihr Newsletter-Abonnement ist bereits bestätigt." in page


def test_unconfirmed_addresses_are_deleted_after_seven_days(client):
    subscribe(client, "alt@example.org")
    Subscriber.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
    confirmed("bleibt@example.org")
    Subscriber.objects.filter(email="bleibt@example.org").update(
        created_at=timezone.now() - datetime.timedelta(days=30)
    )
    assert tasks.cleanup.call(reschedule=False) == 1
    assert list(Subscriber.objects.values_list("email", flat=True)) == [
        "bleibt@example.org"
    ]


def test_an_old_confirmation_link_no_longer_works(client, mailoutbox):
    subscribe(client, "spaet@example.org")
    path = link(mailoutbox[0], "/newsletter/bestaetigen/")
    from django.core import signing

    later = timezone.now() + datetime.timedelta(days=8)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: later.timestamp())
        response = Client().post(path)
    assert response.status_code == 404
    assert not Subscriber.objects.get().is_confirmed


def send(issue: Issue):
    assert services.issue_send(issue=issue)
    issue.refresh_from_db()
    return issue


def test_an_issue_reaches_each_confirmed_subscriber_once(mailoutbox):
    a = confirmed("a@example.org", state_he=True)
    b = confirmed("b@example.org")  # no state: gets everything
    confirmed("c@example.org", state_nw=True)  # not for this issue
    Subscriber.objects.create(email="offen@example.org")  # never confirmed
    issue = services.issue_save(
        issue=Issue(subject="Frühjahr 2027", body="**Neu:** der Radweg.", state_he=True)
    )
    issue = send(issue)
    assert issue.status == Issue.Status.SENT
    assert issue.recipient_count == 2
    assert sorted(m.to[0] for m in mailoutbox) == [a.email, b.email]
    message = mailoutbox[0]
    assert message.subject == "[Region der Mitte] Newsletter: Frühjahr 2027"
    assert "Neu: der Radweg." in message.body
    assert "<strong>Neu:</strong>" in message.alternatives[0][0]
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert Delivery.objects.filter(status="sent").count() == 2
    # A retry (or a second click on "send") sends nobody anything twice.
    mailoutbox.clear()
    assert not services.issue_send(issue=issue)
    assert tasks.send_issue.call(issue_id=issue.pk) == {"sent": 0, "failed": 0}
    assert mailoutbox == []


def test_the_html_part_of_an_issue_has_only_absolute_links(client, mailoutbox):
    confirmed()
    body = (
        "[Zu den Veranstaltungen](/veranstaltungen/), [Bilder](bilder/?seite=2), "
        "[Land](https://land.example.org/a), [Mail](mailto:info@example.org), "
        "[nach oben](#oben)"
    )
    issue = send(services.issue_save(issue=Issue(subject="Links", body=body)))
    [message] = mailoutbox
    html = message.alternatives[0][0]
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert f"{SITE}/veranstaltungen/" in hrefs
    assert f"{SITE}/newsletter/archiv/{issue.pk}/bilder/?seite=2" in hrefs
    assert "https://land.example.org/a" in hrefs
    assert "mailto:info@example.org" in hrefs
    assert "#oben" in hrefs
    assert not [h for h in hrefs if h.startswith("/") or h.startswith("bilder")]
    # The text part says the same; the archive page keeps the Markdown's own links.
    assert f"({SITE}/veranstaltungen/)" in message.body
    page = client.get(issue.get_absolute_url()).content.decode()
    assert 'href="/veranstaltungen/"' in page


def test_one_click_in_an_issue_ends_exactly_that_subscription(mailoutbox):
    confirmed("a@example.org")
    confirmed("b@example.org")
    send(services.issue_save(issue=Issue(subject="Ausgabe 1", body="Text")))
    message = next(m for m in mailoutbox if m.to == ["a@example.org"])
    url = re.match(r"<([^>]+)>", message.extra_headers["List-Unsubscribe"])[1]
    assert url.startswith(f"{SITE}/newsletter/abbestellen/")
    response = Client(enforce_csrf_checks=True).post(
        url.removeprefix(SITE),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["b@example.org"]


def test_the_archive_shows_sent_issues_only(client, django_assert_max_num_queries):
    confirmed()
    sent = send(services.issue_save(issue=Issue(subject="Versandt", body="Inhalt")))
    services.issue_save(issue=Issue(subject="Entwurf", body="Geheim"))
    client.get("/newsletter/archiv/")  # the footer's cache warms up
    factories.forget_stored_pages()
    with django_assert_max_num_queries(3):
        page = client.get("/newsletter/archiv/").content.decode()
    assert "Versandt" in page
    assert "Entwurf" not in page
    assert "Inhalt" in client.get(sent.get_absolute_url()).content.decode()
    draft = Issue.objects.get(subject="Entwurf")
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_editors_preview_test_and_send_from_the_admin(client, mailoutbox):
    editor = factories.editor("redaktion@example.org")
    confirmed("a@example.org")
    client.force_login(editor)
    response = client.post(
        reverse("admin:newsletter_issue_add"),
        {"subject": "Sommer", "body": "Hallo *Region*!"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    issue = Issue.objects.get()
    assert issue.created_by == editor
    preview = client.get(reverse("admin:newsletter_issue_preview", args=[issue.pk]))
    assert "<em>Region</em>" in preview.content.decode()
    client.post(reverse("admin:newsletter_issue_test", args=[issue.pk]))
    [test] = mailoutbox
    assert test.to == ["redaktion@example.org"]
    assert "TEST" in test.body
    assert Issue.objects.get().status == Issue.Status.DRAFT
    mailoutbox.clear()
    client.post(reverse("admin:newsletter_issue_send", args=[issue.pk]))
    assert [m.to for m in mailoutbox] == [["a@example.org"]]
    change = client.get(reverse("admin:newsletter_issue_change", args=[issue.pk]))
    assert "1 von 1 gesendet, 0 fehlgeschlagen" in change.content.decode()


def test_members_see_their_subscription_and_the_export_has_it(mailoutbox):
    user = factories.user("mitglied@example.org")
    client = Client()
    client.force_login(user)
    page = client.get("/konto/benachrichtigungen/").content.decode()
    assert "Sie bekommen den Newsletter nicht" in page
    confirmed("mitglied@example.org", state_ni=True)
    page = client.get("/konto/benachrichtigungen/").content.decode()
    assert "Sie bekommen den Newsletter an mitglied@example.org" in page
    data = json.loads(client.post(reverse("accounts:data-export")).content)
    assert data["newsletter"]["subscribed"] is True
    assert data["newsletter"]["states"] == ["NI"]


def test_a_draft_newsletter_offers_no_view_on_the_site_that_answers_404(client):
    draft = Issue.objects.create(subject="Entwurf", body="Text")
    client.force_login(factories.admin())
    html = client.get(
        reverse("admin:newsletter_issue_change", args=[draft.pk])
    ).content.decode()
    assert "/admin/r/" not in html


def test_the_admin_calls_an_issues_subject_betreff(client):
    client.force_login(factories.admin())
    html = client.get(reverse("admin:newsletter_issue_add")).content.decode()
    assert "Betreff:" in html
    assert "Gegenstand" not in html


def test_who_subscribes_on_the_english_site_is_written_to_in_english(
    client, mailoutbox
):
    client.post("/en/newsletter/", {"email": "reader@example.org"}, follow=True)
    [confirmation] = mailoutbox
    assert confirmation.subject.endswith("Please confirm your newsletter subscription")
    assert '<html lang="en">' in confirmation.alternatives[0][0]
    path = link(confirmation, "/en/newsletter/bestaetigen/")
    Client().post(path)

    german = confirmed("leserin@example.org")
    send(services.issue_save(issue=Issue(subject="Neues", body="Aus der Region.")))
    by_address = {message.to[0]: message for message in mailoutbox[1:]}
    english, german_mail = by_address["reader@example.org"], by_address[german.email]
    assert english.subject.endswith("Newsletter: Neues")
    assert "Aus der Region." in english.body
    assert f"{SITE}/en/newsletter/abbestellen/" in english.body
    assert "Unsubscribe with one click:" in english.body
    assert f"{SITE}/en/newsletter/archiv/" in english.body
    assert german_mail.subject.endswith("Newsletter: Neues")
    assert f"{SITE}/newsletter/abbestellen/" in german_mail.body
    assert "Mit einem Klick abbestellen:" in german_mail.body
    assert '<html lang="de">' in german_mail.alternatives[0][0]
