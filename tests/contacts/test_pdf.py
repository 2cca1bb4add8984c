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
