import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts.models import Person
from tests import factories

pytestmark = pytest.mark.django_db


def test_home_shows_the_persons_flagged_for_it_in_their_order(client):
    factories.contact_person(
        "Zweite Stelle", show_on_home=True, order=2, email="zwei@example.org"
    )
    factories.contact_person(
        "Oliver Sollbach",
        show_on_home=True,
        order=1,
        function="Regionalmanager",
        phone="0 56 92 / 99 777 - 14",
        email="o.sollbach@region-kassel-land.de",
    )
    factories.contact_person("Nicht auf der Startseite")
    factories.contact_person("Verborgen", show_on_home=True, published=False)
    html = client.get("/").content.decode()
    block = html.split('id="contacts-heading"')[1]
    assert "Ihre Ansprechpersonen" in html
    assert block.index("Oliver Sollbach") < block.index("Zweite Stelle")
    assert "Regionalmanager" in block
    assert 'href="tel:+4956929977714"' in block
    assert 'href="mailto:o.sollbach@region-kassel-land.de"' in block
    assert "img/contacts/person.svg" in block  # placeholder without a photo
    assert "Nicht auf der Startseite" not in html
    assert "Verborgen" not in html


def test_home_contacts_need_the_same_queries_for_two_or_eight_persons(client):
    organisation = factories.organisation()
    for number in range(2):
        factories.contact_person(
            f"Stelle {number}", organisation=organisation, show_on_home=True
        )
    client.get("/")  # warm the operator cache
    factories.forget_stored_pages()
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for number in range(2, 8):
        factories.contact_person(
            f"Stelle {number}", organisation=factories.organisation(), show_on_home=True
        )
    # The whole page again, as above (a person leaves the forum block stored).
    factories.forget_stored_pages()
    with CaptureQueriesContext(connection) as many:
        html = client.get("/").content.decode()
    assert len(many) == len(few)
    assert html.count('class="card person-card"') == 8


def test_on_home_is_bounded():
    for number in range(12):
        factories.contact_person(f"Stelle {number}", show_on_home=True)
    assert len(Person.objects.on_home()) == 8


def test_sitemap_lists_the_directory_and_published_persons_only(client):
    shown = factories.contact_person("Sichtbare Stelle")
    hidden = factories.contact_person("Verborgene Stelle", published=False)
    xml = client.get("/sitemap.xml").content.decode()
    assert "/ansprechpersonen/</loc>" in xml
    assert f"{shown.get_absolute_url()}</loc>" in xml
    assert hidden.get_absolute_url() not in xml
