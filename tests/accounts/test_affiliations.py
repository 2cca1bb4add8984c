"""Verified affiliations: claim, review, bylines, ending, and who may decide."""

from io import BytesIO

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from accounts.models import Affiliation, AffiliationLogEntry
from accounts.services import (
    affiliation_approve,
    affiliation_claim,
    affiliation_decline,
    affiliation_end,
    affiliation_revoke,
    affiliation_update,
    affiliations_confirm_email,
    user_export,
)
from tests import factories
from tests.browser import NARROW, sign_in_with_client

pytestmark = pytest.mark.django_db


def test_claim_waits_for_review_until_an_editor_approves_and_mails_it():
    person = factories.user("mayor@example.org")
    town = factories.organisation("Gemeinde Breuna")
    claim = affiliation_claim(
        user=person, organisation=town, function="Bürgermeisterin", public=True
    )
    assert claim.status == Affiliation.Status.PENDING
    assert person.shown_affiliation is None
    mail.outbox.clear()
    affiliation_approve(affiliation=claim, reviewer=factories.editor())
    claim.refresh_from_db()
    assert claim.status == Affiliation.Status.VERIFIED
    assert person.shown_affiliation.label == "Bürgermeisterin · Gemeinde Breuna (HE)"
    assert [m.to for m in mail.outbox] == [["mayor@example.org"]]
    assert list(claim.log.values_list("action", flat=True)) == ["claimed", "approved"]


def test_decline_needs_a_reason_and_tells_it():
    claim = factories.affiliation(verify=False)
    editor = factories.editor()
    with pytest.raises(ValidationError):
        affiliation_decline(affiliation=claim, reviewer=editor, reason="  ")
    mail.outbox.clear()
    affiliation_decline(
        affiliation=claim, reviewer=editor, reason="Nicht im Amt laut Website."
    )
    assert "Nicht im Amt laut Website." in mail.outbox[0].body
    entry = AffiliationLogEntry.objects.get(affiliation=claim, action="declined")
    assert entry.actor == editor and entry.reason == "Nicht im Amt laut Website."


def test_a_confirmed_work_address_at_the_domain_verifies_at_once():
    town = factories.organisation("Stadt Wolfhagen", email_domain="wolfhagen.de")
    person = factories.user()
    EmailAddress.objects.create(user=person, email="b.m@wolfhagen.de", verified=True)
    claim = affiliation_claim(
        user=person,
        organisation=town,
        function="Wirtschaftsförderung",
        work_email="b.m@wolfhagen.de",
    )
    assert claim.status == Affiliation.Status.VERIFIED
    assert claim.verified_by_email


def test_a_new_work_address_verifies_when_its_link_is_followed():
    town = factories.organisation("Stadt Wolfhagen", email_domain="wolfhagen.de")
    person = factories.user()
    claim = affiliation_claim(
        user=person,
        organisation=town,
        function="Bauamt",
        work_email="bauamt@rathaus.wolfhagen.de",
    )
    assert claim.status == Affiliation.Status.PENDING
    address = EmailAddress.objects.get(email="bauamt@rathaus.wolfhagen.de")
    assert not address.verified
    address.verified = True
    address.save()
    assert affiliations_confirm_email(email_address=address) == 1
    claim.refresh_from_db()
    assert claim.status == Affiliation.Status.VERIFIED


def test_an_address_at_another_domain_is_refused_with_a_message():
    town = factories.organisation("Stadt Wolfhagen", email_domain="wolfhagen.de")
    with pytest.raises(ValidationError) as error:
        affiliation_claim(
            user=factories.user(),
            organisation=town,
            function="Bauamt",
            work_email="me@wolfhagen.de.evil.example",
        )
    assert "work_email" in error.value.message_dict


def test_an_address_for_an_organisation_without_a_known_domain_is_told_so():
    town = factories.organisation("Stadt Uslar", email_domain="")
    with pytest.raises(ValidationError) as error:
        affiliation_claim(
            user=factories.user(),
            organisation=town,
            function="Klimaschutz",
            work_email="klima@uslar.de",
        )
    [message] = error.value.message_dict["work_email"]
    assert "kennt das Portal keine E-Mail-Domain" in message


def test_colleague_verified_at_the_organisation_may_decide_others_may_not():
    town = factories.organisation()
    colleague = factories.affiliation(at=town).user
    stranger = factories.affiliation().user
    claim = factories.affiliation(at=town, verify=False, function="Kämmerer")
    with pytest.raises(PermissionDenied):
        affiliation_approve(affiliation=claim, reviewer=stranger)
    with pytest.raises(PermissionDenied):
        affiliation_approve(affiliation=claim, reviewer=factories.user())
    affiliation_approve(affiliation=claim, reviewer=colleague)
    claim.refresh_from_db()
    assert claim.status == Affiliation.Status.VERIFIED


def test_nobody_approves_their_own_claim():
    town = factories.organisation()
    person = factories.affiliation(at=town).user
    claim = factories.affiliation(person, at=town, verify=False, function="Zweites")
    with pytest.raises(PermissionDenied):
        affiliation_approve(affiliation=claim, reviewer=person)


def test_reply_shows_the_verified_affiliation_with_the_screen_reader_mark(client):
    forum = factories.forum()
    topic = factories.forum_topic(forum)
    mayor = factories.affiliation(
        at=factories.organisation("Gemeinde Breuna"), function="Bürgermeisterin"
    ).user
    factories.forum_post(topic, author=mayor, body="Unsere Sicht dazu.")
    html = client.get(topic.get_absolute_url()).content.decode()
    assert "Bürgermeisterin · Gemeinde Breuna (HE)" in html
    assert '<span class="visually-hidden"> (bestätigt)</span>' in html


def test_ended_or_private_affiliation_disappears_from_the_byline(client):
    forum = factories.forum()
    topic = factories.forum_topic(forum)
    claim = factories.affiliation(function="Bürgermeisterin")
    factories.forum_post(topic, author=claim.user)
    client.force_login(claim.user)
    response = client.post(reverse("accounts:affiliation-end", args=[claim.pk]))
    assert response.status_code == 302
    client.logout()
    assert "Bürgermeisterin" not in client.get(topic.get_absolute_url()).text
    private = factories.affiliation(public=False, function="Kämmerin")
    factories.forum_post(topic, author=private.user)
    assert "Kämmerin" not in client.get(topic.get_absolute_url()).text


def test_nobody_ends_another_persons_affiliation(client):
    claim = factories.affiliation()
    client.force_login(factories.user())
    response = client.post(reverse("accounts:affiliation-end", args=[claim.pk]))
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        affiliation_end(affiliation=claim, user=factories.user())


def test_topic_page_with_verified_authors_needs_no_more_queries(client):
    forum = factories.forum()
    plain = factories.forum_topic(forum, title="Ohne")
    verified = factories.forum_topic(forum, title="Mit")
    for number in range(15):
        factories.forum_post(plain, author=factories.user())
        factories.forum_post(
            verified, author=factories.affiliation(function=f"Amt {number}").user
        )
    # Both requests start from an empty cache (the mails sent above cached what
    # archive mode's mail rule read).
    cache.clear()
    with CaptureQueriesContext(connection) as without:
        client.get(plain.get_absolute_url())
    cache.clear()
    with CaptureQueriesContext(connection) as with_verified:
        response = client.get(verified.get_absolute_url())
    assert "Amt 14" in response.text
    assert len(with_verified) <= len(without)


def test_claim_form_keeps_what_was_typed_and_explains_the_error(client):
    person = factories.user()
    client.force_login(person)
    response = client.post(
        reverse("accounts:affiliations"), {"function": "Bürgermeisterin"}
    )
    assert response.status_code == 200
    assert "Bitte wählen Sie eine Organisation" in response.text
    assert 'value="Bürgermeisterin"' in response.text


def test_claim_through_the_page_and_review_queue(client):
    town = factories.organisation("Gemeinde Breuna")
    person = factories.user()
    client.force_login(person)
    client.post(
        reverse("accounts:affiliations"),
        {"function": "Bürgermeisterin", "organisation": town.pk, "public": "on"},
    )
    claim = Affiliation.objects.get(user=person)
    editor = factories.editor()
    client.force_login(editor)
    queue = client.get(reverse("accounts:affiliation-review-list"))
    assert "Bürgermeisterin · Gemeinde Breuna (HE)" in queue.text
    response = client.post(
        reverse("accounts:affiliation-review", args=[claim.pk]),
        {"decision": "approve"},
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == Affiliation.Status.VERIFIED


def test_data_export_holds_the_affiliations():
    claim = factories.affiliation(function="Bürgermeisterin")
    data = user_export(user=claim.user)
    assert data["accounts"]["profile"]["affiliations"][0]["function"] == (
        "Bürgermeisterin"
    )


def test_a_confirmed_colleague_sees_and_decides_the_claim_in_the_queue(client):
    town = factories.organisation("Gemeinde Breuna")
    colleague = factories.affiliation(at=town, function="Hauptamtsleiterin").user
    claim = factories.affiliation(at=town, verify=False, function="Kämmerer")
    elsewhere = factories.affiliation(verify=False, function="Anderswo")
    client.force_login(colleague)
    queue = client.get(reverse("accounts:affiliation-review-list")).text
    assert "Kämmerer" in queue and "Anderswo" not in queue
    assert (
        client.get(reverse("accounts:affiliation-review", args=[elsewhere.pk]))
    ).status_code == 404
    response = client.post(
        reverse("accounts:affiliation-review", args=[claim.pk]),
        {"decision": "decline", "reason": ""},
    )
    assert response.status_code == 200
    assert "Bitte nennen Sie einen Grund" in response.text
    # Colleagues confirm or decline; revoking is the editors' alone.
    assert "revoke" not in response.text


def test_primary_affiliation_is_the_one_bylines_show():
    person = factories.user()
    first = factories.affiliation(person, function="Erste")
    second = factories.affiliation(person, function="Zweite")
    assert person.shown_affiliation == first
    affiliation_update(affiliation=second, user=person, public=True, primary=True)
    assert person.shown_affiliation == second
    first.refresh_from_db()
    assert not first.primary


def test_staff_revoke_with_a_reason_and_the_next_one_becomes_primary():
    person = factories.user()
    first = factories.affiliation(person, function="Erste")
    second = factories.affiliation(person, function="Zweite")
    with pytest.raises(PermissionDenied):
        affiliation_revoke(affiliation=first, reviewer=factories.user(), reason="x")
    affiliation_revoke(
        affiliation=first, reviewer=factories.editor(), reason="Nicht mehr im Amt."
    )
    second.refresh_from_db()
    assert second.primary
    assert person.shown_affiliation == second


def test_article_byline_shows_the_authors_verified_affiliation(client):
    author = factories.affiliation(
        factories.editor(display_name="Redakteurin"),
        at=factories.organisation("Region Kassel-Land e.V."),
        function="Regionalmanagerin",
    ).user
    article = factories.article("Neues aus der Region", author=author)
    html = client.get(article.get_absolute_url()).text
    assert "Regionalmanagerin · Region Kassel-Land e.V. (HE)" in html


def test_editors_and_confirmed_colleagues_are_told_of_a_new_claim():
    town = factories.organisation()
    factories.editor("redaktion@example.org")
    factories.affiliation(factories.user("kollegin@example.org"), at=town)
    factories.user("unbeteiligt@example.org")
    mail.outbox.clear()
    claimant = factories.user("neu@example.org")
    affiliation_claim(user=claimant, organisation=town, function="Kämmerer")
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert "redaktion@example.org" in recipients
    assert "kollegin@example.org" in recipients
    assert "unbeteiligt@example.org" not in recipients
    assert "neu@example.org" not in recipients


def test_following_the_link_sent_to_the_work_address_confirms_the_claim(client):
    town = factories.organisation("Stadt Wolfhagen", email_domain="wolfhagen.de")
    person = factories.user()
    client.force_login(person)
    mail.outbox.clear()
    client.post(
        reverse("accounts:affiliations"),
        {
            "function": "Bürgermeisterin",
            "organisation": town.pk,
            "work_email": "Buergermeisterin@Wolfhagen.de",
            "public": "on",
        },
    )
    claim = Affiliation.objects.get(user=person)
    assert claim.status == Affiliation.Status.PENDING
    [message] = [m for m in mail.outbox if m.to == ["buergermeisterin@wolfhagen.de"]]
    link = next(
        word for word in message.body.split() if "/konto/confirm-email/" in word
    )
    response = client.post(link.split("testserver", 1)[-1])
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == Affiliation.Status.VERIFIED and claim.verified_by_email


def test_journey_claim_approve_reply_end(client):
    """The issue's "done when": claimed, approved in the queue, shown with the next
    reply (with the mark a screen reader reads), ended, gone."""
    town = factories.organisation("Gemeinde Breuna")
    forum = factories.forum()
    topic = factories.forum_topic(forum, title="Bürgerbus über die Landesgrenze")
    mayor = factories.user(display_name="Petra Beispiel")
    client.force_login(mayor)
    client.post(
        reverse("accounts:affiliations"),
        {"function": "Bürgermeisterin", "organisation": town.pk, "public": "on"},
    )
    claim = Affiliation.objects.get(user=mayor)
    client.force_login(factories.editor())
    client.post(
        reverse("accounts:affiliation-review", args=[claim.pk]),
        {"decision": "approve"},
    )
    client.force_login(mayor)
    reply = reverse(
        "forums:topic-reply",
        kwargs={"forum": forum.slug, "pk": topic.pk, "slug": topic.slug},
    )
    response = client.post(reply, {"body": "Wir sind dabei."}, follow=True)
    html = response.content.decode()
    assert "Wir sind dabei." in html
    assert (
        '<span class="affiliation">Bürgermeisterin · Gemeinde Breuna (HE)'
        '<span class="verified-mark"><span aria-hidden="true" title="bestätigt">✓'
        '</span><span class="visually-hidden"> (bestätigt)</span>'
    ) in html
    ended = client.post(
        reverse("accounts:affiliation-end", args=[claim.pk]), follow=True
    )
    assert "ist beendet" in ended.text
    assert '<span class="affiliation">' not in client.get(topic.get_absolute_url()).text


def test_topic_pdf_names_the_verified_affiliation(client):
    forum = factories.forum()
    topic = factories.forum_topic(forum)
    mayor = factories.affiliation(
        at=factories.organisation("Gemeinde Breuna"), function="Bürgermeisterin"
    ).user
    factories.forum_post(topic, author=mayor, body="Unsere Sicht dazu.")
    response = client.get(reverse("forums:topic-pdf", kwargs=topic.url_kwargs()))
    reader = PdfReader(BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Bürgermeisterin · Gemeinde Breuna (HE)" in text
    assert "bestätigt" in text


def test_a_sixth_waiting_claim_is_refused_with_a_message():
    person = factories.user()
    for number in range(5):
        factories.affiliation(person, verify=False, function=f"Amt {number}")
    with pytest.raises(ValidationError) as error:
        factories.affiliation(person, verify=False, function="Amt 6")
    assert "warten" in " ".join(error.value.messages)


def test_another_accounts_address_is_refused_and_nothing_is_kept():
    town = factories.organisation("Stadt Wolfhagen", email_domain="wolfhagen.de")
    factories.user("amt@wolfhagen.de")
    person = factories.user()
    with pytest.raises(ValidationError) as error:
        affiliation_claim(
            user=person,
            organisation=town,
            function="Bauamt",
            work_email="amt@wolfhagen.de",
        )
    assert "work_email" in error.value.message_dict
    assert not Affiliation.objects.filter(user=person).exists()


def test_a_claim_needs_a_confirmed_address(client):
    person = factories.user(verified=False)
    client.force_login(person)
    response = client.post(
        reverse("accounts:affiliations"),
        {"function": "Bürgermeisterin", "organisation": factories.organisation().pk},
    )
    assert "Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse" in response.text
    assert not Affiliation.objects.exists()


def test_each_setting_of_an_affiliation_stands_on_one_line_with_its_box(
    open_browser_page, live_server
):
    claim = factories.affiliation(function="Klimaschutzmanager")
    page = open_browser_page(viewport=NARROW)
    sign_in_with_client(page, live_server, claim.user)
    page.goto(reverse("accounts:affiliations"))
    for name in ("public", "primary"):
        # The label's first line stands beside its box, not under it.
        beside = page.evaluate(
            """(id) => {
              const box = document.getElementById(id).getBoundingClientRect();
              const line = document.querySelector(`label[for="${id}"]`)
                .getClientRects()[0];
              return line.top < box.bottom && line.left >= box.right;
            }""",
            f"{name}-{claim.pk}",
        )
        assert beside, name
