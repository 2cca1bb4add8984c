"""Demo news for `make run`: the project's history, written fresh from its facts.

Idempotent: categories and articles are looked up by slug; what exists stays as it is.
The two illustrations are drawn here with Pillow, so nothing is downloaded.
"""

import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from accounts.models import User
from news import services
from news.models import Article, Category

BERLIN = ZoneInfo("Europe/Berlin")
EDITOR_EMAIL = "redaktion@demo.regiondermitte.de"

CATEGORIES = [
    ("Projekt", "projekt", 1),
    ("Veranstaltung", "veranstaltung", 2),
    ("Förderung", "foerderung", 3),
    ("Presse", "presse", 4),
]

ALL_STATES = {"state_he": True, "state_ni": True, "state_nw": True}

# The seed's text: its first sentence is the teaser, the rest the body.
SREK_BODY = """\
Dieses Konzept bietet einen umfassenden Überblick über die geplanten Maßnahmen, \
Projekte und Entwicklungsstrategien, die unsere Region in den kommenden Jahren \
nachhaltig voranbringen sollen.

Das SREK dient als wertvolles Arbeitsinstrument, um gemeinsam mit Ihnen langfristig \
die Potenziale unserer Region zu stärken und zukunftsfähige, innovative Lösungen zu \
entwickeln.

Nutzen Sie das Konzept als Inspirationsquelle: Nehmen Sie Ideen und Anregungen mit, \
machen Sie Notizen und vernetzen Sie sich aktiv mit anderen Akteuren. Gemeinsam \
gestalten wir die Zukunft unserer Region!

[Laden Sie das SREK hier herunter.](/srek/)
"""

ARTICLES = [
    {
        "slug": "projektstart-region-der-mitte",
        "title": "Projektstart: Die Region der Mitte organisiert Leben und Arbeiten "
        "über Ländergrenzen hinweg",
        "category": "projekt",
        "published_at": datetime.datetime(2021, 11, 30, 10, 0, tzinfo=BERLIN),
        "states": ALL_STATES,
        "teaser": "Ende November 2021 ist das Projekt „(Wirtschafts-)Region der Mitte – "
        "Neues Leben und Arbeiten länderübergreifend organisiert“ gestartet. Es "
        "verbindet den Raum zwischen Kassel, Paderborn und Göttingen.",
        "body": """\
Zwischen Kassel, Paderborn und Göttingen treffen Hessen, Niedersachsen und \
Nordrhein-Westfalen aufeinander. Wer hier wohnt, pendelt oft über eine Landesgrenze, \
und viele Unternehmen haben ihre Kundschaft und ihre Fachkräfte auf beiden Seiten. \
Statistik, Planung und Verwaltung enden dagegen an den Grenzen der Länder.

Genau hier setzt das Projekt „(Wirtschafts-)Region der Mitte“ an, das Ende November \
2021 gestartet ist. Getragen wird es vom Region Kassel-Land e.V. in Wolfhagen. Ziel \
ist eine gemeinsame Strategie, mit der die Region den Strukturwandel gemeinsam \
bewältigt.

## Vier Ziele

1. eine länderübergreifende **Regionalanalyse** der Wirtschaftsstrukturen und \
Pendelbeziehungen,
2. ein **Nachbarschaftsforum** als Kooperationsplattform für Entscheidungsträgerinnen \
und Entscheidungsträger, Fachleute und Ehrenamtliche,
3. **Fachforen**, die einen „Werkzeugkasten“ mit Argumentationshilfen für die Regional- \
und Fachplanung in allen drei Ländern erarbeiten,
4. ein **Unternehmensforum**, das ermittelt, was Unternehmen für nachhaltiges \
Wirtschaften in der Region brauchen.

Über die nächsten Schritte berichten wir hier unter „Aktuelles“.
""",
    },
    {
        "slug": "region-gestalten-foerderung",
        "title": "„Region gestalten“: Bund fördert die Region der Mitte mit rund "
        "700.000 Euro",
        "category": "foerderung",
        "published_at": datetime.datetime(2021, 12, 14, 9, 30, tzinfo=BERLIN),
        "states": ALL_STATES,
        "teaser": "Das Projekt wird im Bundesprogramm „Region gestalten“ über die "
        "Maßnahme „Aktive Regionalentwicklung“ gefördert – zweieinhalb Jahre lang "
        "mit rund 700.000 Euro.",
        "body": """\
Die Region der Mitte ist eines der Modellvorhaben der Fördermaßnahme „Aktive \
Regionalentwicklung“ im Programm „Region gestalten“ des Bundes. Die Maßnahme \
unterstützt ländliche und strukturschwache Regionen dabei, eigene Strategien für \
ihre Zukunft zu entwickeln; finanziert wird sie aus dem Bundesprogramm Ländliche \
Entwicklung. Fachlich begleitet wird das Programm vom Bundesinstitut für Bau-, \
Stadt- und Raumforschung.

## Was gefördert wird

Die Förderung von rund **700.000 Euro** läuft über zweieinhalb Jahre. Sie \
ermöglicht die Regionalanalyse, die Veranstaltungen der Foren und die Erarbeitung \
eines Strategischen Regionalen Entwicklungskonzepts (SREK) für die ganze Region – \
über die Grenzen von Hessen, Niedersachsen und Nordrhein-Westfalen hinweg.

Im Mittelpunkt steht dabei nicht die Förderung einzelner Bauprojekte, sondern die \
gemeinsame Strategie: Kommunen, Kreise, Wirtschaft und Zivilgesellschaft sollen \
dauerhaft zusammenarbeiten.
""",
    },
    {
        "slug": "digitaler-auftakt-atlas-der-region",
        "title": "Digitaler Auftakt: Mehr als 35 Teilnehmende werfen einen ersten Blick "
        "auf den „Atlas der Region“",
        "category": "veranstaltung",
        "published_at": datetime.datetime(2022, 3, 31, 11, 0, tzinfo=BERLIN),
        "states": ALL_STATES,
        "teaser": "Im März 2022 kamen mehr als 35 Akteurinnen und Akteure aus der "
        "Region zur digitalen Auftaktveranstaltung zusammen. Sie sahen erste "
        "Ergebnisse der Regionalanalyse.",
        "body": """\
Mit einer digitalen Auftaktveranstaltung ist die Region der Mitte im März 2022 in \
die gemeinsame Arbeit eingestiegen. Mehr als 35 Teilnehmende aus Kommunen, Kreisen, \
Kammern, Unternehmen und Vereinen aus allen drei Ländern waren dabei.

## Ein erster Blick auf den „Atlas der Region“

Im Mittelpunkt stand der erste Einblick in den „Atlas der Region“. Er soll \
zeigen, was bisher keine Statistik abbildet: wie eng die Region über die \
Landesgrenzen hinweg verflochten ist – bei Pendelwegen, Arbeitsmärkten und \
Wirtschaftsstrukturen. Die Teilnehmenden diskutierten, welche Fragen der Atlas \
beantworten soll und welche Daten dafür nötig sind.

## Wie es weitergeht

Die Anregungen aus dem Auftakt fließen in die Regionalanalyse ein. Die Ergebnisse \
werden in den Foren vorgestellt und diskutiert; Unterlagen finden Sie nach und nach \
unter [Dokumente](/dokumente/).
""",
        "image": "atlas",
        "image_alt": "Schematische Karte der Region der Mitte: Die Flächen von Hessen, "
        "Niedersachsen und Nordrhein-Westfalen stoßen in der Mitte aneinander, "
        "Linien verbinden Kassel, Paderborn und Göttingen.",
    },
    {
        "slug": "nachbarschaftsforum-uslar-startet-srek",
        "title": "Nachbarschaftsforum im Kulturbahnhof Uslar gibt den Startschuss für "
        "das SREK",
        "category": "veranstaltung",
        "published_at": datetime.datetime(2022, 12, 7, 10, 0, tzinfo=BERLIN),
        "states": ALL_STATES,
        "teaser": "Am 5. Dezember 2022 traf sich das Nachbarschaftsforum im "
        "Kulturbahnhof Uslar. Mit dem Treffen begann die Arbeit am Strategischen "
        "Regionalen Entwicklungskonzept.",
        "body": """\
Am 5. Dezember 2022 kam das Nachbarschaftsforum im Kulturbahnhof Uslar zusammen. \
Das Forum ist die Kooperationsplattform des Projekts: Hier treffen sich \
Entscheidungsträgerinnen und Entscheidungsträger, Fachleute und Ehrenamtliche aus \
Hessen, Niedersachsen und Nordrhein-Westfalen, um gemeinsam an konkreten Maßnahmen \
zu arbeiten.

## Start für das SREK

Mit dem Treffen in Uslar hat die Arbeit am Strategischen Regionalen \
Entwicklungskonzept (SREK) begonnen. Das Konzept soll die Ergebnisse der \
Regionalanalyse und der Foren bündeln und festhalten, welche Projekte die Region \
gemeinsam angehen will.

Sie möchten mitreden? Das [Nachbarschaftsforum](/foren/) steht allen offen, die \
sich für die Region engagieren.
""",
    },
    {
        "slug": "fachforum-gewerbliche-entwicklung-dreilaendereck",
        "title": "Fachforum „Gewerbliche Entwicklung im Dreiländereck“ in Beverungen",
        "category": "veranstaltung",
        "published_at": datetime.datetime(2023, 6, 2, 9, 0, tzinfo=BERLIN),
        "states": ALL_STATES,
        "teaser": "Am 30. Mai 2023 diskutierten Vertreterinnen und Vertreter aus fünf "
        "Kreisen und 13 Kommunen in Beverungen, wie sich Gewerbe im Dreiländereck "
        "gemeinsam entwickeln lässt.",
        "body": """\
Wo sollen sich Unternehmen in Zukunft ansiedeln, und wie können Kommunen dabei \
über Landesgrenzen hinweg zusammenarbeiten? Um diese Fragen ging es beim Fachforum \
„Gewerbliche Entwicklung im Dreiländereck“ am 30. Mai 2023 in Beverungen.

Vertreten waren **fünf Kreise und 13 Kommunen** aus Hessen, Niedersachsen und \
Nordrhein-Westfalen. Gemeinsam sahen sie sich an, wie Gewerbeflächen heute in den \
drei Ländern geplant werden und wo die Regeln der Länder voneinander abweichen.

## Beitrag zum „Werkzeugkasten“

Die Fachforen erarbeiten einen „Werkzeugkasten“ mit Argumentationshilfen für die \
Regional- und Fachplanung in allen drei Ländern. Die Ergebnisse aus Beverungen \
fließen dort ein. Die Diskussion geht in den [Fachforen](/foren/) weiter.
""",
        "image": "forum",
        "image_alt": "Grafik zum Fachforum in Beverungen: fünf große Kreise für die "
        "beteiligten Kreise und 13 kleine Punkte für die beteiligten Kommunen, "
        "darunter der Schriftzug „5 Kreise · 13 Kommunen · 3 Länder“.",
    },
    {
        "slug": "srek-herunterladen",
        "title": "Laden Sie das Strategische Regionale Entwicklungskonzept für die "
        "Region der Mitte herunter",
        "category": "projekt",
        "published_at": datetime.datetime(2024, 5, 15, 10, 0, tzinfo=BERLIN),
        "states": ALL_STATES,
        "featured": True,
        "teaser": "Wir freuen uns, Ihnen das aktuelle Strategische Regionale "
        "Entwicklungskonzept (SREK) für die Region der Mitte präsentieren zu dürfen.",
        "body": SREK_BODY,
        "related_srek": True,
    },
    {
        "slug": "portal-region-der-mitte-online",
        "title": "Presseinformation: Die Region der Mitte informiert jetzt auf einem "
        "eigenen Portal",
        "category": "presse",
        "published_at": datetime.datetime(2024, 6, 20, 9, 0, tzinfo=BERLIN),
        "states": {"state_he": True},
        "teaser": "Nachrichten, Dokumente, Foren und Ansprechpersonen der Region der "
        "Mitte finden Sie ab sofort an einem Ort – für alle drei Länder und ohne "
        "Anmeldung zum Lesen.",
        "body": """\
Der Region Kassel-Land e.V. in Wolfhagen stellt die Arbeit der Region der Mitte ab \
sofort auf einem eigenen Portal vor. Dort finden Sie:

- **Aktuelles** aus dem Projekt, auch als RSS- und Atom-Feed,
- **Dokumente** wie das SREK und die Ergebnisse der Regionalanalyse zum \
Herunterladen,
- die **Foren** des Projekts zum Mitlesen und – nach einer Registrierung – zum \
Mitdiskutieren,
- die **Ansprechpersonen** in der Region.

Alle Inhalte lassen sich nach Ländern filtern: Hessen, Niedersachsen, \
Nordrhein-Westfalen oder länderübergreifend.

Für Presseanfragen erreichen Sie uns über die [Ansprechpersonen](/ansprechpersonen/).
""",
    },
    {
        "slug": "unternehmensforum-nachhaltiges-wirtschaften",
        "title": "Unternehmensforum: Was brauchen Unternehmen für nachhaltiges "
        "Wirtschaften?",
        "category": "veranstaltung",
        "published_at": None,
        "status": Article.Status.DRAFT,
        "states": ALL_STATES,
        "teaser": "Das Unternehmensforum fragt die Unternehmen der Region, was sie für "
        "nachhaltiges Wirtschaften brauchen. Termin und Ort folgen.",
        "body": """\
*Entwurf – Termin und Ort werden ergänzt, sobald sie feststehen.*

Das vierte Ziel des Projekts ist ein Unternehmensforum. Es soll herausfinden, was \
Unternehmen in der Region der Mitte für nachhaltiges Wirtschaften brauchen: \
Flächen, Fachkräfte, Verbindungen oder Zusammenarbeit über Landesgrenzen hinweg.
""",
    },
]


def load(*, stdout) -> None:
    author = User.objects.filter(email=EDITOR_EMAIL).first()
    categories = {}
    for name, slug, order in CATEGORIES:
        categories[slug], _ = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "order": order}
        )
    existing = {article.slug: article for article in Article.objects.all()}
    created = 0
    for entry in ARTICLES:
        article = existing.get(entry["slug"])
        if article is None:
            article = _create(entry, categories=categories, author=author)
            created += 1
        if entry.get("related_srek"):
            # The documents demo may have come later than this article.
            _relate_srek(article)
    stdout.write(f"News: {created} demo articles created.")


def _create(entry: dict, *, categories: dict, author: User | None) -> Article:
    article = Article(
        slug=entry["slug"],
        title=entry["title"],
        teaser=entry["teaser"],
        body=entry["body"],
        category=categories[entry["category"]],
        author=author,
        status=entry.get("status", Article.Status.PUBLISHED),
        published_at=entry["published_at"],
        featured=entry.get("featured", False),
        **entry["states"],
    )
    if "image" in entry:
        article.image = ContentFile(_DRAWINGS[entry["image"]](), name="demo.png")
        article.image_alt = entry["image_alt"]
    return services.article_save(article=article, image_changed="image" in entry)


def _relate_srek(article: Article) -> None:
    from documents.models import Document

    srek = Document.objects.current_srek()
    if srek:
        article.related_documents.add(srek)


# --- illustrations ----------------------------------------------------------------

WIDTH, HEIGHT = 1600, 900
COLORS = {
    "background": "#f3f6f7",
    "he": "#2a9d8f",
    "ni": "#e9c46a",
    "nw": "#0b5563",
    "ink": "#073b45",
    "white": "#ffffff",
}


def _font(size: int):
    try:
        # Pillow finds DejaVu in the system's font folders (WeasyPrint needs it too).
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default(size=size)


def _png(image: Image.Image) -> bytes:
    buffer = BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _draw_atlas() -> bytes:
    """Three state areas meeting in the middle, the three cities linked."""
    image = Image.new("RGB", (WIDTH, HEIGHT), COLORS["background"])
    draw = ImageDraw.Draw(image)
    centre = (800, 470)
    draw.polygon([(0, 0), (1000, 0), (900, 300), centre, (0, 520)], fill=COLORS["nw"])
    draw.polygon(
        [(1000, 0), (WIDTH, 0), (WIDTH, 600), (1000, 560), centre, (900, 300)],
        fill=COLORS["ni"],
    )
    draw.polygon(
        [(0, 520), centre, (1000, 560), (WIDTH, 600), (WIDTH, HEIGHT), (0, HEIGHT)],
        fill=COLORS["he"],
    )
    # name: (point, label position, label colour)
    cities = {
        "Paderborn": ((380, 250), (100, 222), COLORS["white"]),
        "Göttingen": ((1230, 330), (1270, 302), COLORS["ink"]),
        "Kassel": ((860, 700), (900, 670), COLORS["white"]),
    }
    points = [point for point, _, _ in cities.values()]
    draw.line([*points, points[0]], fill=COLORS["white"], width=8)
    for name, ((x, y), position, colour) in cities.items():
        draw.ellipse((x - 22, y - 22, x + 22, y + 22), fill=COLORS["white"])
        draw.ellipse((x - 12, y - 12, x + 12, y + 12), fill=COLORS["ink"])
        draw.text(position, name, font=_font(46), fill=colour)
    for label, position, colour in [
        ("Nordrhein-Westfalen", (60, 60), COLORS["white"]),
        ("Niedersachsen", (1180, 60), COLORS["ink"]),
        ("Hessen", (60, 800), COLORS["white"]),
    ]:
        draw.text(position, label, font=_font(40), fill=colour)
    draw.text((1030, 800), "Atlas der Region", font=_font(56), fill=COLORS["white"])
    return _png(image)


def _draw_forum() -> bytes:
    """Five districts, thirteen municipalities, three states."""
    image = Image.new("RGB", (WIDTH, HEIGHT), COLORS["background"])
    draw = ImageDraw.Draw(image)
    for index in range(5):
        x = 240 + index * 280
        draw.ellipse((x - 100, 150, x + 100, 350), fill=COLORS["nw"])
    for index in range(13):
        x = 140 + index * 110
        draw.ellipse((x - 36, 450, x + 36, 522), fill=COLORS["he"])
    text = "5 Kreise · 13 Kommunen · 3 Länder"
    font = _font(72)
    width = draw.textlength(text, font=font)
    draw.text(((WIDTH - width) / 2, 640), text, font=font, fill=COLORS["ink"])
    return _png(image)


_DRAWINGS = {"atlas": _draw_atlas, "forum": _draw_forum}
