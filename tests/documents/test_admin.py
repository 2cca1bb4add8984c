"""Editors upload documents in the admin; nobody else may."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.roles import EDITORS, MODERATORS
from documents.models import Category, Document, DownloadCount
from tests import factories

pytestmark = pytest.mark.django_db

ADD = reverse("admin:documents_document_add")


def form_data(**changes) -> dict:
    data = {
        "title": "Regionalanalyse 2024",
        "slug": "regionalanalyse-2024",
        "category": Category.REGIONAL_ANALYSIS,
        "description": "Die Analyse der *Pendlerströme*.",
        "state_he": "on",
        "state_nw": "on",
        "status": Document.Status.PUBLISHED,
        "published_on": "14.03.2024",
        "version_label": "Erste Fassung",
        "replaces": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def editor_client(client):
    client.force_login(factories.editor())
    return client


def test_redaktion_has_every_document_permission_and_moderation_none():
    editors = set(
        Group.objects.get(name=EDITORS)
        .permissions.filter(content_type__app_label="documents")
        .values_list("codename", flat=True)
    )
    assert {
        f"{action}_{model}"
        for action in ("add", "change", "delete", "view")
        for model in ("document", "downloadcount")
    } <= editors
    moderators = Group.objects.get(name=MODERATORS).permissions
    assert not moderators.filter(content_type__app_label="documents").exists()


def test_an_editor_uploads_a_pdf_and_the_metadata_is_derived(editor_client):
    upload = factories.upload(factories.pdf_bytes(pages=5), "analyse.pdf")
    response = editor_client.post(ADD, form_data(file=upload))
    assert response.status_code == 302, response.context["adminform"].form.errors
    document = Document.objects.get(slug="regionalanalyse-2024")
    assert document.page_count == 5
    assert document.file_type == "pdf"
    assert document.original_filename == "analyse.pdf"
    assert document.cover
    assert document.state_he and document.state_nw and not document.state_ni
    assert document.published_on == datetime.date(2024, 3, 14)
    assert document.description_html == "<p>Die Analyse der <em>Pendlerströme</em>.</p>"


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"<html><body>Hallo</body></html>", "bericht.pdf", "nicht erlaubt"),
        (b"%PDF-1.7\nkaputt", "kaputt.pdf", "beschädigt"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "karte.svg", "nicht erlaubt"),
    ],
)
def test_a_refused_file_keeps_everything_else_the_editor_entered(
    editor_client, data, name, message
):
    response = editor_client.post(ADD, form_data(file=factories.upload(data, name)))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert message in form.errors["file"][0]
    html = response.content.decode()
    assert message in html
    assert 'value="Regionalanalyse 2024"' in html
    assert 'value="regionalanalyse-2024"' in html
    assert 'value="Erste Fassung"' in html
    assert "Die Analyse der *Pendlerströme*." in html
    assert re.search(r'<input[^>]*name="state_nw"[^>]*checked', html)
    assert not re.search(r'<input[^>]*name="state_ni"[^>]*checked', html)
    assert not Document.objects.exists()


def test_an_oversized_file_gets_a_german_error_in_the_form(editor_client, settings):
    settings.DOCUMENT_MAX_UPLOAD_SIZE = 512
    upload = factories.upload(factories.pdf_bytes(pages=4))
    response = editor_client.post(ADD, form_data(file=upload))
    assert response.status_code == 200
    assert "zu groß" in response.context["adminform"].form.errors["file"][0]


def test_the_change_view_shows_metadata_and_downloads_per_month(editor_client):
    document = factories.document("Statistik", pages=2)
    DownloadCount.objects.create(
        document=document, day=datetime.date(2024, 4, 3), count=5
    )
    DownloadCount.objects.create(
        document=document, day=datetime.date(2024, 4, 20), count=2
    )
    DownloadCount.objects.create(
        document=document, day=datetime.date(2024, 5, 1), count=1
    )
    url = reverse("admin:documents_document_change", args=[document.pk])
    html = editor_client.get(url).content.decode()
    assert "April 2024" in html and "<td>7</td>" in html
    assert "Mai 2024" in html and "<td>1</td>" in html
    assert document.thumbnail.url in html
    assert "Statistik 1" in html  # the text excerpt


def test_changing_fields_without_a_new_file_keeps_the_file(editor_client):
    document = factories.document("Alt", pages=2)
    file_name = document.file.name
    url = reverse("admin:documents_document_change", args=[document.pk])
    response = editor_client.post(
        url, form_data(title="Neu", slug=document.slug, category=Category.OTHER)
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "Neu"
    assert document.file.name == file_name
    assert document.page_count == 2


def test_the_changelist_filters_by_category_state_status_and_featured(editor_client):
    factories.document("Hessisch", state_he=True, category=Category.TOOLBOX)
    factories.document("Niedersächsisch", state_ni=True, status="draft")
    url = reverse("admin:documents_document_changelist")
    html = editor_client.get(url, {"land": "HE"}).content.decode()
    assert "Hessisch" in html and "Niedersächsisch" not in html
    html = editor_client.get(url, {"status__exact": "draft"}).content.decode()
    assert "Niedersächsisch" in html and "Hessisch" not in html
    for params in ({"category__exact": "werkzeugkasten"}, {"featured__exact": "1"}):
        assert editor_client.get(url, params).status_code == 200


def test_deleting_a_document_removes_its_files(
    editor_client, django_capture_on_commit_callbacks
):
    document = factories.document("Weg damit")
    names = [document.file.name, document.cover.name, document.thumbnail.name]
    url = reverse("admin:documents_document_delete", args=[document.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    storage = document.file.storage
    assert not any(storage.exists(name) for name in names)


def test_people_without_the_role_cannot_open_the_document_admin(client):
    for person in (factories.user(), factories.moderator()):
        client.force_login(person)
        assert client.get(ADD).status_code in (302, 403)
        assert not Document.objects.exists()


def test_the_address_is_made_from_the_title_when_left_empty(editor_client):
    for _ in range(2):
        upload = factories.upload(factories.pdf_bytes(pages=2), "analyse.pdf")
        response = editor_client.post(
            ADD,
            form_data(
                title="Regionalanalyse 2024 für Nordhessen", slug="", file=upload
            ),
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(Document.objects.order_by("pk").values_list("slug", flat=True)) == [
        "regionalanalyse-2024-fuer-nordhessen",
        "regionalanalyse-2024-fuer-nordhessen-2",
    ]


def test_the_address_field_explains_itself_and_fills_from_the_title(editor_client):
    html = editor_client.get(ADD).content.decode()
    # Help text as plain text: no "<address>" swallowed as a tag ("/dokumente//").
    assert "/dokumente//" not in html
    assert "/dokumente/srek-2023/" in html
    assert "Leer lassen, dann wird sie aus dem Titel gebildet" in html
    assert re.search(r'<input[^>]*name="slug"(?![^>]*required)[^>]*>', html)
    assert "&quot;#id_slug&quot;, &quot;name&quot;: &quot;slug&quot;" in html
