"""The directory in Chromium: it scans like a directory, not like a wall of cards."""

from contacts.models import OrganisationType
from tests import factories
from tests.browser import DESKTOP, NARROW

# Twelve organisations of the region with one to eight persons each: 50 in all.
ORGANISATIONS = [
    ("Landkreis Kassel", OrganisationType.LANDKREIS, "HE", 8),
    ("Landkreis Höxter", OrganisationType.LANDKREIS, "NW", 7),
    ("Landkreis Northeim", OrganisationType.LANDKREIS, "NI", 6),
    ("Region Kassel-Land e.V.", OrganisationType.REGIONALMANAGEMENT, "HE", 6),
    ("Stadt Wolfhagen", OrganisationType.KOMMUNE, "HE", 4),
    ("Stadt Beverungen", OrganisationType.KOMMUNE, "NW", 4),
    ("Stadt Uslar", OrganisationType.KOMMUNE, "NI", 3),
    ("IHK Kassel-Marburg", OrganisationType.KAMMER, "HE", 3),
    ("Stadt Bad Karlshafen", OrganisationType.KOMMUNE, "HE", 3),
    ("Gemeinde Wahlsburg", OrganisationType.KOMMUNE, "HE", 2),
    ("Stadt Trendelburg", OrganisationType.KOMMUNE, "HE", 2),
    ("Flecken Bodenfelde", OrganisationType.KOMMUNE, "NI", 2),
]
FUNCTIONS = [
    "Wirtschaftsförderung und Regionalentwicklung",
    "Bürgermeisterin",
    "Kreisentwicklung, Leitung des Fachdienstes",
    "Projektmanagement „Region der Mitte“",
]


def fifty_persons():
    topics = [factories.topic(name) for name in ("Mobilität", "Gewerbeflächen")]
    number = 0
    for name, kind, state, count in ORGANISATIONS:
        organisation = factories.organisation(
            name,
            type=kind,
            state=state,
            phone="0 56 92 / 99 777 - 0",
            website="https://www.example.org",
        )
        for _ in range(count):
            number += 1
            factories.contact_person(
                f"Vorname{number} Nachname-Doppelname{number}",
                organisation=organisation,
                function=FUNCTIONS[number % len(FUNCTIONS)],
                phone=f"0 56 92 / 99 777 - {number:02d}",
                # As long as the directory's longest real ones, now and then.
                email=(
                    "wirtschaftsfoerderung@landkreis-holzminden.de"
                    if number % 5 == 0
                    else f"v.nachname{number}@landkreis-beispiel.de"
                ),
                topics=topics[: number % 3],
                states=[state],
            )
    assert number == 50


def test_fifty_persons_fit_in_about_3000_px_at_1280_px(open_browser_page):
    fifty_persons()
    page = open_browser_page(viewport=DESKTOP)
    page.goto("/ansprechpersonen/")
    assert page.locator(".person-list > li").count() == 50
    height = page.evaluate("document.scrollingElement.scrollHeight")
    assert height <= 3000, f"the directory is {height} px tall for 50 persons"
    # Each row still shows name, function, phone and e-mail.
    row = page.locator(".person-list > li", has_text="Vorname1 Nachname")
    text = row.inner_text()
    for shown in (
        "Vorname1 Nachname-Doppelname1",
        "Bürgermeisterin",
        "0 56 92 / 99 777 - 01",
        "v.nachname1@landkreis-beispiel.de",
    ):
        assert shown in text


def test_on_a_phone_contact_data_stand_under_their_labels(open_browser_page):
    organisation = factories.organisation("Landkreis Holzminden", phone="05531 7070")
    person = factories.contact_person(
        "Vorname Nachname-Doppelname",
        organisation=organisation,
        function="Wirtschaftsförderung und Standortberatung",
        email="wirtschaftsfoerderung@landkreis-holzminden.de",
    )
    page = open_browser_page(viewport=NARROW)
    page.goto(person.get_absolute_url())
    # Beside a label such as "Telefon:" a value had half of a phone's width and
    # broke in the middle of its words.
    widths = page.evaluate(
        """() => [...document.querySelectorAll("main .contact-data dd")].map(
          (dd) => dd.getBoundingClientRect().width / dd.parentElement.clientWidth)"""
    )
    assert widths and min(widths) > 0.9, widths

    page.set_viewport_size(DESKTOP)
    beside = page.evaluate(
        """() => [...document.querySelectorAll("main .contact-data dd")].every(
          (dd) => dd.getBoundingClientRect().left
            > dd.previousElementSibling.getBoundingClientRect().right)"""
    )
    assert beside
