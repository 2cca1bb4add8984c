import io
import re

import pytest

from demo.loaders import pages as demo
from pages.models import Goal, Operator, Page
from tests import factories

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    out = io.StringIO()
    demo.load(stdout=out)
    return out.getvalue()


def test_demo_content_is_idempotent():
    load_demo()
    counts = (Operator.objects.count(), Page.objects.count(), Goal.objects.count())
    pages = {p.slug: (p.title, p.body, p.updated_at) for p in Page.objects.all()}

    output = load_demo()

    assert counts == (1, 6, 4)
    assert (Operator.objects.count(), Page.objects.count(), Goal.objects.count()) == (
        counts
    )
    assert {p.slug: (p.title, p.body, p.updated_at) for p in Page.objects.all()} == (
        pages
    )
    assert "0 created" in output


def test_demo_content_keeps_what_editors_changed():
    load_demo()
    Page.objects.filter(slug="impressum").update(title="Impressum (geändert)")

    load_demo()

    assert Page.objects.get(slug="impressum").title == "Impressum (geändert)"


def test_demo_pages_are_complete_legal_pages(client):
    load_demo()

    impressum = client.get("/impressum/").content.decode()
    datenschutz = client.get("/datenschutz/").content.decode()
    barrierefreiheit = client.get("/barrierefreiheit/").content.decode()

    assert "§ 5 Digitale-Dienste-Gesetz" in impressum
    assert "§ 18 Abs. 2 MStV" in impressum
    assert "Kurfürstenstr. 19" in impressum
    for text in ("Art. 15", "Art. 21", "/konto/", "Hessische Beauftragte", "Cookies"):
        assert text in datenschutz
    for text in (
        "teilweise vereinbar",
        "Nicht barrierefreie Inhalte",
        "Schlichtungsstelle nach § 16 BGG",
        "kontakt@regiondermitte.de",
        "erstellt",
    ):
        assert text in barrierefreiheit


def test_the_legal_pages_name_the_operator_as_it_is_in_the_database(client):
    factories.operator(
        name="Anderer Träger e.V.",
        street="Marktplatz 1",
        website="https://www.example.org",
        register="Amtsgericht Göttingen, VR 1234",
    )
    load_demo()

    impressum = Page.objects.get(slug="impressum")
    assert "{{" not in impressum.body and "{%" not in impressum.body
    # Hard line breaks (two spaces at the end of a line) keep the address in lines.
    assert (
        "Anderer Träger e.V.<br>\nMarktplatz 1<br>\n34466 Wolfhagen"
        in impressum.body_html
    )
    assert "**Vertreten durch:** den Vorstand ([Angabe folgt])" in impressum.body
    assert "**Registereintrag:** Amtsgericht Göttingen, VR 1234" in impressum.body
    assert "[www.example.org](https://www.example.org)" in impressum.body
    assert "www.example.org" in client.get("/datenschutz/").content.decode()
    assert (
        "Der Anderer Träger e.V. ist bemüht"
        in Page.objects.get(slug="barrierefreiheit").body
    )


def test_the_demo_operator_and_goals_come_from_the_seed_page():
    load_demo()

    operator = Operator.objects.get()
    assert (operator.street, operator.postcode, operator.city) == (
        "Kurfürstenstr. 19",
        "34466",
        "Wolfhagen",
    )
    assert operator.phone == "0 56 92 / 99 777 - 14"
    assert "[Angabe folgt]" in operator.register
    assert list(Goal.objects.values_list("number", "title")) == [
        (1, "Regionalanalyse"),
        (2, "Nachbarschaftsforum"),
        (3, "Fachforen"),
        (4, "Unternehmensforum"),
    ]


def test_a_teaser_is_its_front_matter_or_the_body_up_to_more():
    load_demo()

    explained = Page.objects.get(slug="region-gestalten")
    assert explained.teaser.startswith("Die Lebens- und Arbeitsverhältnisse")
    assert explained.teaser.endswith(
        "aus dem Bundesprogramm Ländliche Entwicklung finanziert.\n"
    )
    assert explained.body.startswith(explained.teaser + "\n## Was „Region gestalten“")
    assert "more" not in explained.body
    project = Page.objects.get(slug="projekt")
    assert project.teaser.startswith("In dem Raum zwischen Kassel, Paderborn und")
    assert "rund 700.000 Euro" in project.teaser
    assert project.body.startswith("„(Wirtschafts-)Region der Mitte – Neues Leben")
    assert "<p>" in project.teaser_html and "<h2>" in project.body_html


def test_the_easy_language_page_names_the_search_button_as_the_header_does(client):
    """Leichte Sprache tells readers what to click: the words must be those on the
    screen (the header's search button, the two links with a picture)."""
    load_demo()
    page = client.get("/leichte-sprache/").content.decode()
    header = client.get("/").content.decode()
    button = re.search(
        r'<form class="site-search".*?<button type="submit">(\w+)<', header, re.S
    )

    assert f"Klicken Sie dann auf: {button.group(1)}." in page
    pictured = re.findall(r'<li><a [^>]*><img src="[^"]*" alt=""', header)
    assert len(pictured) == 2 and "stehen 2 Links mit einem kleinen Bild" in page
