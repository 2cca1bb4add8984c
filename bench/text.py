"""German text for the benchmark's content, put together from a vocabulary of the region.

Realistic enough in length, words and markup that templates, search and the database
do the work they would do with real content; deterministic for a given random seed.
"""

import random

PLACES = [
    "Wolfhagen",
    "Warburg",
    "Höxter",
    "Hofgeismar",
    "Bad Karlshafen",
    "Beverungen",
    "Uslar",
    "Bad Arolsen",
    "Diemelstadt",
    "Trendelburg",
    "Marsberg",
    "Brakel",
    "Borgentreich",
    "Holzminden",
    "Dassel",
    "Volkmarsen",
    "Liebenau",
    "Grebenstein",
    "Calden",
    "Immenhausen",
    "Reinhardshagen",
    "Oberweser",
    "Wahlsburg",
    "Bodenfelde",
    "Willebadessen",
    "Bad Driburg",
    "Steinheim",
    "Nieheim",
    "Zierenberg",
    "Breuna",
]
DISTRICTS = [
    "Landkreis Kassel",
    "Kreis Höxter",
    "Landkreis Northeim",
    "Landkreis Holzminden",
    "Landkreis Waldeck-Frankenberg",
    "Hochsauerlandkreis",
    "Landkreis Göttingen",
]
STATES = ["Hessen", "Niedersachsen", "Nordrhein-Westfalen"]
TOPICS = [
    "Gewerbeflächen",
    "Breitbandausbau",
    "Fachkräftesicherung",
    "ÖPNV-Anbindung",
    "Radwegenetz",
    "Innenentwicklung",
    "Leerstandsmanagement",
    "Nahversorgung",
    "Windenergie",
    "Photovoltaik auf Dächern",
    "ärztliche Versorgung",
    "Ausbildungsplätze",
    "Pendlerverflechtungen",
    "Tourismus an der Weser",
    "Wohnbauland",
    "Dorfgemeinschaftshäuser",
    "Mobilfunkversorgung",
    "Ehrenamt",
    "Kinderbetreuung",
    "Nahwärmenetze",
    "Regionalvermarktung",
    "Tarifgrenzen im Busverkehr",
    "Gründungsförderung",
    "Flächenpool",
]
ACTORS = [
    "die Wirtschaftsförderung",
    "der Regionalverein",
    "die Kommunen",
    "die Kammern",
    "die Landkreise",
    "das Regionalmanagement",
    "die Unternehmen vor Ort",
    "die Ortsbeiräte",
    "die Verkehrsverbünde",
    "die Hochschulen der Region",
]
VERBS = [
    "wollen gemeinsam voranbringen",
    "stimmen über die Landesgrenze hinweg ab",
    "haben in einer Arbeitsgruppe besprochen",
    "prüfen in einer Machbarkeitsstudie",
    "stellen im nächsten Fachforum vor",
    "sehen als wichtigste Aufgabe für die Region",
    "möchten mit Fördermitteln unterstützen",
    "diskutieren mit Bürgerinnen und Bürgern",
]
OPENERS = [
    "Aus Sicht von {place}",
    "Nach dem Treffen in {place}",
    "Im {district}",
    "Zwischen {place} und {place2}",
    "Für die Region der Mitte",
    "Über die Grenze von {state} hinweg",
    "Bei der Regionalkonferenz in {place}",
]
FIRST_NAMES = [
    "Anna",
    "Bernd",
    "Claudia",
    "Dirk",
    "Elke",
    "Frank",
    "Gabriele",
    "Heiko",
    "Ines",
    "Jörg",
    "Katrin",
    "Lars",
    "Monika",
    "Nils",
    "Olga",
    "Peter",
    "Ramona",
    "Stefan",
    "Tanja",
    "Uwe",
    "Verena",
    "Werner",
    "Yvonne",
    "Zoë",
    "Jürgen",
    "Sabine",
    "Thomas",
    "Birgit",
    "Matthias",
    "Susanne",
]
FAMILY_NAMES = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Braun",
    "Hofmann",
    "Zimmermann",
    "Krüger",
    "Hartmann",
    "Lange",
    "Werner",
    "Krause",
    "Köhler",
    "Brinkmann",
    "Kleinschmidt",
    "Sollbach",
    "Göbel",
]
FUNCTIONS = [
    "Regionalmanagerin",
    "Regionalmanager",
    "Wirtschaftsförderin",
    "Wirtschaftsförderer",
    "Bürgermeisterin",
    "Bürgermeister",
    "Fachbereichsleitung Planung",
    "Klimaschutzmanagerin",
    "Mobilitätsberater",
    "Referentin für Fachkräftesicherung",
    "Ansprechpartner Breitband",
    "Geschäftsführerin",
    "Leitung Kreisentwicklung",
    "Ehrenamtskoordinatorin",
]


class Writer:
    """Sentences, paragraphs and titles about the region, from a seeded random source."""

    def __init__(self, seed: int = 2026):
        self.random = random.Random(seed)

    def choice(self, items):
        return self.random.choice(items)

    def sentence(self) -> str:
        place, place2 = self.random.sample(PLACES, 2)
        opener = self.choice(OPENERS).format(
            place=place,
            place2=place2,
            district=self.choice(DISTRICTS),
            state=self.choice(STATES),
        )
        topic = self.choice(TOPICS)
        actor = self.choice(ACTORS)
        verb = self.choice(VERBS)
        return f"{opener} {verb.split()[0]} {actor} das Thema {topic} {' '.join(verb.split()[1:])}."

    def paragraph(self, sentences: tuple[int, int] = (3, 6)) -> str:
        return " ".join(self.sentence() for _ in range(self.random.randint(*sentences)))

    def markdown(self, paragraphs: tuple[int, int] = (2, 4)) -> str:
        """Paragraphs with the markup people use: emphasis, a list, a quote, a link."""
        parts = []
        for _ in range(self.random.randint(*paragraphs)):
            text = self.paragraph()
            roll = self.random.random()
            if roll < 0.15:
                parts.append(f"> {text}")
            elif roll < 0.3:
                parts.append(
                    "\n".join(
                        f"- {self.choice(TOPICS)} in {self.choice(PLACES)}"
                        for _ in range(3)
                    )
                )
                parts.append(text)
            elif roll < 0.4:
                parts.append(
                    f"{text} Mehr dazu auf [der Seite des Projekts]"
                    "(https://www.regiondermitte.de/projekt/)."
                )
            else:
                word = self.choice(TOPICS)
                parts.append(text.replace(word, f"**{word}**", 1))
        return "\n\n".join(parts)

    def title(self) -> str:
        place = self.choice(PLACES)
        topic = self.choice(TOPICS)
        pattern = self.choice(
            [
                "{topic} in {place}: Region der Mitte zieht Bilanz",
                "Neues zu {topic} zwischen {place} und {state}",
                "{place} lädt ein: Werkstatt zu {topic}",
                "{topic}: Wie geht es weiter in {place}?",
                "Region der Mitte: {topic} über Landesgrenzen",
                "Fragen zu {topic} im Raum {place}",
            ]
        )
        return pattern.format(topic=topic, place=place, state=self.choice(STATES))

    def person_name(self) -> tuple[str, str]:
        given = self.choice(FIRST_NAMES)
        family = self.choice(FAMILY_NAMES)
        return f"{given} {family}", family
