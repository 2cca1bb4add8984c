from io import BytesIO

import pytest
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from PIL import Image

from accounts.roles import EDITORS
from contacts.models import Municipality, Person
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(factories.editor())
    return client


def test_editors_hold_every_permission_on_the_directory():
    codenames = set(
        Group.objects.get(name=EDITORS)
        .permissions.filter(content_type__app_label="contacts")
        .values_list("codename", flat=True)
    )
    for model in ("organisation", "person", "topic"):
        for action in ("add", "change", "delete", "view"):
            assert f"{action}_{model}" in codenames


@pytest.mark.parametrize(
    "url",
    [
        "/admin/contacts/person/",
        "/admin/contacts/person/?land=HE&organisation__type__exact=landkreis",
        "/admin/contacts/person/?published__exact=0&show_on_home__exact=1",
        "/admin/contacts/person/?q=Kassel",
        "/admin/contacts/person/add/",
        "/admin/contacts/organisation/",
        "/admin/contacts/organisation/add/",
        "/admin/contacts/topic/",
    ],
)
def test_editor_opens_the_directory_admin(editor_client, url):
    factories.contact_person(
        "Wirtschaftsförderung Kassel", photo=factories.jpeg_with_gps(), photo_alt="Logo"
    )
    assert editor_client.get(url).status_code == 200


def test_changelist_shows_a_photo_preview(editor_client):
    person = factories.contact_person(photo=factories.jpeg_with_gps(), photo_alt="Bild")
    html = editor_client.get("/admin/contacts/person/").content.decode()
    assert person.photo_thumbnail.url in html


def test_editor_reorders_persons_in_the_list(editor_client):
    first = factories.contact_person("Erste Stelle", order=1)
    second = factories.contact_person("Zweite Stelle", order=2)
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-0-id": str(first.pk),
        "form-0-order": "20",
        "form-0-published": "on",
        "form-1-id": str(second.pk),
        "form-1-order": "10",
        "form-1-published": "on",
        "form-1-show_on_home": "on",
        "_save": "Sichern",
    }
    response = editor_client.post("/admin/contacts/person/", data)
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.order, second.order) == (20, 10)
    assert second.show_on_home


def admin_form(person, **changes):
    data = {
        "name": person.name,
        "family_name": person.family_name,
        "slug": person.slug,
        "function": person.function,
        "organisation": str(person.organisation_id),
        "phone": person.phone,
        "email": person.email,
        "photo_alt": person.photo_alt,
        "state_he": "on",
        "order": str(person.order),
        "published": "on",
    }
    data.update(changes)
    return data


def test_photo_uploaded_in_the_admin_is_reencoded_without_exif(editor_client):
    person = factories.contact_person("Oliver Sollbach")
    response = editor_client.post(
        f"/admin/contacts/person/{person.pk}/change/",
        admin_form(
            person,
            photo=factories.jpeg_with_gps(name="urlaub.jpg"),
            photo_alt="Porträt von Oliver Sollbach",
        ),
    )
    assert response.status_code == 302, response.context["errors"]
    person.refresh_from_db()
    assert "urlaub" not in person.photo.name
    assert person.photo_thumbnail
    with default_storage.open(person.photo.name) as file:
        assert not Image.open(BytesIO(file.read())).getexif()
    assert person.photo_alt == "Porträt von Oliver Sollbach"
    # The original upload was not stored next to the clean copy.
    assert sorted(default_storage.listdir("contacts/photos")[1]) == sorted(
        [person.photo.name.split("/")[-1], person.photo_thumbnail.name.split("/")[-1]]
    )


def test_admin_refuses_a_photo_without_description(editor_client):
    person = factories.contact_person()
    response = editor_client.post(
        f"/admin/contacts/person/{person.pk}/change/",
        admin_form(person, photo=factories.jpeg_with_gps(), photo_alt=""),
    )
    assert response.status_code == 200
    assert "Bitte beschreiben Sie das Foto" in response.content.decode()
    person.refresh_from_db()
    assert not person.photo


def test_admin_clears_a_photo(editor_client):
    person = factories.contact_person(photo=factories.jpeg_with_gps(), photo_alt="Bild")
    response = editor_client.post(
        f"/admin/contacts/person/{person.pk}/change/",
        admin_form(person, **{"photo-clear": "on"}),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.photo and not person.photo_thumbnail


def test_admin_deletes_a_person(editor_client):
    person = factories.contact_person()
    response = editor_client.post(
        f"/admin/contacts/person/{person.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/contacts/municipality/",
        "/admin/contacts/municipality/?state__exact=NW",
        "/admin/contacts/municipality/add/",
        "/admin/contacts/municipality/{pk}/change/",
        "/admin/accounts/affiliation/",
        "/admin/accounts/affiliation/?status__exact=pending",
        "/admin/accounts/affiliation/{affiliation}/change/",
    ],
)
def test_editor_keeps_municipalities_and_affiliations_in_the_admin(editor_client, url):
    place = factories.municipality("Wolfhagen", postcodes="34466")
    factories.responsibility(place, "regionalplanung")
    claim = factories.affiliation(verify=False)
    response = editor_client.get(url.format(pk=place.pk, affiliation=claim.pk))
    assert response.status_code == 200


def test_editor_enters_a_municipality_with_its_bodies(editor_client):
    body = factories.organisation("Regierungspräsidium Kassel", state="HE")
    response = editor_client.post(
        "/admin/contacts/municipality/add/",
        {
            "name": "Breuna",
            "slug": "breuna",
            "ags": "",
            "state": "HE",
            "district": "Landkreis Kassel",
            "postcodes": "",
            "source": "",
            "responsibilities-TOTAL_FORMS": "1",
            "responsibilities-INITIAL_FORMS": "0",
            "responsibilities-0-task": "regionalplanung",
            "responsibilities-0-organisation": str(body.pk),
        },
    )
    assert response.status_code == 302

    assert (
        Municipality.objects.get(slug="breuna").responsibilities.get().organisation
        == body
    )
