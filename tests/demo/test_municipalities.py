from io import BytesIO, StringIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from contacts.models import Municipality, Responsibility, Task
from demo.loaders import contacts, municipalities

pytestmark = pytest.mark.django_db


def _load():
    contacts.load(stdout=StringIO())
    municipalities.load(stdout=StringIO())


def test_demo_municipalities_load_once_and_a_second_run_changes_nothing():
    _load()
    counts = (Municipality.objects.count(), Responsibility.objects.count())
    _load()
    assert counts == (Municipality.objects.count(), Responsibility.objects.count())
    assert set(Municipality.objects.values_list("state", flat=True)) == {
        "HE",
        "NI",
        "NW",
    }


def test_demo_answer_differs_by_state():
    _load()
    planning = dict(
        Responsibility.objects.filter(task=Task.REGIONAL_PLANNING).values_list(
            "municipality__name", "organisation__name"
        )
    )
    assert planning["Wolfhagen"] == "Regierungspräsidium Kassel"
    assert planning["Warburg"] == "Bezirksregierung Detmold"
    assert planning["Uslar"] == "Landkreis Northeim"


def test_demo_neighbour_across_the_border_is_named(client):
    _load()
    html = client.get("/wer-ist-zustaendig/beverungen/").text
    assert (
        "Im Nachbarland zuständig: Landkreis Holzminden (für Lauenförde, Niedersachsen)"
    ) in html


def test_every_demo_answer_pdf_keeps_its_promise_of_one_page_with_its_address(
    client, settings
):
    settings.SITE_URL = "https://www.regiondermitte.de"
    _load()
    # All ten, the fullest among them: Liebenau, Borgentreich and Warburg have seven
    # bodies of their own and seven across the state border, Beverungen eight and five.
    for municipality in Municipality.objects.order_by("name"):
        response = client.get(reverse("municipalities:pdf", args=[municipality.slug]))
        reader = PdfReader(BytesIO(response.content))
        assert len(reader.pages) == 1, municipality.slug
        text = " ".join(reader.pages[0].extract_text().split())
        assert (
            "Aus dem Portal Region der Mitte, https://www.regiondermitte.de"
            f"/wer-ist-zustaendig/{municipality.slug}/"
        ) in text
