"""Demo directory: the seed's contact and the area's organisations in three states.

Besides the project's regional manager (named on the seed page), every entry is a role
address ("Wirtschaftsförderung Landkreis Höxter"), never an invented private person.
Where the street of an office is not certain, the address names the town hall
("Rathaus") with the town's postcode. Idempotent: existing slugs are left alone.
"""

from contacts.models import Organisation, OrganisationType, Person, Topic
from contacts.services import person_create
from core.text import german_slugify as german_slug

TOPICS = [
    "Wirtschaftsförderung",
    "Regionalentwicklung",
    "Regionalplanung",
    "Gewerbeflächen",
    "Mobilität",
    "Fachkräfte",
    "Siedlungsentwicklung",
    "Tourismus",
    "Nachhaltiges Wirtschaften",
]

T = OrganisationType
# name, type, state, street, postcode, city, phone, e-mail, website
ORGANISATIONS = [
    (
        "Region Kassel-Land e.V.",
        T.REGIONALMANAGEMENT,
        "HE",
        "Kurfürstenstr. 19",
        "34466",
        "Wolfhagen",
        "0 56 92 / 99 777 - 14",
        "kontakt@regiondermitte.de",
        "https://www.regiondermitte.de",
    ),
    (
        "Landkreis Kassel",
        T.LANDKREIS,
        "HE",
        "Wilhelmshöher Allee 19–21",
        "34117",
        "Kassel",
        "0561 1003-0",
        "",
        "https://www.landkreiskassel.de",
    ),
    (
        "Kreis Höxter",
        T.LANDKREIS,
        "NW",
        "Moltkestraße 12",
        "37671",
        "Höxter",
        "05271 965-0",
        "",
        "https://www.kreis-hoexter.de",
    ),
    (
        "Landkreis Holzminden",
        T.LANDKREIS,
        "NI",
        "Bürgermeister-Schrader-Straße 24",
        "37603",
        "Holzminden",
        "05531 707-0",
        "",
        "https://www.landkreis-holzminden.de",
    ),
    (
        "Landkreis Northeim",
        T.LANDKREIS,
        "NI",
        "Medenheimer Straße 6/8",
        "37154",
        "Northeim",
        "05551 708-0",
        "",
        "https://www.landkreis-northeim.de",
    ),
    (
        "Landkreis Göttingen",
        T.LANDKREIS,
        "NI",
        "Reinhäuser Landstraße 4",
        "37083",
        "Göttingen",
        "0551 525-0",
        "",
        "https://www.landkreisgoettingen.de",
    ),
    (
        "Stadt Bad Karlshafen",
        T.KOMMUNE,
        "HE",
        "Rathaus",
        "34385",
        "Bad Karlshafen",
        "",
        "",
        "https://www.bad-karlshafen.de",
    ),
    (
        "Stadt Wolfhagen",
        T.KOMMUNE,
        "HE",
        "Rathaus",
        "34466",
        "Wolfhagen",
        "",
        "",
        "https://www.wolfhagen.de",
    ),
    (
        "Stadt Beverungen",
        T.KOMMUNE,
        "NW",
        "Rathaus",
        "37688",
        "Beverungen",
        "",
        "",
        "https://www.beverungen.de",
    ),
    (
        "Stadt Uslar",
        T.KOMMUNE,
        "NI",
        "Rathaus",
        "37170",
        "Uslar",
        "",
        "",
        "https://www.uslar.de",
    ),
    (
        "Stadt Hann. Münden",
        T.KOMMUNE,
        "NI",
        "Rathaus",
        "34346",
        "Hann. Münden",
        "",
        "",
        "https://www.hann.muenden.de",
    ),
    (
        "Regierungspräsidium Kassel",
        T.REGIONALPLANUNG,
        "HE",
        "Am Alten Stadtschloss 1",
        "34117",
        "Kassel",
        "0561 106-0",
        "",
        "https://rp-kassel.hessen.de",
    ),
    (
        "Bezirksregierung Detmold",
        T.REGIONALPLANUNG,
        "NW",
        "Leopoldstraße 15",
        "32756",
        "Detmold",
        "05231 71-0",
        "",
        "https://www.bezreg-detmold.nrw.de",
    ),
    (
        "Regionalmanagement Nordhessen GmbH",
        T.REGIONALMANAGEMENT,
        "HE",
        "Ständeplatz 13",
        "34117",
        "Kassel",
        "",
        "",
        "https://www.regionnordhessen.de",
    ),
    (
        "Regionalverband Südniedersachsen e.V.",
        T.VEREIN,
        "NI",
        "Barfüßerstraße 1",
        "37073",
        "Göttingen",
        "",
        "",
        "https://www.regionalverband.de",
    ),
    (
        "IHK Kassel-Marburg",
        T.KAMMER,
        "HE",
        "Kurfürstenstraße 9",
        "34117",
        "Kassel",
        "0561 7891-0",
        "",
        "https://www.ihk-kassel.de",
    ),
    (
        "IHK Ostwestfalen zu Bielefeld",
        T.KAMMER,
        "NW",
        "Elsa-Brändström-Straße 1–3",
        "33602",
        "Bielefeld",
        "0521 554-0",
        "",
        "https://www.ostwestfalen.ihk.de",
    ),
    (
        "IHK Hannover",
        T.KAMMER,
        "NI",
        "Schiffgraben 49",
        "30175",
        "Hannover",
        "0511 3107-0",
        "",
        "https://www.ihk.de/hannover",
    ),
]

# name, organisation, function, e-mail, topics, extra states (besides the organisation's)
ROLES = [
    (
        "Wirtschaftsförderung Landkreis Kassel",
        "Landkreis Kassel",
        "Ansprechstelle für Unternehmen, Gründungen und Gewerbeflächen",
        "wirtschaftsfoerderung@landkreiskassel.de",
        ["Wirtschaftsförderung", "Gewerbeflächen", "Fachkräfte"],
        [],
    ),
    (
        "Regionalentwicklung Landkreis Kassel",
        "Landkreis Kassel",
        "Ländliche Entwicklung, Dorfentwicklung und Mobilität im Kreis",
        "regionalentwicklung@landkreiskassel.de",
        ["Regionalentwicklung", "Mobilität"],
        [],
    ),
    (
        "Wirtschaftsförderung Kreis Höxter",
        "Kreis Höxter",
        "Unternehmensservice und Standortentwicklung im Kulturland Kreis Höxter",
        "wirtschaftsfoerderung@kreis-hoexter.de",
        ["Wirtschaftsförderung", "Gewerbeflächen", "Nachhaltiges Wirtschaften"],
        [],
    ),
    (
        "Mobilitätsplanung Kreis Höxter",
        "Kreis Höxter",
        "Nahverkehr und Pendlerverbindungen über die Landesgrenzen",
        "mobilitaet@kreis-hoexter.de",
        ["Mobilität"],
        ["HE", "NI"],
    ),
    (
        "Wirtschaftsförderung Landkreis Holzminden",
        "Landkreis Holzminden",
        "Ansprechstelle für Unternehmen im Weserbergland",
        "wirtschaftsfoerderung@landkreis-holzminden.de",
        ["Wirtschaftsförderung", "Fachkräfte", "Tourismus"],
        [],
    ),
    (
        "Wirtschaftsförderung Landkreis Northeim",
        "Landkreis Northeim",
        "Standortberatung, Fachkräftesicherung und Gründungen",
        "wirtschaftsfoerderung@landkreis-northeim.de",
        ["Wirtschaftsförderung", "Fachkräfte"],
        [],
    ),
    (
        "Regionalplanung Landkreis Göttingen",
        "Landkreis Göttingen",
        "Regionales Raumordnungsprogramm (untere Landesplanungsbehörde)",
        "regionalplanung@landkreisgoettingen.de",
        ["Regionalplanung", "Siedlungsentwicklung", "Gewerbeflächen"],
        [],
    ),
    (
        "Wirtschaftsförderung Landkreis Göttingen",
        "Landkreis Göttingen",
        "Ansprechstelle für Unternehmen und Kommunen im Landkreis",
        "wirtschaftsfoerderung@landkreisgoettingen.de",
        ["Wirtschaftsförderung", "Nachhaltiges Wirtschaften"],
        [],
    ),
    (
        "Stadtentwicklung Bad Karlshafen",
        "Stadt Bad Karlshafen",
        "Stadtentwicklung, Tourismus und Weserufer",
        "stadtentwicklung@bad-karlshafen.de",
        ["Siedlungsentwicklung", "Tourismus"],
        [],
    ),
    (
        "Wirtschaftsförderung Stadt Wolfhagen",
        "Stadt Wolfhagen",
        "Gewerbegebiete und Ansiedlungen",
        "wirtschaftsfoerderung@wolfhagen.de",
        ["Wirtschaftsförderung", "Gewerbeflächen"],
        [],
    ),
    (
        "Wirtschaftsförderung Stadt Beverungen",
        "Stadt Beverungen",
        "Gewerbe, Einzelhandel und Tourismus an der Weser",
        "wirtschaftsfoerderung@beverungen.de",
        ["Wirtschaftsförderung", "Tourismus"],
        [],
    ),
    (
        "Wirtschaftsförderung Stadt Uslar",
        "Stadt Uslar",
        "Gewerbeflächen und Unternehmensservice im Solling",
        "wirtschaftsfoerderung@uslar.de",
        ["Wirtschaftsförderung", "Gewerbeflächen"],
        [],
    ),
    (
        "Stadtentwicklung Hann. Münden",
        "Stadt Hann. Münden",
        "Stadtplanung und Mobilität im Dreiländereck an Werra, Fulda und Weser",
        "stadtentwicklung@hann.muenden.de",
        ["Siedlungsentwicklung", "Mobilität"],
        ["HE"],
    ),
    (
        "Regionalplanung Nordhessen",
        "Regierungspräsidium Kassel",
        "Regionalplan Nordhessen, Raumordnungsverfahren",
        "regionalplanung@rpks.hessen.de",
        ["Regionalplanung", "Siedlungsentwicklung", "Gewerbeflächen"],
        [],
    ),
    (
        "Regionalplanung Ostwestfalen-Lippe",
        "Bezirksregierung Detmold",
        "Regionalplan OWL, Geschäftsstelle des Regionalrats",
        "regionalplanung@bezreg-detmold.nrw.de",
        ["Regionalplanung", "Siedlungsentwicklung"],
        [],
    ),
    (
        "Fachkräfte und Standortmarketing Nordhessen",
        "Regionalmanagement Nordhessen GmbH",
        "Fachkräftegewinnung und Standortmarketing für Nordhessen",
        "fachkraefte@regionnordhessen.de",
        ["Fachkräfte", "Regionalentwicklung"],
        [],
    ),
    (
        "Geschäftsstelle Regionalverband Südniedersachsen",
        "Regionalverband Südniedersachsen e.V.",
        "Regionale Zusammenarbeit der Landkreise und Städte in Südniedersachsen",
        "info@regionalverband.de",
        ["Regionalentwicklung", "Regionalplanung"],
        [],
    ),
    (
        "Standortpolitik IHK Kassel-Marburg",
        "IHK Kassel-Marburg",
        "Standortfragen, Verkehr und Gewerbeflächen aus Sicht der Wirtschaft",
        "standortpolitik@ihk-kassel.de",
        ["Gewerbeflächen", "Mobilität", "Nachhaltiges Wirtschaften"],
        [],
    ),
    (
        "Standortpolitik IHK Ostwestfalen",
        "IHK Ostwestfalen zu Bielefeld",
        "Standortfragen für Unternehmen im Kreis Höxter",
        "standortpolitik@ostwestfalen.ihk.de",
        ["Gewerbeflächen", "Fachkräfte"],
        [],
    ),
    (
        "Geschäftsstelle Göttingen der IHK Hannover",
        "IHK Hannover",
        "Ansprechstelle für Unternehmen in Südniedersachsen",
        "goettingen@hannover.ihk.de",
        ["Fachkräfte", "Nachhaltiges Wirtschaften"],
        [],
    ),
]


def load(*, stdout) -> None:
    topics = {
        name: Topic.objects.get_or_create(
            slug=german_slug(name), defaults={"name": name}
        )[0]
        for name in TOPICS
    }
    organisations = {}
    for (
        name,
        kind,
        state,
        street,
        postcode,
        city,
        phone,
        email,
        website,
    ) in ORGANISATIONS:
        organisations[name] = Organisation.objects.get_or_create(
            slug=german_slug(name),
            defaults={
                "name": name,
                "type": kind,
                "state": state,
                "street": street,
                "postcode": postcode,
                "city": city,
                "phone": phone,
                "email": email,
                "website": website,
            },
        )[0]

    created = 0
    # The contact the seed page names, on the home page. No photo file exists:
    # the portal shows its neutral placeholder.
    if not Person.objects.filter(slug="oliver-sollbach").exists():
        person_create(
            name="Oliver Sollbach",
            family_name="Sollbach",
            slug="oliver-sollbach",
            function="Regionalmanager",
            organisation=organisations["Region Kassel-Land e.V."],
            phone="0 56 92 / 99 777 - 14",
            email="o.sollbach@region-kassel-land.de",
            topics=[
                topics["Regionalentwicklung"],
                topics["Wirtschaftsförderung"],
                topics["Nachhaltiges Wirtschaften"],
            ],
            states=["HE", "NI", "NW"],
            order=1,
            show_on_home=True,
        )
        created += 1

    for order, (name, organisation, function, email, names, extra) in enumerate(
        ROLES, start=10
    ):
        slug = german_slug(name)
        if Person.objects.filter(slug=slug).exists():
            continue
        organisation = organisations[organisation]
        person_create(
            name=name,
            slug=slug,
            function=function,
            organisation=organisation,
            email=email,
            topics=[topics[topic] for topic in names],
            states=[organisation.state, *extra],
            order=order,
        )
        created += 1
    stdout.write(
        f"Contacts: {len(organisations)} organisations, {created} new entries."
    )
