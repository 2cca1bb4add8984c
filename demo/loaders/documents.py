"""Demo documents for `make run`: a sample SREK and a few documents of other categories.

The PDFs are made here with WeasyPrint from the project's facts and marked "Beispiel"
on every page; they go through the same upload service as an editor's file, so cover,
pages and text are derived as they would be. Idempotent: existing slugs stay as they
are, and nothing is rendered for them.
"""

import datetime

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from weasyprint import HTML

from core.pdf import BASE_URL, LocalOnlyFetcher
from documents.models import Category, Document
from documents.services import document_create

ALL_STATES = {"state_he": True, "state_ni": True, "state_nw": True}

PROJECT = (
    "Im Raum zwischen Kassel, Paderborn und Göttingen treffen Hessen, "
    "Nordrhein-Westfalen und Niedersachsen aufeinander. Wirtschaftliche und soziale "
    "Verflechtungen reichen über die Landesgrenzen hinweg, Statistik, Planung und "
    "Verwaltung enden jedoch an ihnen. Das Projekt „(Wirtschafts-)Region der Mitte – "
    "Neues Leben und Arbeiten länderübergreifend organisiert“ ist Ende November 2021 "
    "gestartet, um eine gemeinsame Strategie und eine dauerhafte Kooperation für den "
    "Strukturwandel aufzubauen."
)
FUNDING = (
    "Das Modellvorhaben läuft zweieinhalb Jahre. Es wird im Bundesprogramm „Region "
    "gestalten“ (Fördermaßnahme „Aktive Regionalentwicklung“) mit rund 700.000 Euro "
    "gefördert; Träger ist der Region Kassel-Land e.V. in Wolfhagen."
)
GOALS = [
    "Bundesländerübergreifende Regionalanalyse der Wirtschaftsstrukturen und "
    "Mobilitätsbeziehungen",
    "Regionale Kooperationsplattform für Akteure und konkrete Maßnahmen "
    "(Nachbarschaftsforum)",
    "„Werkzeugkasten“ mit Argumentationshilfen für Regional- und Fachplanungen in "
    "den drei Ländern (Fachforen)",
    "Unternehmensforum zu den Bedarfen der Unternehmen für „Nachhaltiges Wirtschaften“",
]

SREK_CHAPTERS = [
    {
        "heading": "1. Ausgangslage",
        "blocks": [
            {"p": PROJECT},
            {
                "p": "In der dreifachen Randlage an den Grenzen der Bundesländer "
                "pendeln Beschäftigte täglich über Landesgrenzen, Unternehmen finden "
                "Zulieferer und Fachkräfte im Nachbarland, und Versorgungseinrichtungen "
                "werden von Menschen aus mehreren Kreisen genutzt. Diese "
                "Verflechtungen sind bislang weder statistisch noch organisatorisch "
                "abgebildet."
            },
            {"p": FUNDING},
        ],
    },
    {
        "heading": "2. Der Raum der Region der Mitte",
        "blocks": [
            {
                "p": "Die Region umfasst ländlich geprägte Kreise und Gemeinden im "
                "Dreieck der Oberzentren Kassel, Paderborn und Göttingen. Kleine und "
                "mittlere Unternehmen, Landwirtschaft, Gesundheitswirtschaft und "
                "Tourismus prägen die Wirtschaft; viele Betriebe sind in Familienhand."
            },
            {"h": "Stärken"},
            {
                "bullets": [
                    "Lage in der Mitte Deutschlands mit Anbindung an A 7, A 44 und "
                    "A 33",
                    "Engagierte Kommunen, Vereine und Unternehmen",
                    "Hohe Lebensqualität, Natur- und Kulturlandschaft",
                ]
            },
            {"h": "Herausforderungen"},
            {
                "bullets": [
                    "Demografischer Wandel und Fachkräftebedarf",
                    "Öffentlicher Verkehr, der an Landesgrenzen endet",
                    "Planungen, die sich zu wenig über Grenzen hinweg abstimmen",
                ]
            },
        ],
    },
    {
        "heading": "3. Ziele des Projekts",
        "blocks": [
            {
                "p": "Das Projekt verfolgt vier übergeordnete Ziele, die zugleich die "
                "Leuchtturmprojekte der Region sind:"
            },
            {"bullets": GOALS},
            {
                "p": "Kernziel ist eine regionale Kommunikations- und "
                "Austauschplattform, auf der Entscheidungsträger, Fachleute und "
                "Ehrenamtliche gemeinsam an konkreten Maßnahmen arbeiten."
            },
        ],
    },
    {
        "heading": "4. Handlungsfelder",
        "blocks": [
            {"h": "Wirtschaftsförderung"},
            {
                "p": "Gemeinsame Standortprofile, abgestimmte Gewerbeflächen und ein "
                "regelmäßiger Austausch der Wirtschaftsförderungen aller drei Länder."
            },
            {"h": "Regionalentwicklung und -planung"},
            {
                "p": "Argumentationshilfen aus dem Werkzeugkasten sollen in die "
                "Regionalpläne der drei Länder einfließen, damit Planungen an den "
                "Grenzen zueinander passen."
            },
            {"h": "Mobilität"},
            {
                "p": "Pendlerbeziehungen sichtbar machen und Verbindungen über "
                "Landesgrenzen hinweg verbessern – mit den Verkehrsverbünden der Länder."
            },
            {"h": "Fachkräfte und Nachhaltiges Wirtschaften"},
            {
                "p": "Das Unternehmensforum ermittelt, was Betriebe für nachhaltiges "
                "Wirtschaften brauchen, und bündelt Angebote der Region."
            },
        ],
    },
    {
        "heading": "5. Maßnahmen und Umsetzung",
        "blocks": [
            {
                "table": [
                    ["Maßnahme", "Beteiligte", "Zeitraum (Beispiel)"],
                    [
                        "Regionalanalyse veröffentlichen",
                        "Projektteam, Statistikstellen",
                        "2022–2023",
                    ],
                    [
                        "Nachbarschaftsforum verstetigen",
                        "Kommunen, Vereine, Bürgerinnen und Bürger",
                        "ab 2022",
                    ],
                    [
                        "Fachforen zum Werkzeugkasten",
                        "Regional- und Fachplanung der Länder",
                        "2022–2024",
                    ],
                    [
                        "Unternehmensforum",
                        "Kammern, Unternehmen, Wirtschaftsförderungen",
                        "2023–2024",
                    ],
                ]
            },
            {
                "p": "Das SREK ist ein Arbeitsinstrument: Es wird mit den Akteuren "
                "der Region fortgeschrieben. Anregungen nimmt das Regionalmanagement "
                "beim Region Kassel-Land e.V. gern entgegen."
            },
        ],
    },
]

DOCUMENTS = [
    # The older SREK first: the current one replaces it.
    {
        "slug": "srek-entwurf-2023",
        "title": "Strategisches Regionales Entwicklungskonzept (SREK)",
        "version_label": "Entwurf zur Beteiligung",
        "category": Category.SREK,
        "published_on": datetime.date(2023, 10, 16),
        "description": (
            "Der Entwurf des SREK, den Kommunen, Verbände und Unternehmen im Herbst "
            "2023 kommentieren konnten. Er ist durch die Fassung 2024 ersetzt."
        ),
        "pdf": {
            "kind": "(Wirtschafts-)Region der Mitte",
            "short_title": "SREK – Entwurf",
            "subtitle": "Entwurf zur Beteiligung",
            "chapters": SREK_CHAPTERS[:3],
        },
    },
    {
        "slug": "srek",
        "title": "Strategisches Regionales Entwicklungskonzept (SREK)",
        "version_label": "Fassung 2024",
        "category": Category.SREK,
        "featured": True,
        "replaces": "srek-entwurf-2023",
        "published_on": datetime.date(2024, 4, 22),
        "description": (
            "Das SREK bündelt die geplanten Maßnahmen, Projekte und "
            "Entwicklungsstrategien, die die Region der Mitte in den kommenden Jahren "
            "voranbringen sollen.\n\n"
            "Nutzen Sie es als Inspirationsquelle: Nehmen Sie Ideen mit, machen Sie "
            "Notizen und vernetzen Sie sich mit anderen Akteuren.\n\n"
            "*Demo-Inhalt: ein Beispiel-PDF, kein beschlossenes Konzept.*"
        ),
        "pdf": {
            "kind": "(Wirtschafts-)Region der Mitte",
            "short_title": "SREK",
            "subtitle": "Fassung 2024 – Maßnahmen, Projekte und Strategien für die "
            "Region zwischen Kassel, Paderborn und Göttingen",
            "chapters": SREK_CHAPTERS,
        },
    },
    {
        "slug": "regionalanalyse-wirtschaft-und-pendler",
        "title": "Regionalanalyse: Wirtschaftsstrukturen und Pendlerbeziehungen",
        "category": Category.REGIONAL_ANALYSIS,
        "published_on": datetime.date(2023, 3, 14),
        "description": (
            "Die bundesländerübergreifende Analyse zeigt, wie Arbeitsplätze, "
            "Branchen und Pendlerströme zwischen Kassel, Paderborn und Göttingen "
            "verflochten sind – erstmals über die Landesgrenzen hinweg betrachtet."
        ),
        "pdf": {
            "kind": "Regionalanalyse",
            "subtitle": "Wirtschaftsstrukturen und Mobilitätsbeziehungen",
            "chapters": [
                {
                    "heading": "1. Fragestellung",
                    "blocks": [
                        {
                            "p": "Welche Verflechtungen bestehen zwischen den Kreisen "
                            "der drei Länder? Die Analyse führt Daten zusammen, die "
                            "sonst an den Landesgrenzen enden."
                        },
                        {"p": PROJECT},
                    ],
                },
                {
                    "heading": "2. Vorgehen",
                    "blocks": [
                        {
                            "bullets": [
                                "Auswertung der Pendlerstatistik der Länder",
                                "Branchenstruktur nach Beschäftigten",
                                "Gespräche mit Wirtschaftsförderungen",
                            ]
                        },
                        {
                            "table": [
                                ["Merkmal", "Quelle", "Hinweis"],
                                [
                                    "Ein- und Auspendler",
                                    "Statistik der Länder",
                                    "Beispieldaten",
                                ],
                                ["Beschäftigte nach Branchen", "Beispiel", "—"],
                            ]
                        },
                    ],
                },
            ],
        },
    },
    {
        "slug": "werkzeugkasten-gewerbeflaechen",
        "title": "Argumentationshilfe Gewerbeflächen über Landesgrenzen",
        "category": Category.TOOLBOX,
        "published_on": datetime.date(2024, 1, 30),
        "description": (
            "Wie Kommunen Gewerbeflächen gemeinsam entwickeln können, auch wenn sie "
            "in verschiedenen Bundesländern liegen: Argumente für die Regional- und "
            "Bauleitplanung aus dem Fachforum „Gewerbliche Entwicklung im "
            "Dreiländereck“ (Beverungen, Mai 2023)."
        ),
        "pdf": {
            "kind": "Werkzeugkasten",
            "subtitle": "Argumentationshilfe Gewerbeflächen",
            "chapters": [
                {
                    "heading": "Gewerbeflächen gemeinsam denken",
                    "blocks": [
                        {
                            "p": "Unternehmen suchen Flächen dort, wo Fachkräfte und "
                            "Verkehrswege sind – nicht dort, wo eine Landesgrenze "
                            "verläuft."
                        },
                        {
                            "bullets": [
                                "Bedarf der Betriebe gemeinsam erheben",
                                "Flächen interkommunal ausweisen",
                                "Erlöse und Kosten fair teilen",
                            ]
                        },
                    ],
                }
            ],
        },
    },
    {
        "slug": "werkzeugkasten-mobilitaet",
        "title": "Argumentationshilfe Mobilität für Pendlerinnen und Pendler",
        "category": Category.TOOLBOX,
        "state_nw": False,
        "published_on": datetime.date(2024, 2, 27),
        "description": (
            "Argumente für Verbindungen, die an der Landesgrenze nicht enden: "
            "abgestimmte Fahrpläne, Tarife und Mobilstationen für die Wege zur Arbeit."
        ),
        "pdf": {
            "kind": "Werkzeugkasten",
            "subtitle": "Argumentationshilfe Mobilität",
            "chapters": [
                {
                    "heading": "Wege zur Arbeit über Landesgrenzen",
                    "blocks": [
                        {
                            "p": "Viele Beschäftigte der Region pendeln täglich in "
                            "ein anderes Bundesland."
                        },
                        {
                            "bullets": [
                                "Fahrpläne an Umstiegspunkten abstimmen",
                                "Tarife über Verbundgrenzen hinweg vereinfachen",
                                "Mobilstationen an Gewerbegebieten",
                            ]
                        },
                    ],
                }
            ],
        },
    },
    {
        "slug": "protokoll-nachbarschaftsforum-uslar",
        "title": "Protokoll: Nachbarschaftsforum im Kulturbahnhof Uslar",
        "category": Category.MINUTES,
        "published_on": datetime.date(2022, 12, 19),
        "description": (
            "Ergebnisse des Nachbarschaftsforums vom 5. Dezember 2022 in Uslar, mit "
            "dem die Arbeit am SREK begann: Themen, die den Teilnehmenden wichtig "
            "sind, und die nächsten Schritte."
        ),
        "pdf": {
            "kind": "Protokoll",
            "subtitle": "Nachbarschaftsforum am 5. Dezember 2022, Kulturbahnhof Uslar",
            "chapters": [
                {
                    "heading": "Ergebnisse",
                    "blocks": [
                        {
                            "p": "Vertreterinnen und Vertreter von Kommunen, Vereinen "
                            "und Unternehmen aus allen drei Ländern haben Themen für "
                            "die Zusammenarbeit gesammelt."
                        },
                        {
                            "bullets": [
                                "Mobilität und Pendeln",
                                "Fachkräfte halten und gewinnen",
                                "Gewerbeflächen und Siedlungsentwicklung",
                            ]
                        },
                    ],
                }
            ],
        },
    },
    {
        "slug": "praesentation-unternehmensforum",
        "title": "Präsentation: Unternehmensforum Nachhaltiges Wirtschaften",
        "category": Category.PRESENTATION,
        "published_on": datetime.date(2023, 9, 12),
        "description": (
            "Die Folien zum Unternehmensforum: Was brauchen Unternehmen in der "
            "Region, um nachhaltig zu wirtschaften?"
        ),
        "pdf": {
            "kind": "Präsentation",
            "subtitle": "Unternehmensforum „Nachhaltiges Wirtschaften“",
            "landscape": True,
            "chapters": [
                {
                    "heading": "Worum es geht",
                    "blocks": [
                        {
                            "bullets": [
                                "Bedarfe der Unternehmen ermitteln",
                                "Angebote der Region bündeln",
                                "Gute Beispiele sichtbar machen",
                            ]
                        }
                    ],
                },
                {
                    "heading": "Nächste Schritte",
                    "blocks": [
                        {"p": "Ergebnisse fließen in das SREK und den Werkzeugkasten."}
                    ],
                },
            ],
        },
    },
]


def sample_pdf(*, title: str, version: str, pdf: dict) -> bytes:
    """A sample PDF, "Beispiel" on every page, rendered by WeasyPrint from a template."""
    html = render_to_string(
        "documents/demo/sample_pdf.html",
        {
            "title": title,
            "short_title": pdf.get("short_title", pdf["kind"]),
            "version": version,
            **pdf,
        },
    )
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=LocalOnlyFetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1", custom_metadata=True)


def load(*, stdout) -> None:
    created = 0
    for entry in DOCUMENTS:
        if Document.objects.filter(slug=entry["slug"]).exists():
            continue
        fields = {key: value for key, value in entry.items() if key != "pdf"}
        fields.setdefault("version_label", "")
        replaces = fields.pop("replaces", None)
        if replaces:
            fields["replaces"] = Document.objects.get(slug=replaces)
        data = sample_pdf(
            title=fields["title"],
            version=fields["version_label"] or fields["published_on"].strftime("%Y"),
            pdf=entry["pdf"],
        )
        document_create(
            file=ContentFile(data, name=f"{entry['slug']}.pdf"),
            status=Document.Status.PUBLISHED,
            **{**ALL_STATES, **fields},
        )
        created += 1
    stdout.write(f"Demo documents: {created} created, {len(DOCUMENTS) - created} kept.")
