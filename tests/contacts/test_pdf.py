from io import BytesIO

import pytest
from pypdf import PdfReader

from contacts.models import OrganisationType
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/ansprechpersonen/verzeichnis.pdf"


@pytest.fixture
def directory():
    kassel = factories.organisation(
        "Landkreis Kassel", type=OrganisationType.LANDKREIS, state="HE"
    )
    uslar = factories.organisation(
        "Stadt Uslar", type=OrganisationType.KOMMUNE, state="NI"
    )
    mobility = factories.topic("Mobilität")
    return [
        factories.contact_person(
            "Wirtschaftsförderung Landkreis Kassel",
            organisation=kassel,
            email="wf@landkreis.example",
            phone="0561 1003-0",
        ),
        factories.contact_person(
            "Stadtentwicklung Uslar", organisation=uslar, topics=[mobility]
        ),
        factories.contact_person(
            "Verborgene Stelle", organisation=kassel, published=False
        ),
    ]


def read(response) -> PdfReader:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(BytesIO(response.content))


def text_of(reader: PdfReader) -> str:
    # Table cells wrap: compare with the line breaks taken out.
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_directory_pdf_is_tagged_with_language_and_title(client, directory):
    reader = read(client.get(URL))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]) == "de"
    assert root["/MarkInfo"]["/Marked"]
    assert "Ansprechpersonen" in reader.metadata.title


def test_directory_pdf_lists_published_persons_by_organisation(client, directory):
    text = text_of(read(client.get(URL)))
    assert "Landkreis Kassel" in text
    assert "Wirtschaftsförderung Landkreis Kassel" in text
    assert "Stadtentwicklung Uslar" in text
    assert "Verborgene Stelle" not in text


def test_directory_pdf_respects_the_filters(client, directory):
    text = text_of(read(client.get(f"{URL}?land=NI&thema=mobilitaet")))
    assert "Stadtentwicklung Uslar" in text
    assert "Wirtschaftsförderung Landkreis Kassel" not in text
    assert "Niedersachsen" in text  # the selection is named


def test_directory_pdf_refuses_invalid_filters_with_400(client, directory):
    assert client.get(f"{URL}?land=XX").status_code == 400


def test_directory_pdf_is_cached_until_the_directory_changes(
    client, directory, django_assert_max_num_queries
):
    first = client.get(URL).content
    with django_assert_max_num_queries(2):  # cache lookups only, no rendering
        assert client.get(URL).content == first
    person = directory[0]
    person.name = "Wirtschaftsförderung Kreis Kassel (neu)"
    person.save()
    assert "Kreis Kassel (neu)" in text_of(read(client.get(URL)))


def test_directory_pdf_keeps_addresses_on_one_line_and_a_phone_in_every_row(client):
    """Landscape, phone and e-mail unbroken; a person without a number of their own
    gets the organisation's (switchboard)."""
    northeim = factories.organisation(
        "Landkreis Northeim", type=OrganisationType.LANDKREIS, state="NI"
    )
    holzminden = factories.organisation(
        "Landkreis Holzminden",
        type=OrganisationType.LANDKREIS,
        state="NI",
        phone="05531 707-0",
    )
    factories.contact_person(
        "Wirtschaftsförderung und Regionalentwicklung Landkreis Northeim",
        organisation=northeim,
        function="Regionale Zusammenarbeit der Landkreise und Städte in Südniedersachsen",
        phone="0 55 51 / 708 - 123",
        email="wirtschaftsfoerderung@landkreis-northeim.de",
        topics=[factories.topic("Gewerbeflächen"), factories.topic("Fachkräfte")],
    )
    factories.contact_person(
        "Kreisentwicklung Holzminden",
        organisation=holzminden,
        email="wirtschaftsfoerderung@landkreis-holzminden.de",
    )
    reader = read(client.get(URL))
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    lines = [
        line.strip() for p in reader.pages for line in p.extract_text().split("\n")
    ]
    for address in (
        "wirtschaftsfoerderung@landkreis-northeim.de",
        "wirtschaftsfoerderung@landkreis-holzminden.de",
    ):
        assert any(address in line for line in lines), (address, lines)
    assert any("0 55 51 / 708 - 123" in line for line in lines), lines
    row = next(line for line in lines if line.startswith("Kreisentwicklung Holzminden"))
    assert "05531 707-0" in row, lines
