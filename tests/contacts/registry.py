"""Contacts in the quality gates: every page type and URL of the directory."""

from contacts.models import OrganisationType, Task
from tests import factories
from tests.registry import ROLES, PageType, UrlRule, once

EVERYONE = dict.fromkeys(ROLES, 200)
# Unpublished persons are 404 for everyone, editors included: they work in the admin.
NOBODY = dict.fromkeys(ROLES, 404)


@once
def _directory():
    """A small directory across the three states, with and without photos."""
    hoexter = factories.organisation(
        "Kreis Höxter",
        type=OrganisationType.LANDKREIS,
        state="NW",
        street="Moltkestraße 12",
        postcode="37671",
        city="Höxter",
        phone="05271 965-0",
        website="https://www.kreis-hoexter.de",
    )
    region = factories.organisation(
        "Region Kassel-Land e.V.",
        type=OrganisationType.REGIONALMANAGEMENT,
        state="HE",
        street="Kurfürstenstr. 19",
        postcode="34466",
        city="Wolfhagen",
        email="kontakt@regiondermitte.de",
    )
    uslar = factories.organisation(
        "Stadt Uslar", type=OrganisationType.KOMMUNE, state="NI", city="Uslar"
    )
    sites = factories.topic("Gewerbeflächen")
    mobility = factories.topic("Mobilität")
    person = factories.contact_person(
        "Oliver Sollbach",
        family_name="Sollbach",
        function="Regionalmanager",
        organisation=region,
        phone="0 56 92 / 99 777 - 14",
        email="o.sollbach@region-kassel-land.de",
        topics=[sites, mobility],
        states=["HE", "NI", "NW"],
        show_on_home=True,
        photo=factories.jpeg_with_gps(),
        photo_alt="Porträt von Oliver Sollbach",
    )
    factories.contact_person(
        "Wirtschaftsförderung Kreis Höxter",
        organisation=hoexter,
        email="wirtschaftsfoerderung@kreis-hoexter.example",
        topics=[sites],
    )
    factories.contact_person(
        "Wirtschaftsförderung Stadt Uslar", organisation=uslar, topics=[mobility]
    )
    factories.contact_person(
        "Verborgene Stelle", slug="verborgene-stelle", published=False
    )
    return person


def directory_page():
    _directory()
    return "/ansprechpersonen/"


def filtered_directory_page():
    _directory()
    return "/ansprechpersonen/?land=HE&typ=regionalmanagement&thema=mobilitaet&q=Olli"


def empty_directory_page():
    _directory()
    return "/ansprechpersonen/?thema=gibt-es-nicht"


def person_page():
    return _directory().get_absolute_url()


def directory_kwargs():
    _directory()
    return {}


def pdf_kwargs():
    _directory()
    return {}


def person_kwargs():
    return {"slug": _directory().slug}


def unpublished_kwargs():
    _directory()
    return {"slug": "verborgene-stelle"}


@once
def _municipalities():
    """Two municipalities across a state border, with bodies and a contact person."""
    rp = factories.organisation(
        "Regierungspräsidium Kassel", type=OrganisationType.REGIONALPLANUNG
    )
    wolfhagen = factories.municipality("Wolfhagen", postcodes="34466")
    factories.responsibility(
        wolfhagen,
        Task.REGIONAL_PLANNING,
        rp,
        person=factories.contact_person("Regionalplanung Nordhessen", organisation=rp),
        source="https://rp-kassel.hessen.de/planung/regionalplanung",
    )
    factories.responsibility(wolfhagen, Task.EMPLOYMENT_AGENCY)
    warburg = factories.municipality("Warburg", state="NW", district="Kreis Höxter")
    factories.responsibility(
        warburg,
        Task.REGIONAL_PLANNING,
        factories.organisation("Bezirksregierung Detmold", state="NW"),
    )
    wolfhagen.neighbours.add(warburg)
    return wolfhagen


def municipality_search_page():
    _municipalities()
    return "/wer-ist-zustaendig/"


def municipality_no_match_page():
    _municipalities()
    return "/wer-ist-zustaendig/?q=Wolfshagen"


def municipality_page():
    return _municipalities().get_absolute_url()


def municipality_kwargs():
    return {"slug": _municipalities().slug}


def unknown_municipality_kwargs():
    return {"slug": "gibt-es-nicht"}


def organisation_kwargs():
    return {"slug": _municipalities().responsibilities.first().organisation.slug}


def organisation_page():
    place = _municipalities()
    organisation = place.responsibilities.get(task=Task.REGIONAL_PLANNING).organisation
    _confirmed_member(organisation)
    return organisation.get_absolute_url()


@once
def _confirmed_member(organisation):
    return factories.affiliation(
        factories.user(display_name="Anna Planerin"),
        at=organisation,
        function="Dezernentin",
    )


PAGE_TYPES = [
    PageType("contact directory", directory_page),
    PageType("contact directory, filtered", filtered_directory_page),
    PageType("contact directory, invalid filter", empty_directory_page),
    PageType("contact person", person_page),
    PageType("who is responsible", municipality_search_page),
    PageType("who is responsible, no match", municipality_no_match_page),
    PageType("who is responsible for a municipality", municipality_page),
    PageType("organisation", organisation_page),
]

URL_RULES = [
    UrlRule("contacts:person-list", directory_kwargs, EVERYONE),
    UrlRule("contacts:person-detail", person_kwargs, EVERYONE),
    UrlRule("contacts:person-detail", unpublished_kwargs, NOBODY),
    UrlRule("contacts:person-vcard", person_kwargs, EVERYONE),
    UrlRule("contacts:person-vcard", unpublished_kwargs, NOBODY),
    UrlRule("contacts:directory-pdf", pdf_kwargs, EVERYONE),
    UrlRule("contacts:organisation-vcard", organisation_kwargs, EVERYONE),
    UrlRule("contacts:organisation-detail", organisation_kwargs, EVERYONE),
    UrlRule("contacts:organisation-detail", unknown_municipality_kwargs, NOBODY),
    UrlRule("municipalities:search", directory_kwargs, EVERYONE),
    UrlRule("municipalities:detail", municipality_kwargs, EVERYONE),
    UrlRule("municipalities:detail", unknown_municipality_kwargs, NOBODY),
    UrlRule("municipalities:pdf", municipality_kwargs, EVERYONE),
]
