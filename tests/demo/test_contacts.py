from io import StringIO

import pytest

from contacts.models import Organisation, Person, Topic
from demo.loaders import contacts as demo

pytestmark = pytest.mark.django_db


def test_demo_directory_loads_once_and_a_second_run_changes_nothing(client):
    demo.load(stdout=StringIO())
    counts = (
        Organisation.objects.count(),
        Person.objects.count(),
        Topic.objects.count(),
    )
    snapshot = list(Person.objects.values().order_by("pk"))
    demo.load(stdout=StringIO())
    assert counts == (
        Organisation.objects.count(),
        Person.objects.count(),
        Topic.objects.count(),
    )
    assert list(Person.objects.values().order_by("pk")) == snapshot
    assert {org.state for org in Organisation.objects.all()} == {"HE", "NI", "NW"}


def test_demo_has_the_seeds_contact_on_the_home_page(client):
    demo.load(stdout=StringIO())
    oliver = Person.objects.get(slug="oliver-sollbach")
    assert oliver.function == "Regionalmanager"
    assert oliver.organisation.name == "Region Kassel-Land e.V."
    assert oliver.phone == "0 56 92 / 99 777 - 14"
    assert oliver.email == "o.sollbach@region-kassel-land.de"
    assert list(Person.objects.on_home()) == [oliver]
    assert "Oliver Sollbach" in client.get("/").content.decode()


def test_demo_entries_besides_the_seeds_contact_are_role_addresses():
    demo.load(stdout=StringIO())
    for person in Person.objects.exclude(slug="oliver-sollbach"):
        assert not person.family_name
        assert person.email.split("@")[0] in {
            "wirtschaftsfoerderung",
            "regionalentwicklung",
            "mobilitaet",
            "regionalplanung",
            "stadtentwicklung",
            "fachkraefte",
            "info",
            "standortpolitik",
            "goettingen",
        }


def test_every_demo_organisation_knows_the_domain_of_its_addresses():
    """So that a work address there confirms an affiliation by itself."""
    demo.load(stdout=StringIO())
    for person in Person.objects.select_related("organisation"):
        assert person.organisation.matches_email(person.email), person.email


def test_demo_rows_become_organisations_and_people_with_topics_and_states():
    demo.load(stdout=StringIO())

    hoexter = Organisation.objects.get(slug="kreis-hoexter")
    assert (hoexter.type, hoexter.state, hoexter.city) == ("landkreis", "NW", "Höxter")
    uslar = Organisation.objects.get(slug="stadt-uslar")
    assert (uslar.street, uslar.phone, uslar.email) == ("Rathaus", "", "")
    mobility = Person.objects.get(slug="mobilitaetsplanung-kreis-hoexter")
    assert mobility.organisation == hoexter
    assert sorted(mobility.states) == ["HE", "NI", "NW"]
    assert [topic.name for topic in mobility.topics.all()] == ["Mobilität"]
    assert Topic.objects.count() == 9
    assert Person.objects.get(slug="wirtschaftsfoerderung-landkreis-kassel").order == 10
