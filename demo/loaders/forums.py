"""Demo discussions for `make run`, written fresh from the project's themes.

The people and organisations are invented (their addresses end in
@demo.regiondermitte.de); the themes are the project's own: working together across
the state borders, a digital pool of commercial land, joint bus routes of the
transport associations NVV, VSN and nph, and the shortage of skilled workers.
Idempotent: a topic that exists (same title in the same forum) is left alone.
"""

import datetime

from django.utils import timezone

from accounts.models import User
from demo.loaders.accounts import ensure_user
from forums import services
from forums.models import Forum, Membership, Post, Report, Topic

MODERATOR_EMAIL = "moderation@demo.regiondermitte.de"
DOMAIN = "demo.regiondermitte.de"

# key: (display name, function, organisation, state)
PEOPLE = {
    "vogt": (
        "Kerstin Vogt",
        "Referentin Standortentwicklung",
        "Wirtschaftsförderung Diemeltal",
        "HE",
    ),
    "albers": ("Martin Albers", "Leiter Stadtentwicklung", "Stadt Weserhöhe", "NW"),
    "hoppe": (
        "Dr. Anja Hoppe",
        "Regionalplanerin",
        "Planungsbüro Dreiländereck",
        "NI",
    ),
    "reinecke": ("Tobias Reinecke", "Geschäftsführer", "Reinecke Holzbau GmbH", "NI"),
    "kruse": (
        "Sabine Kruse",
        "Ausbildungsberaterin",
        "Handwerksnetzwerk Oberweser",
        "NW",
    ),
    "becker": (
        "Jonas Becker",
        "Mobilitätsmanager",
        "Mobilitätsbüro Solling-Diemel",
        "NW",
    ),
    "brand": ("Elena Brand", "Vorstand", "Bürgerenergie Reinhardswald eG", "HE"),
    "meier": ("Lukas Meier", "Inhaber", "Meier Metallbau", "HE"),
}

MEMBERS = {
    "gewerbeflaechen": ["vogt", "albers", "hoppe"],
    "mobilitaet-und-oepnv": ["becker", "vogt", "hoppe"],
    "fachkraefte": ["kruse", "reinecke", "albers"],
    "siedlungsentwicklung": ["hoppe", "albers"],
    "erneuerbare-energien": ["brand", "hoppe"],
    "nachhaltiges-wirtschaften": ["reinecke", "vogt", "kruse"],
}
PENDING = [
    (
        "nachhaltiges-wirtschaften",
        "meier",
        "Ich führe einen Metallbaubetrieb mit 14 Beschäftigten bei Wolfhagen und "
        "möchte mich zu Energiekosten und Ausbildung austauschen.",
    )
]

# forum, author, days ago, title, states, body, replies [(author, hours later, body)]
TOPICS = [
    (
        "nachbarschaftsforum",
        "moderator",
        30,
        "Willkommen im Nachbarschaftsforum: So arbeiten wir hier zusammen",
        ["HE", "NI", "NW"],
        """\
Schön, dass Sie da sind! Das Nachbarschaftsforum ist der Ort, an dem Kommunen, \
Vereine, Unternehmen und Engagierte aus **Hessen, Niedersachsen und \
Nordrhein-Westfalen** gemeinsame Vorhaben verabreden.

Ein paar Regeln, damit es für alle angenehm bleibt:

- Schreiben Sie sachlich und freundlich, auch wenn Sie anderer Meinung sind.
- Ein Thema pro Anliegen; ein aussagekräftiger Titel hilft allen.
- Nennen Sie bei Vorschlägen gern, welche Länder und Orte betroffen sind.
- Werbung und persönliche Angriffe blenden wir aus.

Fragen zum Forum beantwortet die Moderation gern.""",
        [],
    ),
    (
        "nachbarschaftsforum",
        "vogt",
        12,
        "Kooperation über die Landesgrenze: Wo hakt es im Alltag?",
        ["HE", "NI", "NW"],
        """\
In der Region der Mitte pendeln viele Menschen täglich über eine Landesgrenze, \
Betriebe haben Kundschaft und Beschäftigte in drei Ländern. Statistik, Planung und \
Verwaltung hören an der Grenze aber meist auf.

Mich interessiert: **Wo merken Sie das in Ihrer Arbeit am deutlichsten?** Bei \
Förderprogrammen, bei Zuständigkeiten, bei Daten? Sammeln wir hier konkrete \
Beispiele, damit wir daraus Maßnahmen ableiten können.""",
        [
            (
                "albers",
                5,
                """\
Bei uns ganz klar bei den Daten: Für ein gemeinsames Gewerbegebiet mit der \
Nachbargemeinde auf der hessischen Seite mussten wir Pendlerzahlen aus zwei \
Landesämtern zusammensuchen, mit unterschiedlichen Stichtagen.""",
            ),
            (
                "hoppe",
                26,
                """\
Dazu passt die Regionalanalyse des Projekts: Sie führt die Daten der drei Länder \
erstmals zusammen. Für die Planung wäre ein gemeinsamer Datenstand pro Jahr schon \
ein großer Schritt.""",
            ),
            (
                "brand",
                50,
                """\
Bei Energieprojekten sind es die Genehmigungen: Eine Leitung über die Grenze heißt \
zwei Verfahren mit zwei Zeitplänen. Ein fester Ansprechpartner je Land würde helfen.""",
            ),
        ],
    ),
    (
        "nachbarschaftsforum",
        "albers",
        6,
        "Ein gemeinsamer Veranstaltungskalender für die Region der Mitte?",
        ["HE", "NW"],
        """\
Vereine und Kommunen planen oft aneinander vorbei: Am selben Wochenende finden \
drei Märkte im Umkreis von 20 Kilometern statt, jeweils auf der anderen Seite der \
Grenze. Wer hätte Interesse, einen gemeinsamen Kalender aufzubauen?""",
        [
            (
                "vogt",
                3,
                """\
Gute Idee. Wichtig wäre, dass die Termine nur einmal eingetragen werden müssen und \
die Gemeinden sie auf ihren eigenen Seiten wieder ausspielen können.""",
            ),
        ],
    ),
    (
        "gewerbeflaechen",
        "vogt",
        20,
        "Digitaler Gewerbeflächenpool: Welche Angaben braucht eine Fläche?",
        ["HE", "NI", "NW"],
        """\
Für den **digitalen Gewerbeflächenpool** der Region der Mitte wollen wir ein \
gemeinsames Datenblatt je Fläche abstimmen. Mein Vorschlag für den Kern:

1. Lage, Größe und Zuschnitt, mit Karte
2. Planungsrecht (Bebauungsplan, zulässige Nutzung)
3. Erschließung: Straße, Breitband, Strom- und Wärmeanschluss
4. Verfügbarkeit und Ansprechperson
5. Entfernung zur nächsten Autobahnauffahrt und zum nächsten Bahnhalt

Was fehlt aus Sicht Ihrer Kommune oder Ihres Betriebs?""",
        [
            (
                "hoppe",
                4,
                """\
Aus Sicht der Regionalplanung bitte die Einstufung im Regionalplan ergänzen. Die \
Kategorien heißen in den drei Ländern unterschiedlich; eine kleine \
Übersetzungstabelle wäre Gold wert.""",
            ),
            (
                "albers",
                30,
                """\
Dr. Anja Hoppe schrieb:
> Die Kategorien heißen in den drei Ländern unterschiedlich

Genau das. Und für Betriebe zählt die Breitbandanbindung mehr als fast alles \
andere; bitte mit tatsächlich verfügbarer Bandbreite, nicht nur „geplant“.""",
            ),
        ],
    ),
    (
        "mobilitaet-und-oepnv",
        "becker",
        16,
        "Gemeinsame Buslinien von NVV, VSN und nph: Wo fehlen Verbindungen?",
        ["HE", "NI", "NW"],
        """\
Drei Verkehrsverbünde treffen in der Region der Mitte aufeinander: der \
Nordhessische Verkehrsverbund (**NVV**), der Verkehrsverbund Süd-Niedersachsen \
(**VSN**) und der Nahverkehrsverbund Paderborn/Höxter (**nph**). An den Grenzen \
enden viele Linien, oder es gilt ein anderer Tarif.

Wir sammeln Verbindungen, die Pendlerinnen, Pendler und Auszubildende wirklich \
brauchen. Bitte nennen Sie Start, Ziel und Uhrzeit, zu der es fehlt.""",
        [
            (
                "vogt",
                6,
                """\
Morgens von der hessischen Seite ins Gewerbegebiet auf der anderen Weserseite: \
vor 7 Uhr gibt es keine Verbindung, die Schicht beginnt um 6.""",
            ),
            (
                "hoppe",
                28,
                """\
Für die Schülerverkehre gibt es schon Absprachen über die Grenze. Vielleicht \
lassen sich einzelne Fahrten dort für den Berufsverkehr öffnen; das wäre ein \
schneller erster Schritt.""",
            ),
        ],
    ),
    (
        "fachkraefte",
        "kruse",
        9,
        "Fachkräftemangel im Handwerk: eine Ausbildungsbörse für drei Länder",
        ["HE", "NI", "NW"],
        """\
Viele Betriebe finden keine Auszubildenden mehr, während Jugendliche nicht \
wissen, dass es den passenden Betrieb zehn Kilometer weiter gibt, nur eben in \
einem anderen Bundesland.

Wir möchten im Frühjahr eine gemeinsame **Ausbildungsbörse** veranstalten, \
abwechselnd in einem der drei Länder. Welche Betriebe wären dabei?""",
        [
            (
                "reinecke",
                2,
                """\
Wir sind dabei. Wichtig für uns: Die Jugendlichen müssen auch ohne Auto zum \
Betrieb kommen können, sonst scheitert es am Ende daran.""",
            ),
            (
                "albers",
                20,
                """\
Die Stadt stellt gern eine Halle. Die Berufsschulen der drei Länder sollten wir \
früh einbinden.""",
            ),
        ],
    ),
    (
        "siedlungsentwicklung",
        "hoppe",
        14,
        "Leerstandskataster: Erfahrungen aus den Kommunen",
        ["NI", "NW"],
        """\
Innenentwicklung vor Außenentwicklung: Dafür müssen wir wissen, wo Gebäude leer \
stehen oder bald leer fallen. Welche Kommunen führen bereits ein \
Leerstandskataster, und wie halten Sie es aktuell?""",
        [
            (
                "albers",
                8,
                """\
Wir aktualisieren einmal im Jahr mit den Ortsvorstehern. Das funktioniert, \
braucht aber Zeit; ein gemeinsames Format mit den Nachbarn würde Vergleiche \
erlauben.""",
            ),
        ],
    ),
    (
        "erneuerbare-energien",
        "brand",
        11,
        "Windenergiegebiete an der Landesgrenze abstimmen",
        ["HE", "NI"],
        """\
Die Regionalpläne weisen Flächen für die Windenergie aus, jedes Land nach \
eigenen Kriterien. An der Grenze entstehen so Anlagen dicht nebeneinander, ohne \
dass die Planungen sich kennen. Wie können wir uns früher abstimmen?""",
        [
            (
                "hoppe",
                10,
                """\
Ein regelmäßiger Austausch der Planungsträger vor den Offenlagen wäre einfach \
umzusetzen. Wir könnten hier im Fachforum die Termine sammeln.""",
            ),
        ],
    ),
    (
        "nachhaltiges-wirtschaften",
        "reinecke",
        8,
        "Was Betriebe für nachhaltiges Wirtschaften brauchen: eine Sammlung",
        ["HE", "NI", "NW"],
        """\
Das Unternehmensforum soll die Bedarfe der Unternehmerschaft in der Region \
ermitteln. Ich fange an, aus Sicht eines Holzbaubetriebs mit 30 Beschäftigten:

- **Fachkräfte**, vor allem Zimmerer und Planer
- **Flächen** zur Erweiterung in der Nähe des heutigen Standorts
- **Breitband**, das auch im Gewerbegebiet ankommt
- kurze Wege zu Förderprogrammen, egal in welchem Land

Was steht bei Ihnen oben auf der Liste?""",
        [
            (
                "vogt",
                5,
                """\
Danke für den Anfang! Aus unseren Betriebsbesuchen kommt die Energie als Thema \
dazu: Viele Betriebe möchten eigenen Strom erzeugen, finden aber keinen \
Ansprechpartner.""",
            ),
            (
                "kruse",
                24,
                """\
Bei den Fachkräften hilft Betrieben oft schon ein gemeinsamer Auftritt bei \
Ausbildungsmessen; wir koordinieren das gern über die Landesgrenzen hinweg.""",
            ),
        ],
    ),
]


def _people() -> dict[str, User]:
    people = {}
    for key, (name, function, organisation, state) in PEOPLE.items():
        people[key] = ensure_user(
            f"{key}@{DOMAIN}",
            display_name=name,
            function=function,
            organisation=organisation,
            state=state,
            show_function=True,
            show_organisation=True,
            show_state=True,
        )
    moderator = User.objects.filter(email=MODERATOR_EMAIL).first()
    if moderator is not None:
        people["moderator"] = moderator
    return people


def load(*, stdout) -> None:
    people = _people()
    forums = {forum.slug: forum for forum in Forum.objects.all()}
    moderator = people.get("moderator")
    if moderator is not None:
        for forum in forums.values():
            forum.moderators.add(moderator)
    now = timezone.now()
    for slug, keys in MEMBERS.items():
        if slug not in forums:
            continue
        for key in keys:
            Membership.objects.get_or_create(
                forum=forums[slug],
                user=people[key],
                defaults={
                    "status": Membership.Status.APPROVED,
                    "reason": "Mitglied seit dem Start des Fachforums.",
                    "decided_at": now,
                    "decided_by": moderator,
                },
            )
    for slug, key, reason in PENDING:
        if slug in forums:
            Membership.objects.get_or_create(
                forum=forums[slug], user=people[key], defaults={"reason": reason}
            )

    created = 0
    touched = set()
    for slug, author, days_ago, title, states, body, replies in TOPICS:
        forum = forums.get(slug)
        if forum is None or author not in people:
            continue
        if Topic.objects.filter(forum=forum, title=title).exists():
            continue
        topic = services.topic_create(
            forum=forum,
            author=people[author],
            title=title,
            body=body,
            states=states,
            notify=False,
            limit_rate=False,
        )
        started = now - datetime.timedelta(days=days_ago)
        Topic.objects.filter(pk=topic.pk).update(created_at=started)
        topic.posts.update(created_at=started)
        for reply_author, hours, reply_body in replies:
            post = services.post_create(
                topic=topic,
                author=people[reply_author],
                body=reply_body,
                notify=False,
                limit_rate=False,
            )
            Post.objects.filter(pk=post.pk).update(
                created_at=started + datetime.timedelta(hours=hours)
            )
        if author == "moderator":
            Topic.objects.filter(pk=topic.pk).update(is_pinned=True)
        created += 1
        touched.add(forum.pk)

    # One report in the queue, so the moderation desk has something to show.
    neighbourhood = forums.get("nachbarschaftsforum")
    post = (
        Post.objects.filter(
            topic__forum=neighbourhood,
            topic__title="Ein gemeinsamer Veranstaltungskalender für die Region der Mitte?",
            author=people["vogt"],
        ).first()
        if neighbourhood
        else None
    )
    if post is not None and not Report.objects.filter(post=post).exists():
        Report.objects.create(
            post=post,
            reporter=people["albers"],
            reason="Demo-Meldung: Bitte prüfen, ob der Kalender Termine mit "
            "Namen von Privatpersonen zeigen würde.",
        )

    for forum in Forum.objects.filter(pk__in=touched):
        services.forum_refresh_counters(forum=forum)
    stdout.write(f"Forums: {created} demo topics added.")
