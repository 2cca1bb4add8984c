import pytest
import vobject

from contacts import vcard
from contacts.models import OrganisationType
from contacts.services import person_set_photo
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    organisation = factories.organisation(
        "Region Kassel-Land e.V.",
        type=OrganisationType.REGIONALMANAGEMENT,
        state="HE",
        street="Kurfürstenstr. 19",
        postcode="34466",
        city="Wolfhagen",
        website="https://www.regiondermitte.de",
    )
    return factories.contact_person(
        "Oliver Sollbach",
        family_name="Sollbach",
        function="Regionalmanager; Projekt „Region der Mitte“, Wolfhagen",
        organisation=organisation,
        phone="0 56 92 / 99 777 - 14",
        email="o.sollbach@region-kassel-land.de",
        topics=[factories.topic("Regionalentwicklung"), factories.topic("Mobilität")],
    )


def download(client, person):
    response = client.get(f"/ansprechpersonen/{person.slug}/vcard/")
    assert response.status_code == 200
    return response


def test_vcard_is_a_utf8_attachment_named_after_the_person(client, person):
    response = download(client, person)
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="oliver-sollbach.vcf"'
    )


def test_vcard_parses_back_with_every_field(client, person):
    text = download(client, person).content.decode("utf-8")
    card = vobject.readOne(text)
    assert card.version.value == "3.0"
    assert card.fn.value == "Oliver Sollbach"
    assert card.n.value.family == "Sollbach"
    assert card.n.value.given == "Oliver"
    assert card.org.value == ["Region Kassel-Land e.V."]
    # Commas and semicolons in text survive escaping.
    assert card.title.value == "Regionalmanager; Projekt „Region der Mitte“, Wolfhagen"
    assert card.tel.value == "+4956929977714"
    assert card.email.value == "o.sollbach@region-kassel-land.de"
    address = card.adr.value
    assert address.street == "Kurfürstenstr. 19"
    assert address.city == "Wolfhagen"
    assert address.code == "34466"
    assert address.region == "Hessen"
    assert address.country == "Deutschland"
    urls = {url.value for url in card.contents["url"]}
    assert urls == {
        "https://www.regiondermitte.de",
        "http://testserver/ansprechpersonen/oliver-sollbach/",
    }
    assert card.categories.value == ["Mobilität", "Regionalentwicklung"]


def test_vcard_uses_crlf_and_folds_long_lines_without_breaking_characters(
    client, person
):
    person.function = "Ansprechstelle für Förderprogramme, " * 5
    person.save()
    body = download(client, person).content
    assert body.endswith(b"END:VCARD\r\n")
    assert b"\n" not in body.replace(b"\r\n", b"")
    lines = body.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")  # no character split across a fold
    assert any(line.startswith(b" ") for line in lines)
    card = vobject.readOne(body.decode())
    assert card.title.value == person.function


def test_vcard_of_a_role_address_keeps_its_name_whole(client):
    role = factories.contact_person("Wirtschaftsförderung Landkreis Höxter")
    card = vobject.readOne(download(client, role).content.decode())
    assert card.n.value.family == "Wirtschaftsförderung Landkreis Höxter"
    assert card.n.value.given == ""
    # No phone of its own: the organisation's number and address stand in.
    assert "ADR" in download(client, role).content.decode()


def test_vcard_embeds_the_photo_thumbnail(client, person):
    person_set_photo(person=person, photo=factories.jpeg_with_gps(), alt_text="Porträt")
    card = vobject.readOne(download(client, person).content.decode())
    photo = card.photo.value
    assert photo.startswith(b"\xff\xd8")  # a JPEG


def test_unpublished_person_has_no_vcard(client, person):
    person.published = False
    person.save()
    assert client.get(f"/ansprechpersonen/{person.slug}/vcard/").status_code == 404


def test_fold_counts_octets_not_characters():
    folded = vcard.fold("NOTE:" + "ä" * 100)
    for line in folded.split("\r\n"):
        assert len(line.encode()) <= 75
    assert folded.replace("\r\n ", "") == "NOTE:" + "ä" * 100


def test_escape_handles_backslash_comma_semicolon_and_newlines():
    assert vcard.escape("a\\b,c;d\ne") == "a\\\\b\\,c\\;d\\ne"
