import pytest

from contacts.models import OrganisationType
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
        phone="0 56 92 / 99 777 - 14",
        email="kontakt@regiondermitte.de",
        website="https://www.regiondermitte.de",
    )
    return factories.contact_person(
        "Oliver Sollbach",
        family_name="Sollbach",
        function="Regionalmanager",
        organisation=organisation,
        phone="0 56 92 / 99 777 - 14",
        email="o.sollbach@region-kassel-land.de",
        topics=[factories.topic("Regionalentwicklung")],
        states=["HE", "NI", "NW"],
    )


def test_person_page_shows_contact_and_the_organisations_address(
    client, person, django_assert_max_num_queries
):
    client.get("/ansprechpersonen/oliver-sollbach/")  # the footer's cache warms up
    # The person with organisation, the topics, the cached footer data.
    with django_assert_max_num_queries(3):
        response = client.get("/ansprechpersonen/oliver-sollbach/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Oliver Sollbach</h1>" in html
    assert "Regionalmanager" in html
    assert 'href="tel:+4956929977714"' in html
    assert 'href="mailto:o.sollbach@region-kassel-land.de"' in html
    address = html.split('<address class="organisation-card__address">')[1]
    address = address.split("</address>")[0]
    assert "Kurfürstenstr. 19" in address
    assert "34466 Wolfhagen" in address
    assert 'href="mailto:kontakt@regiondermitte.de"' in html
    assert 'href="https://www.regiondermitte.de"' in html
    assert "länderübergreifend" in html
    assert 'href="/ansprechpersonen/oliver-sollbach/vcard/"' in html
    assert 'href="/ansprechpersonen/?thema=regionalentwicklung"' in html


def test_person_without_photo_shows_the_neutral_placeholder(client, person):
    html = client.get(person.get_absolute_url()).content.decode()
    assert 'img/contacts/person.svg" alt=""' in html


def test_person_photo_is_shown_with_its_description(client, person):
    from contacts.services import person_set_photo

    person_set_photo(
        person=person,
        photo=factories.jpeg_with_gps(),
        alt_text="Porträt von Oliver Sollbach",
    )
    html = client.get(person.get_absolute_url()).content.decode()
    assert 'alt="Porträt von Oliver Sollbach"' in html
    assert 'width="600" height="400"' in html


def test_unpublished_person_page_is_404(client, person):
    person.published = False
    person.save()
    assert client.get(person.get_absolute_url()).status_code == 404


def test_unknown_person_is_404(client, db):
    assert client.get("/ansprechpersonen/niemand/").status_code == 404
