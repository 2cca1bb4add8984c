"""/wer-ist-zustaendig/: finding a municipality and the bodies responsible for it."""

from io import BytesIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from contacts.models import Municipality, OrganisationType, Task
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def wolfhagen():
    town = factories.municipality(
        "Wolfhagen", postcodes="34466", district="Landkreis Kassel"
    )
    rp = factories.organisation(
        "Regierungspräsidium Kassel",
        type=OrganisationType.REGIONALPLANUNG,
        phone="0561 106-0",
        website="https://rp-kassel.hessen.de",
    )
    factories.responsibility(
        town,
        Task.REGIONAL_PLANNING,
        rp,
        person=factories.contact_person("Regionalplanung Nordhessen", organisation=rp),
    )
    factories.responsibility(
        town, Task.IHK, factories.organisation("IHK Kassel-Marburg", type="kammer")
    )
    warburg = factories.municipality("Warburg", state="NW", district="Kreis Höxter")
    factories.responsibility(
        warburg,
        Task.REGIONAL_PLANNING,
        factories.organisation("Bezirksregierung Detmold", state="NW"),
    )
    town.neighbours.add(warburg)
    return town


def test_name_leads_straight_to_the_answer(client, wolfhagen):
    response = client.get(reverse("municipalities:search"), {"q": "wolfhagen"})
    assert response.status_code == 302
    assert response["Location"] == "/wer-ist-zustaendig/wolfhagen/"


def test_postcode_leads_straight_to_the_answer(client, wolfhagen):
    response = client.get(reverse("municipalities:search"), {"q": "34466"})
    assert response["Location"] == "/wer-ist-zustaendig/wolfhagen/"


def test_misspelling_gets_a_german_message_and_the_closest_names(client, wolfhagen):
    response = client.get(reverse("municipalities:search"), {"q": "Wolfshagen"})
    assert response.status_code == 200
    assert "Gemeinde „Wolfshagen“" in response.text or "Wolfshagen" in response.text
    assert 'aria-invalid="true"' in response.text
    assert 'href="/wer-ist-zustaendig/wolfhagen/"' in response.text


def test_an_unknown_name_keeps_the_list_of_all_municipalities_under_its_message(
    client, wolfhagen
):
    for query in ("Berlin", "Wolfshagen"):  # nothing near it; a misspelling
        html = client.get(reverse("municipalities:search"), {"q": query}).text

        message = html.index(f"Eine Gemeinde „{query}“ kennen wir im Projektgebiet")
        listed = html.index("Alle Gemeinden des Projektgebiets im Portal")
        assert message < listed, query
        assert 'href="/wer-ist-zustaendig/wolfhagen/"' in html[listed:], query
        assert 'href="/wer-ist-zustaendig/warburg/"' in html[listed:], query


def test_the_answer_says_postcode_for_one_and_postcodes_for_several(client, wolfhagen):
    factories.municipality("Uslar", state="NI", postcodes="37170 37154")

    def lead(address):
        """The line under the heading."""
        html = client.get(address).text
        start = html.index('<p class="lead">', html.index("<h1"))
        return html[start : html.index("</p>", start)]

    assert lead("/wer-ist-zustaendig/wolfhagen/").endswith(" · Postleitzahl 34466")
    assert lead("/wer-ist-zustaendig/uslar/").endswith(" · Postleitzahlen 37170, 37154")
    assert lead("/en/wer-ist-zustaendig/wolfhagen/").endswith(" · Postcode 34466")
    assert lead("/en/wer-ist-zustaendig/uslar/").endswith(" · Postcodes 37170, 37154")


def test_answer_groups_bodies_by_task_with_contact_and_the_neighbouring_state(
    client, wolfhagen, django_assert_max_num_queries
):
    for number in range(15):
        factories.responsibility(wolfhagen, Task.HWK, person=factories.contact_person())
        neighbour = factories.municipality(f"Nachbar {number}", state="NI")
        factories.responsibility(neighbour, Task.REGIONAL_PLANNING)
        wolfhagen.neighbours.add(neighbour)
    client.get(wolfhagen.get_absolute_url())  # the footer's cache warms up
    factories.forget_stored_pages()
    with django_assert_max_num_queries(6):
        response = client.get(wolfhagen.get_absolute_url())
    html = response.text
    assert html.index("Regionalplanung") < html.index("Industrie- und Handelskammer")
    assert "Regionalplanung Nordhessen" in html
    assert "0561 106-0" in html
    assert (
        "Im Nachbarland zuständig: Bezirksregierung Detmold (für Warburg, Nordrhein-Westfalen)"
        in html
    )
    assert '"@type": "GovernmentOrganization"' in html
    assert '"areaServed"' in html


def test_pdf_of_the_answer_is_one_page_with_the_bodies(client, wolfhagen):
    response = client.get(reverse("municipalities:pdf", args=["wolfhagen"]))
    assert response.status_code == 200
    reader = PdfReader(BytesIO(response.content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Wer ist für Wolfhagen zuständig?" in text
    assert "Regierungspräsidium Kassel" in text
    assert "Bezirksregierung Detmold" in text  # the neighbour across the border
    assert reader.metadata.title.startswith("Wer ist für Wolfhagen zuständig?")


def test_organisation_vcard(client, wolfhagen):
    response = client.get(
        reverse("contacts:organisation-vcard", args=["regierungspraesidium-kassel"])
    )
    assert "FN:Regierungspräsidium Kassel" in response.content.decode()


def test_unknown_municipality_is_404(client, db):
    assert client.get("/wer-ist-zustaendig/gibt-es-nicht/").status_code == 404


def test_import_reads_the_official_csv(tmp_path):
    source = tmp_path / "gemeinden.csv"
    source.write_text(
        "ags;name;state;district;postcodes\n"
        "99999001;Wolfhagen;HE;Landkreis Kassel;34466\n"
        "99999002;Warburg;NW;Kreis Höxter;34414\n",
        encoding="utf-8",
    )
    call_command("import_municipalities", str(source))
    call_command("import_municipalities", str(source))
    assert Municipality.objects.count() == 2
    warburg = Municipality.objects.get(ags="99999002")
    assert (warburg.name, warburg.state, warburg.postcodes) == (
        "Warburg",
        "NW",
        "34414",
    )


def test_confirmed_members_who_chose_it_are_listed_with_their_body(client, wolfhagen):
    rp = wolfhagen.responsibilities.get(task=Task.REGIONAL_PLANNING).organisation
    factories.affiliation(
        factories.user(display_name="Anna Planerin"), at=rp, function="Dezernentin"
    )
    factories.affiliation(
        factories.user(display_name="Verborgen"),
        at=rp,
        function="Sachbearbeiter",
        public=False,
    )
    factories.affiliation(
        factories.user(display_name="Noch offen"), at=rp, verify=False
    )
    html = client.get(wolfhagen.get_absolute_url()).text
    assert 'Anna Planerin, <span class="affiliation">Dezernentin' in html
    assert "Verborgen" not in html and "Noch offen" not in html
    person = rp.persons.get()
    assert "Anna Planerin" in client.get(person.get_absolute_url()).text


def test_sitemap_lists_the_municipalities(client, wolfhagen):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/wer-ist-zustaendig/</loc>" in xml
    assert "/wer-ist-zustaendig/wolfhagen/</loc>" in xml
    assert "/ansprechpersonen/organisationen/regierungspraesidium-kassel/</loc>" in xml


def test_json_ld_cannot_be_closed_by_an_editors_text(client, wolfhagen):
    factories.responsibility(
        wolfhagen, Task.HWK, factories.organisation("</script><script>alert(1)")
    )
    html = client.get(wolfhagen.get_absolute_url()).text
    assert "</script><script>alert(1)" not in html


def test_the_portal_search_offers_the_municipalitys_answer(client, wolfhagen):
    html = client.get("/suche/", {"q": "Wolfhagen"}).text
    assert 'href="/wer-ist-zustaendig/wolfhagen/"' in html
    assert 'href="/wer-ist-zustaendig/wolfhagen/"' in (
        client.get("/suche/", {"q": "wolfHAG"}).text
    )
    assert 'href="/wer-ist-zustaendig/wolfhagen/"' in (
        client.get("/suche/", {"q": "34466"}).text
    )
    assert 'href="/wer-ist-zustaendig/wolfhagen/"' not in (
        client.get("/suche/", {"q": "Gewerbeflächen"}).text
    )
    # A municipality added or renamed is offered by the next search.
    factories.municipality("Bad Karlshafen", postcodes="34385")
    html = client.get("/suche/", {"q": "Karlshafen"}).text
    assert 'href="/wer-ist-zustaendig/bad-karlshafen/"' in html
    wolfhagen.name = "Wolfhagen am Graner Berg"
    wolfhagen.save()
    assert "Wolfhagen am Graner Berg" in client.get("/suche/", {"q": "Graner"}).text


def test_unknown_postcode_suggests_the_same_postal_area(client, wolfhagen):
    response = client.get(reverse("municipalities:search"), {"q": "34467"})
    assert response.status_code == 200
    assert 'href="/wer-ist-zustaendig/wolfhagen/"' in response.text


def test_organisation_page_lists_entries_members_and_municipalities(
    client, wolfhagen, django_assert_max_num_queries
):
    rp = wolfhagen.responsibilities.get(task=Task.REGIONAL_PLANNING).organisation
    for number in range(12):
        place = factories.municipality(f"Gemeinde {number:02}")
        factories.responsibility(place, Task.REGIONAL_PLANNING, rp)
        factories.affiliation(at=rp, function=f"Referat {number:02}")
    factories.affiliation(at=rp, function="Verborgen", public=False)
    client.get(rp.get_absolute_url())  # the footer's cache warms up
    factories.forget_stored_pages()
    with django_assert_max_num_queries(5):
        response = client.get(rp.get_absolute_url())
    html = response.text
    assert "Regionalplanung Nordhessen" in html  # the directory's entry
    assert "Referat 11 · Regierungspräsidium Kassel (HE)" in html
    assert "Verborgen" not in html
    assert 'href="/wer-ist-zustaendig/gemeinde-11/"' in html
    assert 'href="/wer-ist-zustaendig/wolfhagen/"' in html
