import re

import pytest

from contacts.models import OrganisationType
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/ansprechpersonen/"


@pytest.fixture
def directory():
    kassel = factories.organisation(
        "Landkreis Kassel",
        type=OrganisationType.LANDKREIS,
        state="HE",
        city="Kassel",
        phone="0561 1003-0",
    )
    hoexter = factories.organisation(
        "Kreis Höxter", type=OrganisationType.LANDKREIS, state="NW", city="Höxter"
    )
    uslar = factories.organisation(
        "Stadt Uslar", type=OrganisationType.KOMMUNE, state="NI", city="Uslar"
    )
    chamber = factories.organisation(
        "IHK Kassel-Marburg", type=OrganisationType.KAMMER, state="HE", city="Kassel"
    )
    mobility = factories.topic("Mobilität")
    sites = factories.topic("Gewerbeflächen")
    return {
        "kassel": factories.contact_person(
            "Wirtschaftsförderung Landkreis Kassel",
            organisation=kassel,
            function="Ansprechstelle für Unternehmen",
            phone="0561 1003-1234",
            email="wirtschaftsfoerderung@landkreis.example",
            topics=[sites],
        ),
        "kassel-2": factories.contact_person(
            "Regionalentwicklung Landkreis Kassel",
            organisation=kassel,
            function="Dorfentwicklung",
            order=5,
        ),
        "hoexter": factories.contact_person(
            "Mobilitätsplanung Kreis Höxter",
            organisation=hoexter,
            function="Nahverkehr",
            topics=[mobility],
            states=["NW", "HE"],
        ),
        "uslar": factories.contact_person(
            "Wirtschaftsförderung Stadt Uslar",
            organisation=uslar,
            topics=[sites],
        ),
        "chamber": factories.contact_person(
            "Standortpolitik IHK",
            organisation=chamber,
            function="Verkehr und Flächen",
            topics=[sites, mobility],
        ),
        "hidden": factories.contact_person(
            "Verborgene Stelle Kassel",
            organisation=kassel,
            published=False,
            topics=[sites, mobility],
        ),
    }


def listed(response) -> set[str]:
    return {person.name for person in response.context["persons"]}


def test_directory_lists_published_persons_only(client, directory):
    response = client.get(URL)
    assert response.status_code == 200
    assert listed(response) == {
        "Wirtschaftsförderung Landkreis Kassel",
        "Regionalentwicklung Landkreis Kassel",
        "Mobilitätsplanung Kreis Höxter",
        "Wirtschaftsförderung Stadt Uslar",
        "Standortpolitik IHK",
    }
    assert "Verborgene Stelle" not in response.content.decode()


def test_directory_groups_persons_under_their_organisation_in_name_order(
    client, directory
):
    html = client.get(URL).content.decode()
    headings = re.findall(r'<h2 id="organisation-\d+"><a [^>]*>([^<]+)</a>', html)
    assert headings == [
        "IHK Kassel-Marburg",
        "Kreis Höxter",
        "Landkreis Kassel",
        "Stadt Uslar",
    ]
    # Both Kassel entries sit in the Kassel group, in the editors' order.
    kassel_group = html.split("Landkreis Kassel</a></h2>")[1].split("<h2")[0]
    assert kassel_group.index("Wirtschaftsförderung Landkreis Kassel") < (
        kassel_group.index("Regionalentwicklung Landkreis Kassel")
    )


def test_directory_shows_contact_links_states_and_topics(client, directory):
    html = client.get(URL).content.decode()
    assert 'href="tel:+4956110031234"' in html
    assert 'href="mailto:wirtschaftsfoerderung@landkreis.example"' in html
    # Compact rows (issue 14.16): the organisation line names the state, topics are
    # a filter here and listed on each person's page.
    assert "Landkreis · Hessen" in html
    assert '<option value="gewerbeflaechen">' in html
    assert 'href="/ansprechpersonen/verzeichnis.pdf"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("land=HE", {"kassel", "kassel-2", "hoexter", "chamber"}),
        ("land=NI", {"uslar"}),
        ("land=NW", {"hoexter"}),
        ("typ=landkreis", {"kassel", "kassel-2", "hoexter"}),
        ("typ=kammer", {"chamber"}),
        ("typ=verein", set()),
        ("thema=mobilitaet", {"hoexter", "chamber"}),
        ("thema=gewerbeflaechen", {"kassel", "uslar", "chamber"}),
        ("q=Uslar", {"uslar"}),
        ("q=nahverkehr", {"hoexter"}),  # function
        ("q=IHK+Kassel", {"chamber"}),  # every word must match
        ("q=Gewerbe", {"kassel", "uslar", "chamber"}),  # topic name
        ("q=Marburg", {"chamber"}),  # organisation name
        ("land=HE&typ=landkreis", {"kassel", "kassel-2", "hoexter"}),
        ("land=HE&typ=landkreis&thema=mobilitaet", {"hoexter"}),
        ("land=HE&thema=gewerbeflaechen&q=Standort", {"chamber"}),
        ("land=NI&typ=kammer", set()),
    ],
)
def test_directory_filters(client, directory, query, expected):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert listed(response) == {directory[key].name for key in expected}


def test_combined_filters_keep_their_values_in_the_form_and_the_pdf_link(
    client, directory
):
    html = client.get(f"{URL}?land=HE&typ=landkreis&thema=mobilitaet").content.decode()
    assert '<option value="HE" selected>' in html
    assert '<option value="landkreis" selected>' in html
    assert '<option value="mobilitaet" selected>' in html
    assert "verzeichnis.pdf?land=HE&amp;typ=landkreis&amp;thema=mobilitaet" in html


def test_topic_filter_offers_only_topics_of_published_persons(client, directory):
    factories.topic("Tourismus")  # nobody covers it
    html = client.get(URL).content.decode()
    assert 'value="mobilitaet"' in html
    assert 'value="tourismus"' not in html


def test_unknown_filter_value_gives_an_empty_list_and_a_german_message(
    client, directory
):
    response = client.get(f"{URL}?thema=gibt-es-nicht&land=XX")
    assert response.status_code == 200
    assert listed(response) == set()
    html = response.content.decode()
    assert "Bitte eine gültige Auswahl treffen." in html
    assert "Keine Ansprechperson passt zu Ihrer Auswahl." in html


def test_directory_pages_head_a_split_organisation_again_as_continued(client):
    kassel = factories.organisation("Landkreis Kassel", state="HE")
    uslar = factories.organisation("Stadt Uslar", state="NI")
    for number in range(55):
        factories.contact_person(f"Stelle Kassel {number:02}", organisation=kassel)
    factories.contact_person("Stelle Uslar", organisation=uslar)

    first = client.get(URL).content.decode()
    assert "56 Ansprechpersonen" in first
    assert "Landkreis Kassel</a></h2>" in first
    assert "Stadt Uslar" not in first
    assert 'href="?seite=2" rel="next"' in first

    second = client.get(URL, {"seite": 2})
    html = second.content.decode()
    assert len(second.context["persons"]) == 6
    assert "Ansprechpersonen – Seite 2" in html
    assert 'Landkreis Kassel</a> <span class="meta">(Fortsetzung)</span></h2>' in html
    assert "Stadt Uslar</a></h2>" in html


def test_directory_runs_a_bounded_number_of_queries_with_100_persons(
    client, django_assert_max_num_queries
):
    topics = [factories.topic(f"Thema {number}") for number in range(6)]
    organisations = [
        factories.organisation(f"Organisation {number}", state=state)
        for number, state in zip(range(10), ["HE", "NI", "NW"] * 4, strict=False)
    ]
    for number in range(100):
        factories.contact_person(
            f"Stelle {number}",
            organisation=organisations[number % 10],
            phone="0 56 92 / 99 777 - 14",
            email=f"stelle{number}@example.org",
            topics=topics[number % 3 : number % 3 + 3],
        )
    client.get(URL)  # the footer's cache warms up
    factories.forget_stored_pages()
    # The count, persons with organisations, their topics, the filter's topics.
    with django_assert_max_num_queries(4):
        response = client.get(URL)
    assert len(response.context["persons"]) == 50
    assert response.context["paginator"].count == 100
    # A later page: also the organisation of the entry before it.
    with django_assert_max_num_queries(5):
        response = client.get(f"{URL}?seite=2")
    assert len(response.context["persons"]) == 50
    with django_assert_max_num_queries(5):
        response = client.get(f"{URL}?land=HE&thema=thema-2&q=Stelle")
    assert response.status_code == 200
