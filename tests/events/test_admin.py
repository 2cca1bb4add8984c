"""Organisers in the administration: the list, participant CSV and PDF, a mail to all,
editing an event (with its participants told), and who may see which event."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from accounts.roles import EDITORS
from events.models import Event, Registration
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(factories.editor())
    return client


@pytest.fixture
def event():
    event = factories.event(
        "Nachbarschaftsforum Uslar", capacity=2, ask_organisation="optional"
    )
    factories.registration(event, name="Anna Beispiel", organisation="Stadt Uslar")
    factories.registration(event, name='=HYPERLINK("http://böse.example")')
    factories.registration(event, name="Wartende Person")
    mail.outbox.clear()
    return event


def test_editors_may_manage_events_and_read_registrations():
    codenames = set(
        Group.objects.get(name=EDITORS)
        .permissions.filter(content_type__app_label="events")
        .values_list("codename", flat=True)
    )
    assert {"add_event", "change_event", "delete_event", "view_event"} <= codenames
    assert "view_registration" in codenames
    assert "change_registration" not in codenames


def test_the_admin_list_shows_seats_taken_and_waiting(editor_client, event):
    page = editor_client.get(reverse("admin:events_event_changelist")).content.decode()
    assert "2 / 2" in page
    assert '<td class="field-waiting">1</td>' in page


def test_the_participant_list_downloads_as_csv_without_formulas(editor_client, event):
    response = editor_client.get(
        reverse("admin:events_event_participants_csv", args=[event.pk])
    )
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows[0][:3] == ["Nr.", "Name", "E-Mail-Adresse"]
    names = [row[1] for row in rows[1:]]
    assert "Anna Beispiel" in names and "Wartende Person" in names
    assert '\'=HYPERLINK("http://böse.example")' in names
    anna = next(row for row in rows if row[1] == "Anna Beispiel")
    assert "Stadt Uslar" in anna and "Angemeldet" in anna


def test_the_sign_in_sheet_is_a_tagged_pdf_of_those_with_a_seat(editor_client, event):
    response = editor_client.get(
        reverse("admin:events_event_signin_pdf", args=[event.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert reader.trailer["/Root"]["/Lang"] == "de"
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Unterschriftenliste" in text and "Anna Beispiel" in text
    assert "Wartende Person" not in text


def test_a_mail_to_all_participants_reaches_those_with_a_seat(editor_client, event):
    url = reverse("admin:events_event_message", args=[event.pk])
    assert editor_client.post(url, {"subject": "", "body": ""}).status_code == 200
    response = editor_client.post(
        url, {"subject": "Parkplätze", "body": "Bitte hinter dem Bahnhof parken."}
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    assert {m.subject for m in mail.outbox} == {"[Region der Mitte] Parkplätze"}
    assert "Bitte hinter dem Bahnhof parken." in mail.outbox[0].body


def test_editing_the_time_in_the_admin_tells_the_participants(editor_client, event):
    change = reverse("admin:events_event_change", args=[event.pk])
    form = editor_client.get(change).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    start = event.local_start.replace(hour=9)
    end = event.local_end.replace(hour=18)
    data.update(
        {
            "starts_at_0": start.strftime("%d.%m.%Y"),
            "starts_at_1": "09:00",
            "ends_at_0": end.strftime("%d.%m.%Y"),
            "ends_at_1": "18:00",
            "documents": [],
            "staff_organisers": [],
            "registrations-TOTAL_FORMS": "3",
            "registrations-INITIAL_FORMS": "3",
            "registrations-MIN_NUM_FORMS": "0",
            "registrations-MAX_NUM_FORMS": "1000",
        }
    )
    for index, registration in enumerate(
        Registration.objects.filter(event=event).order_by(
            "status", "confirmed_at", "pk"
        )
    ):
        data[f"registrations-{index}-id"] = registration.pk
        data[f"registrations-{index}-event"] = event.pk
    for key in (
        "starts_at",
        "ends_at",
        "registration_deadline",
        "latitude",
        "longitude",
        "image",
    ):
        data.pop(key, None)
    response = editor_client.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event.refresh_from_db()
    assert event.local_start.hour == 9 and event.sequence == 1
    assert len(mail.outbox) == 3  # two with a seat, one waiting
    assert all("Geändert" in m.subject for m in mail.outbox)


def test_a_staff_organiser_sees_their_event_and_nobody_elses():
    organiser = factories.user(is_staff=True)
    factories.enable_totp(organiser)
    own = factories.event("Eigene Veranstaltung", capacity=5)
    own.staff_organisers.add(organiser)
    factories.registration(own, name="Teilnehmerin")
    other = factories.event("Fremde Veranstaltung")
    from django.test import Client

    client = Client()
    client.force_login(organiser)
    listing = client.get(reverse("admin:events_event_changelist")).content.decode()
    assert "Eigene Veranstaltung" in listing and "Fremde Veranstaltung" not in listing
    assert (
        client.get(
            reverse("admin:events_event_participants_csv", args=[own.pk])
        ).status_code
        == 200
    )
    assert (
        client.get(
            reverse("admin:events_event_participants_csv", args=[other.pk])
        ).status_code
        == 403
    )
    assert (
        client.get(reverse("admin:events_event_change", args=[own.pk])).status_code
        == 200
    )
    assert client.get(
        reverse("admin:events_event_change", args=[other.pk])
    ).status_code in (
        302,
        403,
        404,
    )
    assert not Event.objects.filter(pk=own.pk, title="geändert").exists()
